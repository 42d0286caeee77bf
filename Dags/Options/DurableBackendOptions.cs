using System.ComponentModel.DataAnnotations;

namespace TrendingTv.Dags.Options;

/// <summary>
/// Configuration section <c>Durable</c>: where the embedded host keeps the DAG's orchestration state.
/// <c>InMemory</c> (state gone with the process: the demo, fast tests) or <c>AzureStorage</c> (tables,
/// queues and blobs of a storage account — Azurite locally — the backend Durable Functions uses in
/// Azure; runs survive a crash). Env: <c>Durable__Backend</c>, <c>Durable__StorageConnectionString</c> …
/// </summary>
public sealed class DurableBackendOptions : IValidatableObject
{
    public const string SectionName = "Durable";

    public DurableBackend Backend { get; set; } = DurableBackend.InMemory;

    /// <summary>
    /// The storage account's connection string (a secret: never logged). Empty with <c>AzureStorage</c>:
    /// the commands that can (<c>serve</c>, <c>run --durable</c>) start a local Azurite under their state folder.
    /// </summary>
    public string? StorageConnectionString { get; set; }

    /// <summary>The task hub: the prefix of the tables, queues and containers (3 to 45 letters and digits, starting with a letter).</summary>
    [RegularExpression("^[A-Za-z][A-Za-z0-9]{2,44}$", ErrorMessage = "The task hub name must be 3 to 45 letters and digits, starting with a letter.")]
    public string TaskHub { get; set; } = "trendingtv";

    /// <summary>Control queues (partitions) of the task hub; fixed once the hub exists.</summary>
    [Range(1, 16)]
    public int PartitionCount { get; set; } = 4;

    /// <summary>Longest wait between two polls of an empty queue (the backend backs off up to this when idle).</summary>
    [Range(typeof(TimeSpan), "00:00:00.050", "00:01:00")]
    public TimeSpan MaxQueuePollingInterval { get; set; } = TimeSpan.FromSeconds(2);

    /// <summary>
    /// How long a dequeued message stays invisible: after a crash, the work the dead process held comes back
    /// after at most this long. It must exceed the longest activity (they are short: a listing, a submit, a poll).
    /// </summary>
    [Range(typeof(TimeSpan), "00:00:05", "01:00:00")]
    public TimeSpan MessageVisibilityTimeout { get; set; } = TimeSpan.FromMinutes(1);

    /// <summary>
    /// The azurite package folder (holding its package.json) for a local Azurite; empty: <c>node_modules/azurite</c>
    /// found above the current directory or the application's folder (<c>npm ci</c> in the repository installs it).
    /// </summary>
    public string? AzuritePath { get; set; }

    /// <summary>True when an Azure Storage backend needs a local Azurite (no connection string was configured).</summary>
    public bool NeedsLocalAzurite => Backend == DurableBackend.AzureStorage && string.IsNullOrWhiteSpace(StorageConnectionString);

    public IEnumerable<ValidationResult> Validate(ValidationContext validationContext)
    {
        if (!Enum.IsDefined(Backend))
        {
            yield return new ValidationResult($"Unknown backend '{Backend}'; expected InMemory or AzureStorage.", [nameof(Backend)]);
        }
    }
}
