namespace TrendingTv.SparkJobs;

/// <summary>
/// How to run one prepared Spark job: the run id, the uploaded script's URI and the full
/// <c>spark-sql</c> command line (EMR runs it as a <c>command-runner.jar</c> step).
/// </summary>
public sealed record SparkJobPlan(string RunId, string ScriptUri, IReadOnlyList<string> SparkSqlArguments);
