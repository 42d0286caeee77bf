using System.CommandLine;

namespace TrendingTv.Streamer.Commands;

/// <summary>The options every <c>streamer</c> command takes (before or after the command name).</summary>
internal sealed class GlobalOptions
{
    public Option<string?> Config { get; } = new("--config") { Description = "Extra JSON settings file.", Recursive = true };

    public Option<string?> Database { get; } = new("--db") { Description = "The SQLite capture store (Capture:DatabasePath).", Recursive = true };

    public Option<string?> Lake { get; } = new("--lake") { Description = "The lake root: a directory or s3://bucket[/prefix] (Lake:Root).", Recursive = true };

    public IEnumerable<Option> All => [Config, Database, Lake];
}
