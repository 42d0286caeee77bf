using System.CommandLine;
using TrendingTv.Cli.Serve;

namespace TrendingTv.Cli.Commands;

/// <summary>
/// <c>trendingtv serve [--urls URL] [--state DIR] [--lake PATH]</c>: the Functions app's pipeline as one
/// long-running process (daily timers, HTTP backfill and run status behind a key, the report at <c>/</c>,
/// <c>/healthz</c>, <c>/metrics</c>), its DAG state in Azure Storage (a local Azurite by default) so that a
/// crash loses nothing. See docs/serve.md.
/// </summary>
public static class ServeCommand
{
    public static Command Create()
    {
        var urls = new Option<string?>("--urls") { Description = "Where to listen (default: Serve:Urls, http://127.0.0.1:7071)" };
        var state = RunCommand.StateOption();
        var lake = CommonOptions.Lake();
        var command = new Command("serve", "Run the daily DAGs, the HTTP backfill API, the report and metrics as one long-running service") { urls, state, lake };
        command.SetAction(async (parse, cancellationToken) =>
        {
            await ServeHost.RunAsync(parse.GetValue(lake), parse.GetValue(state), parse.GetValue(urls), cancellationToken);
            return 0;
        });
        return command;
    }
}
