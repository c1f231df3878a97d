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

    /// <summary>
    /// Command-line mistakes, one line each, exit 2: an unknown verb or option names the nearest one there is, a value
    /// that does not parse says in words what was expected; never a .NET type name.
    /// </summary>
    public static int ParseErrors(System.CommandLine.ParseResult parse)
    {
        foreach (var line in ParseMessages(parse)) Console.Error.WriteLine($"error: {line}");
        Console.Error.WriteLine("  hint: 'hypergrid --help' lists the verbs, 'hypergrid <verb> --help' their options");
        return BadInput;
    }

    public static IEnumerable<string> ParseMessages(System.CommandLine.ParseResult parse)
    {
        var command = parse.CommandResult.Command;
        var isRoot = command.Parents.FirstOrDefault() is null;
        var verb = isRoot ? "hypergrid" : $"'{command.Name}'";
        var unmatched = parse.UnmatchedTokens;
        var said = new List<string>();
        for (var i = 0; i < unmatched.Count; i++)
        {
            var token = unmatched[i];
            if (token.StartsWith('-'))
            {
                var names = command.Options.SelectMany(o => o.Aliases.Prepend(o.Name)).Where(n => n.StartsWith("--", StringComparison.Ordinal)).Distinct().ToList();
                said.Add($"{verb} has no option '{token}'{Suggest(token.Split('=')[0], names)}");
                if (i + 1 < unmatched.Count && !unmatched[i + 1].StartsWith('-')) i++; // its value is not a second mistake
            }
            else if (isRoot) said.Add($"'{token}' is not a verb{Suggest(token, command.Subcommands.Where(c => !c.Hidden).Select(c => c.Name).ToList(), listAll: true)}");
            else said.Add($"{verb} takes no argument '{token}'; see 'hypergrid {command.Name} --help'");
        }
        foreach (var e in parse.Errors)
        {
            if (e.Message.StartsWith("Unrecognized command or argument", StringComparison.Ordinal)) continue; // said above, with a suggestion
            if (e.Message.StartsWith("Required command was not provided", StringComparison.Ordinal))
            {
                if (unmatched.Count == 0) said.Add($"name a verb: {string.Join(", ", command.Subcommands.Where(c => !c.Hidden).Select(c => c.Name))}");
                continue;
            }
            said.Add(ValueProblem(e.Message) ?? e.Message);
        }
        return said;
    }

    // "Cannot parse argument 'two' for option '--workers' as expected type 'System.Nullable`1[System.Int32]'." in words.
    private static string? ValueProblem(string message)
    {
        if (System.Text.RegularExpressions.Regex.Match(message, @"^Required argument missing for option: '(.*)'") is { Success: true } missing)
            return $"{missing.Groups[1].Value} needs a value; see its description in 'hypergrid <verb> --help'";
        var m = System.Text.RegularExpressions.Regex.Match(message, @"^Cannot parse argument '(.*)' for (?:option|argument) '(.*)' as expected type '(.*)'");
        if (!m.Success) return null;
        var (value, option, type) = (m.Groups[1].Value, m.Groups[2].Value, m.Groups[3].Value);
        var expected = type.Contains("Int32") || type.Contains("Int64") ? ("a whole number", "2")
            : type.Contains("Double") || type.Contains("Single") ? ("a number", "0.5")
            : type.Contains("Boolean") ? ("true or false", "true")
            : ("another value", "");
        return $"{option} {value}: '{value}' is not {expected.Item1}" + (expected.Item2.Length > 0 ? $" (e.g. {option} {expected.Item2})" : "");
    }

    /// <summary>"; did you mean 'sweep'?" for the nearest name (edit distance), or the names there are.</summary>
    public static string Suggest(string typed, IReadOnlyList<string> names, bool listAll = false)
    {
        if (Config.Spelling.Nearest(typed, names, Math.Max(2, typed.Length / 3)) is { } best) return $"; did you mean '{best}'?";
        return listAll || names.Count <= 12 ? $"; it is one of: {string.Join(", ", names)}" : "";
    }
}
