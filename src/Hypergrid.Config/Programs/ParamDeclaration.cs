using System.Runtime.CompilerServices;
using Hypergrid.Config.Expansion;
using Hypergrid.Config.Tree;
using Hypergrid.Config.Yaml;

namespace Hypergrid.Config.Programs;

/// <summary>
/// A program's declared parameters (the <c>params:</c> key): each name with a type (<c>lr: float</c>) or a mapping of
/// type, default and choices (<c>gamma: {type: float, default: 0.7}</c>, <c>optimizer: {choices: [adam, sgd]}</c>).
/// Pure: reads values, returns values and errors.
/// </summary>
public sealed class ParamDeclaration
{
    private static readonly string[] Settings = ["type", "default", "choices", "help"];
    private static readonly Dictionary<string, ParamType> TypeNames = new(StringComparer.Ordinal)
    {
        ["float"] = ParamType.Float, ["int"] = ParamType.Int, ["bool"] = ParamType.Bool, ["str"] = ParamType.Str, ["list"] = ParamType.List,
    };

    // A leaf's trials share one params node: its declaration is read once, not once per trial.
    private static readonly ConditionalWeakTable<CfgNode, ParamDeclaration> Read = new();

    private ParamDeclaration(IReadOnlyList<DeclaredParam> parameters, SourceMark mark)
    {
        Parameters = parameters;
        Mark = mark;
        ByName = parameters.ToDictionary(p => p.Name, StringComparer.Ordinal);
    }

    /// <summary>The parameters in the order they are declared.</summary>
    public IReadOnlyList<DeclaredParam> Parameters { get; }

    /// <summary>Each parameter by its name.</summary>
    public IReadOnlyDictionary<string, DeclaredParam> ByName { get; }

    /// <summary>Where the declaration is.</summary>
    public SourceMark Mark { get; }

    /// <summary>The declaration a trial's config carries, or null when it declares none (or its declaration has mistakes).</summary>
    public static ParamDeclaration? Of(TrialConfig config) =>
        config[ProgramKeys.Params] is { } node and not CfgScalar { Kind: ScalarKind.Null } ? Read.GetValue(node, n => Parse(n, []) ?? Empty(n.Mark)) is { Parameters.Count: > 0 } d ? d : null : null;

    /// <summary>Reads a declaration; every mistake is an error at its line. Null when it has any.</summary>
    public static ParamDeclaration? Parse(CfgNode node, List<ConfigError> errors)
    {
        var before = errors.Count;
        if (node is not CfgMap map || map.Entries.Count == 0)
        {
            errors.Add(Errors.ParamsNotMapping(node.Mark, node.Canonical));
            return null;
        }
        var parameters = new List<DeclaredParam>();
        foreach (var e in map.Entries)
        {
            if (HypergridKeys.NotDeclarable.Contains(e.Key)) errors.Add(Errors.ParamIsHypergrids(e.KeyMark, e.Key));
            else if (ParseOne(e, errors) is { } p) parameters.Add(p);
        }
        return errors.Count > before ? null : new ParamDeclaration(parameters, node.Mark);
    }

    /// <summary>
    /// The config with each declared parameter's value in its type and each default written for a parameter the trial
    /// leaves out; a value that does not fit is an error at the line that set it.
    /// </summary>
    public TrialConfig Apply(TrialConfig config, List<ConfigError> errors)
    {
        var typed = new Dictionary<string, CfgNode>(StringComparer.Ordinal);
        foreach (var e in config.Entries)
        {
            if (!ByName.TryGetValue(e.Key, out var p)) continue;
            if (p.Typed(e.Value, out var problem) is { } value) typed[e.Key] = value;
            else errors.Add(Errors.ParamValue(e.Value.Mark, e.Key, problem!, p));
        }
        var result = config.With(typed);
        var missing = Parameters.Where(p => p.Default is not null && config[p.Name] is null).ToList();
        if (missing.Count == 0) return result;
        return new TrialConfig([.. result.Entries, .. missing.Select(p => new MergedEntry(p.Name, p.Default!, p.Default!.Mark.File, p.Mark))]);
    }

    private static ParamDeclaration Empty(SourceMark mark) => new([], mark);

    private static DeclaredParam? ParseOne(CfgEntry e, List<ConfigError> errors)
    {
        if (e.Value is CfgScalar { Kind: ScalarKind.String } s)
        {
            if (TypeNames.TryGetValue(s.Text, out var type)) return new DeclaredParam(e.Key, type, null, null, e.KeyMark);
            errors.Add(Errors.ParamType(s.Mark, e.Key, s.Text));
            return null;
        }
        if (e.Value is not CfgMap map)
        {
            errors.Add(Errors.ParamType(e.Value.Mark, e.Key, e.Value.Canonical));
            return null;
        }
        var before = errors.Count;
        foreach (var x in map.Entries.Where(x => !Settings.Contains(x.Key)))
            errors.Add(Errors.ParamSetting(x.KeyMark, e.Key, x.Key, Settings));
        var choices = map["choices"];
        if (choices is not null and not CfgList { Items.Count: > 0 }) errors.Add(Errors.ParamChoices(choices.Mark, e.Key, choices.Canonical));
        var items = (choices as CfgList)?.Items;
        ParamType? declared = null;
        if (map["type"] is { } t)
        {
            if (t is CfgScalar { Kind: ScalarKind.String } ts && TypeNames.TryGetValue(ts.Text, out var tt)) declared = tt;
            else errors.Add(Errors.ParamType(t.Mark, e.Key, t is CfgScalar tsc ? tsc.Text : t.Canonical));
        }
        else if (Inferred(items ?? (map["default"] is { } d ? [d] : [])) is { } inferred) declared = inferred;
        else if (errors.Count == before) errors.Add(Errors.ParamType(e.KeyMark, e.Key, null));
        if (errors.Count > before || declared is not { } kind) return null;

        var untyped = new DeclaredParam(e.Key, kind, null, null, e.KeyMark);
        var typedChoices = items?.Select(c => untyped.Typed(c, out var problem) ?? Bad(c, problem!)).ToList();
        var withChoices = untyped with { Choices = typedChoices };
        var value = map["default"] is { } dv ? withChoices.Typed(dv, out var why) ?? Bad(dv, why!) : null;
        return errors.Count > before ? null : withChoices with { Default = value };

        CfgNode Bad(CfgNode at, string problem)
        {
            errors.Add(Errors.ParamValue(at.Mark, e.Key, problem, untyped));
            return at;
        }
    }

    // Without a type, the values given say it: all whole numbers are int, numbers float, true/false bool, text str.
    private static ParamType? Inferred(IReadOnlyList<CfgNode> values)
    {
        if (values.Count == 0) return null;
        if (values.All(v => v is CfgScalar { Kind: ScalarKind.Int })) return ParamType.Int;
        if (values.All(v => v is CfgScalar { Kind: ScalarKind.Int or ScalarKind.Float })) return ParamType.Float;
        if (values.All(v => v is CfgScalar { Kind: ScalarKind.Bool })) return ParamType.Bool;
        if (values.All(v => v is CfgScalar { Kind: ScalarKind.String })) return ParamType.Str;
        if (values.All(v => v is CfgList)) return ParamType.List;
        return null;
    }
}
