using System.CommandLine;
using Microsoft.Extensions.DependencyInjection;
using TrendingTv.Streamer.Hosting;
using TrendingTv.Streamer.Sources.X;

namespace TrendingTv.Streamer.Commands;

/// <summary><c>streamer rules sync [--dry-run]</c> and <c>streamer rules list</c>: the X filtered-stream rules.</summary>
internal static class RulesCommand
{
    public static Command Create(CommandHost host)
    {
        var dryRun = new Option<bool>("--dry-run") { Description = "Only show what would change." };
        var sync = new Command("sync", "Make the stream's rules match the catalogue (one rule per show, tagged with its id).") { dryRun };
        sync.SetAction((parseResult, cancellationToken) => host.RunAsync(
            parseResult,
            services => services.AddCaptureStore().AddXSource(),
            async (provider, output, token) =>
            {
                var result = await provider.GetRequiredService<XRuleSync>().SyncAsync(parseResult.GetValue(dryRun), token);
                foreach (var rule in result.Deleted)
                {
                    await output.WriteLineAsync($"- [{rule.Tag}] {rule.Value}");
                }

                foreach (var rule in result.Added)
                {
                    await output.WriteLineAsync($"+ [{rule.Tag}] {rule.Value}");
                }

                await output.WriteLineAsync(CommandText.Invariant($"{result.Added.Count} added, {result.Deleted.Count} deleted, {result.Kept} kept{(parseResult.GetValue(dryRun) ? " (dry run)" : string.Empty)}."));
                return ExitCodes.Done;
            },
            cancellationToken));
        var list = new Command("list", "List the stream's rules.");
        list.SetAction((parseResult, cancellationToken) => host.RunAsync(
            parseResult,
            services => services.AddCaptureStore().AddXSource(),
            async (provider, output, token) =>
            {
                foreach (var rule in await provider.GetRequiredService<XApiClient>().ListRulesAsync(token))
                {
                    await output.WriteLineAsync($"{rule.Id} [{rule.Tag}] {rule.Value}");
                }

                return ExitCodes.Done;
            },
            cancellationToken));
        return new Command("rules", "The X filtered-stream rules.") { sync, list };
    }
}
