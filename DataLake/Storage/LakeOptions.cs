using System.ComponentModel.DataAnnotations;

namespace TrendingTv.DataLake.Storage;

/// <summary>Configuration section <c>Lake</c>: where the lake is and how to reach S3.</summary>
public sealed class LakeOptions : IValidatableObject
{
    public const string SectionName = "Lake";

    /// <summary>Lake root: <c>./lake</c>, <c>file:///path</c> or <c>s3://bucket[/prefix]</c>. Env: <c>Lake__Root</c>.</summary>
    [Required(AllowEmptyStrings = false, ErrorMessage = "Lake:Root is required: a directory, file:///path or s3://bucket[/prefix].")]
    public string Root { get; set; } = "./lake";

    /// <summary>Service URL of an S3-compatible server (MinIO, s3rver); empty for AWS. Env: <c>Lake__ServiceUrl</c>.</summary>
    public string? ServiceUrl { get; set; }

    /// <summary>AWS region; empty to take it from the default AWS chain. Env: <c>Lake__Region</c>.</summary>
    public string? Region { get; set; }

    /// <summary>Path-style addressing (on by default when <see cref="ServiceUrl"/> is set).</summary>
    public bool? ForcePathStyle { get; set; }

    /// <summary>Objects at least this large are uploaded in parts of this size (MiB, 5 to 512).</summary>
    [Range(5, 512, ErrorMessage = "Lake:{0} must be between {1} and {2} (MiB).")]
    public int MultipartPartSizeMiB { get; set; } = 16;

    public LakeUri ParseRoot() => LakeUri.Parse(Root);

    public IEnumerable<ValidationResult> Validate(ValidationContext validationContext)
    {
        if (!LakeUri.TryParse(Root, out var lake, out var error))
        {
            yield return new ValidationResult($"{SectionName}:{nameof(Root)}: {error}", [nameof(Root)]);
            yield break;
        }

        if (!string.IsNullOrWhiteSpace(ServiceUrl))
        {
            var printable = LakeUri.Redact(ServiceUrl);
            if (printable != ServiceUrl)
            {
                yield return new ValidationResult(
                    $"{SectionName}:{nameof(ServiceUrl)} '{printable}' carries credentials before '@'; give them through the AWS chain instead.", [nameof(ServiceUrl)]);
            }
            else if (!Uri.TryCreate(ServiceUrl, UriKind.Absolute, out var url) || (url.Scheme != Uri.UriSchemeHttp && url.Scheme != Uri.UriSchemeHttps))
            {
                yield return new ValidationResult($"{SectionName}:{nameof(ServiceUrl)} '{ServiceUrl}' is not an http(s) URL.", [nameof(ServiceUrl)]);
            }

            if (lake!.IsLocal)
            {
                yield return new ValidationResult($"{SectionName}:{nameof(ServiceUrl)} is set but the lake root {lake} is a local directory.", [nameof(ServiceUrl)]);
            }
        }
    }
}
