using Hypergrid.Config.Expansion;
using Hypergrid.Config.Yaml;

namespace Hypergrid.Config.Programs;

/// <summary>
/// The checks of a trial trained by the user's own program: its dataset, model, trainer and keys are the program's,
/// so no registry is asked; the description's rules still hold (checked by the leaf validator: modes, seeds, axes),
/// and here every number must be finite and the program's own settings in range.
/// </summary>
public static class ProgramSchema
{
    /// <summary>Whether a trial is trained by a program of its own (its config has a command).</summary>
    public static bool IsProgram(TrialConfig config) => config[ProgramKeys.Command] is not null;

    /// <summary>
    /// Checks the config; returns it (with declared parameters in their types and their defaults written out), or null
    /// after adding each problem to <paramref name="errors"/>.
    /// </summary>
    public static TrialConfig? Check(TrialConfig config, List<ConfigError> errors)
    {
        var before = errors.Count;
        if (ParamDeclaration.Of(config) is { } declaration) config = declaration.Apply(config, errors);
        foreach (var e in config.Entries) CheckFinite(e.Key, e.Value, errors);
        ProgramLimits.Check(config, errors);
        if (config.Entry(ProgramKeys.StopGrace) is { } grace
            && (grace.Value is not CfgScalar s || s.Number is not { } g || g < 0 || g > ProgramKeys.MaxStopGrace))
            errors.Add(new ConfigError(grace.Value.Mark, ProgramKeys.StopGrace, $"is {grace.Value.Canonical}, not a number of seconds from 0 to {ProgramKeys.MaxStopGrace}",
                $"write how long your program may take to save and exit after SIGTERM, e.g. {ProgramKeys.StopGrace}: 60"));
        if (config.Entry(ProgramKeys.Code) is { } code) CheckCode(code.Value, errors);
        return errors.Count > before ? null : config;
    }

    /// <summary>The <c>code:</c> globs of a program trial (null: the files its command names).</summary>
    public static IReadOnlyList<string>? CodeGlobs(TrialConfig config) => config[ProgramKeys.Code] switch
    {
        CfgScalar { Kind: ScalarKind.String } s => [s.Text],
        CfgList list => list.Items.OfType<CfgScalar>().Select(s => s.Text).ToList(),
        _ => null,
    };

    private static void CheckCode(CfgNode node, List<ConfigError> errors)
    {
        var items = node is CfgList list ? list.Items : [node];
        if (items.Count == 0) errors.Add(Errors.BadCodeGlob(node.Mark, "[]", "is an empty list"));
        foreach (var item in items)
        {
            if (item is not CfgScalar { Kind: ScalarKind.String } s) errors.Add(Errors.BadCodeGlob(item.Mark, item.Canonical, "is not a string"));
            else if (Trials.Code.CodeGlob.Problem(s.Text) is { } problem) errors.Add(Errors.BadCodeGlob(s.Mark, s.Text, problem));
        }
    }

    /// <summary>What a program trial runs with: its declared parameters in their types, defaults included (the config itself without a declaration).</summary>
    public static TrialConfig Effective(TrialConfig config) => ParamDeclaration.Of(config)?.Apply(config, []) ?? config;

    /// <summary>The seconds a program gets between SIGTERM and SIGKILL.</summary>
    public static TimeSpan StopGrace(TrialConfig config) =>
        TimeSpan.FromSeconds(config[ProgramKeys.StopGrace] is CfgScalar { Number: { } g } ? g : ProgramKeys.DefaultStopGrace);

    /// <summary>The command template of a program trial (checked by expansion, so it parses).</summary>
    public static CommandTemplate Template(TrialConfig config)
    {
        string? problem = "is not one string";
        if (config[ProgramKeys.Command] is CfgScalar s && CommandTemplate.TryParse(s.Text, out problem) is { } t) return t;
        throw new ConfigException([Errors.BadCommand(config[ProgramKeys.Command]?.Mark ?? default, problem ?? "is not a command")]);
    }

    /// <summary>The argument list of a trial: each {key} replaced by its value in canonical form (a string as written).</summary>
    public static IReadOnlyList<string> Arguments(TrialConfig config) =>
        Template(config).Arguments(key => config[key] is CfgScalar { Kind: ScalarKind.String } s ? s.Text : config[key]?.Canonical ?? "");

    private static void CheckFinite(string key, CfgNode node, List<ConfigError> errors)
    {
        switch (node)
        {
            case CfgScalar { Number: { } d } s when !double.IsFinite(d):
                errors.Add(new ConfigError(s.Mark, key, $"is {s.Text}, which is not a finite number", "write a finite number"));
                break;
            case CfgList list:
                foreach (var item in list.Items) CheckFinite(key, item, errors);
                break;
            case CfgMap map:
                foreach (var e in map.Entries) CheckFinite(key, e.Value, errors);
                break;
        }
    }
}
