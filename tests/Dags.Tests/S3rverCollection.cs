using TrendingTv.Fixtures.S3;

namespace TrendingTv.Dags.Tests;

/// <summary>One s3rver for the DAG tests that run on an S3 lake.</summary>
[CollectionDefinition(S3rverFixture.Collection)]
public sealed class S3rverCollection : ICollectionFixture<S3rverFixture>;
