using Hypergrid.Config;

namespace Hypergrid.Cli;

/// <summary>The one place where exceptions become exit codes: 2 for the user's input, 1 for failures.</summary>
public static class Exit
{
    public const int Ok = 0;
    public const int Failed = 1;
    public const int BadInput = 2;

    public static int Guard(Func<int> action)
    {
        try { return action(); }
        catch (ConfigException ex)
        {
            Console.Error.WriteLine($"error: {ex.Errors.Count} problem(s) in the config; nothing was written.");
            foreach (var e in ex.Errors) Console.Error.WriteLine(e.ToString());
            return BadInput;
        }
        catch (UsageException ex)
        {
            Console.Error.WriteLine($"error: {ex.Message}");
            return BadInput;
        }
        catch (Exception ex) when (ex is IOException or UnauthorizedAccessException)
        {
            // An unreadable file, a read-only or full --out: the user's to fix, and every write is atomic, so nothing is half-written.
            Console.Error.WriteLine($"error: {ex.Message}");
            Console.Error.WriteLine("  hint: check that the files named exist and are readable, and that --out is a writable folder with free space");
            return BadInput;
        }
    }

    public static async Task<int> GuardAsync(Func<Task<int>> action)
    {
        try { return await action(); }
        catch (Exception ex) when (ex is ConfigException or UsageException or IOException or UnauthorizedAccessException)
        {
            return Guard(() => throw ex);
        }
    }

    /// <summary>Command-line mistakes (unknown verb or flag, a value that does not parse): one line each, exit 2.</summary>
    public static int ParseErrors(System.CommandLine.ParseResult parse)
    {
        foreach (var e in parse.Errors) Console.Error.WriteLine($"error: {e.Message}");
        Console.Error.WriteLine("  hint: 'hypergrid --help' lists the verbs, 'hypergrid <verb> --help' their options");
        return BadInput;
    }
}
