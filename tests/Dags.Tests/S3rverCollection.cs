using TrendingTv.Fixtures.S3;

namespace TrendingTv.Dags.Tests;

/// <summary>The tests that share one s3rver process (xunit needs the definition in the test assembly).</summary>
[CollectionDefinition(S3rverFixture.Collection)]
public sealed class S3rverCollection : ICollectionFixture<S3rverFixture>;
