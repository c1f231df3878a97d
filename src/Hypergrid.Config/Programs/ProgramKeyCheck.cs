using Hypergrid.Config.Tree;

namespace Hypergrid.Config.Programs;

/// <summary>
/// The keys of one leaf against what reads them, before any trial is made: a misspelling of one of Hypergrid's own keys
/// (<c>comand</c>) is named as such in every leaf; with declared parameters, a key neither declared nor Hypergrid's is an
/// error naming the nearest declared name, and a parameter without a default must be set. Pure.
/// </summary>
public static class ProgramKeyCheck
{
    /// <summary>Adds each problem to <paramref name="errors"/>; returns the leaf's declaration when it has a valid one.</summary>
    public static ParamDeclaration? Check(Leaf leaf, IReadOnlyList<MergedEntry> entries, List<ConfigError> errors)
    {
        var paramsEntry = entries.FirstOrDefault(e => e.Key == ProgramKeys.Params);
        var declaration = paramsEntry is null ? null : ParamDeclaration.Parse(paramsEntry.Value, errors);
        var declared = declaration?.ByName ?? new Dictionary<string, DeclaredParam>();
        var program = entries.Any(e => e.Key == ProgramKeys.Command);
        if (paramsEntry is not null && !program) errors.Add(Errors.ParamsWithoutCommand(paramsEntry.KeyMark));
        foreach (var e in entries)
        {
            if (declared.ContainsKey(e.Key) || HypergridKeys.All.Contains(e.Key)) continue;
            if (HypergridKeys.Misspelled(e.Key) is { } meant) errors.Add(Errors.MisspelledKey(e.KeyMark, e.Key, meant, program));
            else if (declaration is not null)
                errors.Add(Errors.UndeclaredKey(e.KeyMark, e.Key, Spelling.Nearest(e.Key, declared.Keys, Math.Max(2, e.Key.Length / 3)), declared.Keys));
        }
        if (declaration is null) return null;
        foreach (var p in declaration.Parameters.Where(p => p.Default is null && !entries.Any(e => e.Key == p.Name)))
            errors.Add(Errors.ParamMissing(leaf.File.DisplayPath, p));
        return declaration;
    }
}
