using Amazon;
using Amazon.Runtime;
using Amazon.S3;

namespace TrendingTv.DataLake.Storage;

/// <summary>Builds the object store a lake root names: local directory or S3 (AWS or S3-compatible).</summary>
public static class ObjectStoreFactory
{
    /// <summary>Creates the store; for S3, credentials come from the default AWS chain unless given.</summary>
    public static IObjectStore Create(LakeOptions options, AWSCredentials? credentials = null)
    {
        ArgumentNullException.ThrowIfNull(options);
        var root = options.ParseRoot();
        return root.IsLocal
            ? new LocalDirectoryStore(root)
            : new S3ObjectStore(CreateS3Client(options, credentials), root, options.MultipartPartSizeMiB << 20);
    }

    /// <summary>
    /// An S3 client for the options. For S3-compatible servers, aws-chunked payload signing is off per
    /// request (UseChunkEncoding) and checksums are computed only when an operation requires them.
    /// <paramref name="httpClientFactory"/>, when given, supplies the HTTP clients (a proxy, or fault injection in tests).
    /// </summary>
    public static IAmazonS3 CreateS3Client(LakeOptions options, AWSCredentials? credentials = null, HttpClientFactory? httpClientFactory = null)
    {
        ArgumentNullException.ThrowIfNull(options);
        var config = new AmazonS3Config
        {
            RequestChecksumCalculation = RequestChecksumCalculation.WHEN_REQUIRED,
            ResponseChecksumValidation = ResponseChecksumValidation.WHEN_REQUIRED,
            HttpClientFactory = httpClientFactory,
        };
        if (!string.IsNullOrWhiteSpace(options.Region))
        {
            config.RegionEndpoint = RegionEndpoint.GetBySystemName(options.Region);
        }

        if (!string.IsNullOrWhiteSpace(options.ServiceUrl))
        {
            config.ServiceURL = options.ServiceUrl;
            config.ForcePathStyle = options.ForcePathStyle ?? true;
            if (!string.IsNullOrWhiteSpace(options.Region))
            {
                config.AuthenticationRegion = options.Region;
            }
        }
        else if (options.ForcePathStyle is { } pathStyle)
        {
            config.ForcePathStyle = pathStyle;
        }

        return credentials is null ? new AmazonS3Client(config) : new AmazonS3Client(credentials, config);
    }
}
