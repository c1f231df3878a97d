using Hypergrid.Config.Yaml;

namespace Hypergrid.Config.Programs;

/// <summary>
/// One parameter of a program as a tree declares it: its type, its default (null: every trial must set it) and the
/// values it may take (null: any of its type); <paramref name="Mark"/> is where the declaration names it.
/// </summary>
public sealed record DeclaredParam(string Name, ParamType Type, CfgNode? Default, IReadOnlyList<CfgNode>? Choices, SourceMark Mark)
{
    /// <summary>The value in this parameter's type (an int given to a float becomes a float), or null with the problem.</summary>
    public CfgNode? Typed(CfgNode value, out string? problem)
    {
        problem = null;
        CfgNode? typed = (Type, value) switch
        {
            (ParamType.Float, CfgScalar { Kind: ScalarKind.Int, Number: { } n } s) => CfgScalar.Of(n, s.Mark),
            (ParamType.Float, CfgScalar { Kind: ScalarKind.Float }) => value,
            (ParamType.Int, CfgScalar { Kind: ScalarKind.Int, Integer: not null }) => value,
            (ParamType.Bool, CfgScalar { Kind: ScalarKind.Bool }) => value,
            (ParamType.Str, CfgScalar { Kind: ScalarKind.String }) => value,
            (ParamType.List, CfgList) => value,
            _ => null,
        };
        if (typed is null)
        {
            problem = $"is {value.Canonical}, not {TypeWords} as declared ({Name}: {Type.ToString().ToLowerInvariant()})" + (Type == ParamType.Str && value is CfgScalar ? "; quote it to pass it as text" : "");
            return null;
        }
        if (Choices is not null && !Choices.Any(c => c.Canonical == typed.Canonical))
        {
            problem = $"is {typed.Canonical}, not one of its choices [{string.Join(", ", Choices.Select(c => c.Canonical))}]";
            return null;
        }
        return typed;
    }

    /// <summary>The declared type in words, as a problem names it.</summary>
    public string TypeWords => Type switch
    {
        ParamType.Float => "a number",
        ParamType.Int => "a whole number",
        ParamType.Bool => "true or false",
        ParamType.Str => "text",
        _ => "a list",
    };
}
