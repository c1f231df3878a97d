namespace Hypergrid.Dashboard.Figures;

/// <summary>
/// Who asked for a figure, so that a mistake is told in their words: `hypergrid plot`'s options ("--band bogus") or the
/// API's query parameters ("band=bogus"; the page maps those to its own controls). Options are named as the CLI spells them.
/// </summary>
public sealed record FigureWords
{
    private readonly bool cli;

    private FigureWords(bool cli) => this.cli = cli;

    /// <summary>`hypergrid plot` and `hypergrid plot results`.</summary>
    public static readonly FigureWords Command = new(true);

    /// <summary>GET /api/figure and /api/report-figure.</summary>
    public static readonly FigureWords Api = new(false);

    // The API's parameters whose names differ from the CLI's options.
    private static readonly Dictionary<string, string> ApiNames = new()
    {
        ["font-size"] = "font", ["log-x"] = "logx", ["log-y"] = "logy", ["error-bars"] = "err",
    };

    /// <summary>An option with its value as written: "--band bogus" or "band=bogus".</summary>
    public string Option(string option, string value) => cli ? $"--{option} {value}" : $"{Parameter(option)}={value}";

    /// <summary>An option's name alone: "--width" or "width=".</summary>
    public string Name(string option) => cli ? $"--{option}" : $"{Parameter(option)}=";

    private static string Parameter(string option) => ApiNames.GetValueOrDefault(option, option);
}
