using System.CommandLine;
using Hypergrid.Config;
using Hypergrid.Dashboard.Figures;

namespace Hypergrid.Cli;

/// <summary>The options plot and plot results share: the figure's size, type size, format and the file it goes to.</summary>
public sealed class FigureOptionSet
{
    private readonly Option<string> width = new("--width") { Description = "Width with its unit: 8.5cm (a paper column), 17cm, 3.3in, 241pt", DefaultValueFactory = _ => "8.5cm" };
    private readonly Option<string> height = new("--height") { Description = "Height with its unit", DefaultValueFactory = _ => "6cm" };
    private readonly Option<string> fontSize = new("--font-size") { Description = "Type size in points (the paper's: 8 to 10)", DefaultValueFactory = _ => "8" };
    private readonly Option<string?> format = new("--format") { Description = "svg, pdf or tex (pgfplots); by default the --output file's extension" };
    private readonly Option<string> output;

    /// <summary>Adds the options to <paramref name="command"/>, after those it has; <paramref name="example"/> names the file in the help (figure, results).</summary>
    public FigureOptionSet(Command command, string example)
    {
        output = new("--output", "-o") { Description = $"The file to write ({example}.pdf, {example}.svg, {example}.tex), or - for standard output", Required = true };
        foreach (var o in new Option[] { width, height, fontSize, format, output }) command.Options.Add(o);
    }

    /// <summary>The file asked for (- for standard output).</summary>
    public string File(ParseResult r) => r.GetValue(output)!;

    /// <summary>svg, pdf or tex: --format, else the file's extension; neither, or another format, is an error that says what to write.</summary>
    public string Format(ParseResult r)
    {
        var file = File(r);
        var kind = r.GetValue(format) ?? FigureRequest.FormatOf(file)
            ?? throw new UsageException($"--output {Visible.Short(file)} has no .svg, .pdf or .tex extension; name one, or say --format svg|pdf|tex");
        return FigureRequest.Formats.Contains(kind) ? kind : throw FigureErrors.UnknownFormat(kind);
    }

    /// <summary>The width, height and type size, each checked.</summary>
    public FigureSize Size(ParseResult r) =>
        new(FigureSize.Parse(r.GetValue(width)!, "width"), FigureSize.Parse(r.GetValue(height)!, "height"), FigureSize.ParseFont(r.GetValue(fontSize)!));
}
