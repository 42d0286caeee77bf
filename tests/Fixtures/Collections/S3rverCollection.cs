using TrendingTv.Fixtures.S3;

namespace TrendingTv.Fixtures.Collections;

/// <summary>
/// The tests that share one s3rver process (<c>[Collection(S3rverFixture.Collection)]</c>). xunit finds
/// collection definitions only in the test assembly, so this one file is compiled into every test
/// project (tests/Directory.Build.props) and not into the Fixtures library.
/// </summary>
[CollectionDefinition(S3rverFixture.Collection)]
public sealed class S3rverCollection : ICollectionFixture<S3rverFixture>;
