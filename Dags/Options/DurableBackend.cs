namespace TrendingTv.Dags.Options;

/// <summary>Where the DAG's orchestration state lives; see <see cref="DurableBackendOptions"/>.</summary>
public enum DurableBackend
{
    /// <summary>In the process's memory: fast, gone when the process ends.</summary>
    InMemory,

    /// <summary>An Azure Storage account (or Azurite): survives crashes and restarts.</summary>
    AzureStorage,
}
