using Spectre.Console;

namespace Hypergrid.Cli;

/// <summary>Tables written to a file or a pipe get a wide page instead of Spectre's 80 columns, so rows do not wrap in logs.</summary>
public static class ConsoleWidth
{
    public static void WidenWhenRedirected()
    {
        if (Console.IsOutputRedirected) AnsiConsole.Profile.Width = 200;
    }
}
