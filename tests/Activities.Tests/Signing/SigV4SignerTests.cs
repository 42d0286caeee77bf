using System.Text;
using System.Text.Json;
using Amazon.Runtime;
using TrendingTv.Activities.Signing;

namespace TrendingTv.Activities.Tests.Signing;

/// <summary>The AWS Signature V4 test suite (TestData/sigv4, from the AWS Common Runtime): every case, header signing.</summary>
public sealed class SigV4SignerTests
{
    private static readonly string SuiteDirectory = Path.Combine(AppContext.BaseDirectory, "TestData", "sigv4");

    public static TheoryData<string> Cases()
    {
        var data = new TheoryData<string>();
        foreach (var directory in Directory.GetDirectories(SuiteDirectory).Order(StringComparer.Ordinal))
        {
            data.Add(Path.GetFileName(directory));
        }

        return data;
    }

    [Fact]
    public void The_whole_suite_is_present()
    {
        Assert.Equal(32, Directory.GetDirectories(SuiteDirectory).Length);
    }

    [Theory]
    [MemberData(nameof(Cases))]
    public void Reproduces_the_canonical_request_string_to_sign_and_signature_of_the_suite(string name)
    {
        var testCase = SuiteCase.Load(Path.Combine(SuiteDirectory, name));

        var signature = testCase.Signer.Sign(testCase.Request, testCase.Credentials, testCase.Time);

        Assert.Equal(testCase.Expected("header-canonical-request.txt"), signature.CanonicalRequest);
        Assert.Equal(testCase.Expected("header-string-to-sign.txt"), signature.StringToSign);
        Assert.Equal(testCase.Expected("header-signature.txt"), signature.Signature);
        Assert.Equal(testCase.ExpectedAuthorization(), signature.Authorization);
    }

    [Fact]
    public void Session_token_is_added_as_a_signed_header()
    {
        var testCase = SuiteCase.Load(Path.Combine(SuiteDirectory, "post-sts-header-before"));

        var signature = testCase.Signer.Sign(testCase.Request, testCase.Credentials, testCase.Time);

        Assert.Contains(signature.HeadersToAdd, h => h.Key == SigV4Signer.SecurityTokenHeader && h.Value == testCase.Credentials.Token);
        Assert.Contains("x-amz-security-token", signature.SignedHeaders.Split(';'));
    }

    [Fact]
    public void A_different_secret_gives_a_different_signature()
    {
        var testCase = SuiteCase.Load(Path.Combine(SuiteDirectory, "get-vanilla"));
        var wrong = new ImmutableCredentials(testCase.Credentials.AccessKey, "not-the-secret", null);

        var signature = testCase.Signer.Sign(testCase.Request, wrong, testCase.Time);

        Assert.NotEqual(testCase.Expected("header-signature.txt"), signature.Signature);
    }

    [Theory]
    [InlineData("/", "/")]
    [InlineData("/a b/ü", "/a%20b/%C3%BC")]
    [InlineData("/already%20encoded", "/already%2520encoded")]
    public void Path_segments_are_encoded_as_sigv4_asks_for_non_s3_services(string path, string expected)
    {
        Assert.Equal(expected, new SigV4Signer("eu-west-1", "elasticmapreduce").CanonicalPath(path));
    }

    /// <summary>One folder of the suite: context.json, request.txt and the expected texts.</summary>
    private sealed record SuiteCase(string Directory, SigV4Signer Signer, SigV4Request Request, ImmutableCredentials Credentials, DateTimeOffset Time)
    {
        public static SuiteCase Load(string directory)
        {
            using var context = JsonDocument.Parse(File.ReadAllText(Path.Combine(directory, "context.json")));
            var root = context.RootElement;
            var credentials = root.GetProperty("credentials");
            var token = credentials.TryGetProperty("token", out var t) && !(root.TryGetProperty("omit_session_token", out var omit) && omit.GetBoolean())
                ? t.GetString()
                : null;
            var signer = new SigV4Signer(root.GetProperty("region").GetString()!, root.GetProperty("service").GetString()!)
            {
                NormalizePath = root.GetProperty("normalize").GetBoolean(),
                AddContentSha256Header = root.GetProperty("sign_body").GetBoolean(),
            };
            return new SuiteCase(
                directory,
                signer,
                ParseRequest(File.ReadAllText(Path.Combine(directory, "request.txt"), Encoding.UTF8)),
                new ImmutableCredentials(credentials.GetProperty("access_key_id").GetString(), credentials.GetProperty("secret_access_key").GetString(), token),
                DateTimeOffset.Parse(root.GetProperty("timestamp").GetString()!, System.Globalization.CultureInfo.InvariantCulture));
        }

        public string Expected(string file) => File.ReadAllText(Path.Combine(Directory, file), Encoding.UTF8);

        public string ExpectedAuthorization() =>
            File.ReadAllLines(Path.Combine(Directory, "header-signed-request.txt"), Encoding.UTF8)
                .Single(l => l.StartsWith("Authorization:", StringComparison.Ordinal))["Authorization:".Length..];

        /// <summary>Parses the suite's raw HTTP text: request line, headers (continuation lines start with a space), blank line, body.</summary>
        private static SigV4Request ParseRequest(string text)
        {
            var lines = text.Replace("\r\n", "\n", StringComparison.Ordinal).Split('\n');
            var requestLine = lines[0];
            var method = requestLine[..requestLine.IndexOf(' ', StringComparison.Ordinal)];
            var target = requestLine[(method.Length + 1)..requestLine.LastIndexOf(" HTTP/", StringComparison.Ordinal)];
            var question = target.IndexOf('?', StringComparison.Ordinal);
            var path = question < 0 ? target : target[..question];
            var query = question < 0 ? string.Empty : target[(question + 1)..];

            var headers = new List<KeyValuePair<string, string>>();
            var index = 1;
            for (; index < lines.Length && lines[index].Length > 0; index++)
            {
                var line = lines[index];
                if (char.IsWhiteSpace(line[0]) && headers.Count > 0)
                {
                    var last = headers[^1];
                    headers[^1] = new(last.Key, last.Value + "\n" + line);
                    continue;
                }

                var colon = line.IndexOf(':', StringComparison.Ordinal);
                headers.Add(new(line[..colon], line[(colon + 1)..]));
            }

            var body = index < lines.Length - 1 ? string.Join('\n', lines[(index + 1)..]) : string.Empty;
            return new SigV4Request(method, path, query, headers, Encoding.UTF8.GetBytes(body));
        }
    }
}
