using System.CommandLine;
using TrendingTv.Cli.Commands;

namespace TrendingTv.Cli;

/// <summary>The <c>trendingtv</c> command tree.</summary>
public static class CliApplication
{
    public static RootCommand CreateRootCommand() => new("TrendingTv: popular and trending TV shows from X posts and TMDB")
    {
        DemoCommand.Create(),
        RunCommand.Create(),
        ReportCommand.Create(),
        QueryCommand.Create(),
        ServeCommand.Create(),
    };
}
