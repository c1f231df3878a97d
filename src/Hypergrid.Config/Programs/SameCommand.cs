using Hypergrid.Config.Expansion;

namespace Hypergrid.Config.Programs;

/// <summary>
/// Without declared parameters Hypergrid cannot tell a program's parameter from a typo; but when the command has
/// placeholders and an axis appears in none of them, trials differing only on that axis run the very same command
/// (<c>batch_sise: [32, 64]</c>). That is worth a warning naming them; the program may still read the key from
/// HYPERGRID_CONFIG_JSON, so it is not an error. Pure.
/// </summary>
public static class SameCommand
{
    /// <summary>One line per axis no placeholder names, when some trials of the leaf run the same command.</summary>
    public static IReadOnlyList<string> Warnings(LeafPlan plan, IReadOnlyList<Trial> trials)
    {
        if (trials.Count < 2 || !ProgramSchema.IsProgram(trials[0].Config) || ParamDeclaration.Of(trials[0].Config) is not null) return [];
        var placeholders = ProgramSchema.Template(trials[0].Config).Keys.ToHashSet(StringComparer.Ordinal);
        if (placeholders.Count == 0) return [];
        var unnamed = plan.Axes.Where(a => !placeholders.Contains(a.Key)).ToList();
        if (unnamed.Count == 0) return [];
        var same = trials.GroupBy(t => string.Join('\u0000', ProgramSchema.Arguments(t.Config)), StringComparer.Ordinal)
            .Where(g => g.Count() > 1).Select(g => g.Select(t => t.Id.Folder).ToList()).ToList();
        if (same.Count == 0) return [];
        var first = string.Join(" and ", same[0]);
        var more = same.Count > 1 ? $" (and {same.Count - 1} more group{(same.Count > 2 ? "s" : "")} of trials)" : "";
        return unnamed.Select(a =>
            $"{a.File}: warning: axis '{a.Key}' appears in no {{placeholder}} of the command, so {first} run the same command{more}; " +
            $"put {{{a.Key}}} in the command, fix the key's spelling, or declare the program's parameters under {ProgramKeys.Params}: to have every key checked").ToList();
    }
}
