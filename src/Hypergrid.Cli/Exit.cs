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
    }

    public static async Task<int> GuardAsync(Func<Task<int>> action)
    {
        try { return await action(); }
        catch (Exception ex) when (ex is ConfigException or UsageException)
        {
            return Guard(() => throw ex);
        }
    }
}
