using System.CommandLine;
using Hypergrid.Config;
using Hypergrid.Dashboard;
using Hypergrid.Dashboard.Figures;
using Hypergrid.Dashboard.Trials;
using Hypergrid.Findings;

namespace Hypergrid.Cli;

/// <summary>hypergrid plot results: the Results chart of a report's section (group means with error bars by one key, the best ringed) as a figure for a paper.</summary>
public static class PlotResultsVerb
{
    public static Command Create()
    {
        var command = new Command("results", "Write the Results chart (each group's mean with its error bar, by one key; the best ringed) as SVG, PDF or pgfplots, from the report 'hypergrid report' writes");
        var outDir = new Option<string>("--out") { Description = "The output folder whose log/ is read", DefaultValueFactory = _ => "out" };
        var filters = new FilterOptions(command);
        var report = new ReportOptionSet(command);
        var section = new Option<string?>("--section") { Description = "The report's section to draw, e.g. sweep/mnist (default: the first)" };
        var key = new Option<string?>("--key") { Description = "The key on the x axis (default: the first key with numbers; categories when none)" };
        var err = new Option<string>("--error-bars") { Description = "std (± std over seeds) or ci (95% confidence interval)", DefaultValueFactory = _ => "std" };
        var logX = new Option<bool?>("--log-x") { Description = "A log x axis; --log-x false a linear one (default: log when the key's values are above 0 and span two decades or more, e.g. lr)" };
        var width = new Option<string>("--width") { Description = "Width with its unit: 8.5cm (a paper column), 17cm, 3.3in, 241pt", DefaultValueFactory = _ => "8.5cm" };
        var height = new Option<string>("--height") { Description = "Height with its unit", DefaultValueFactory = _ => "6cm" };
        var fontSize = new Option<string>("--font-size") { Description = "Type size in points (the paper's: 8 to 10)", DefaultValueFactory = _ => "8" };
        var format = new Option<string?>("--format") { Description = "svg, pdf or tex (pgfplots); by default the --output file's extension" };
        var output = new Option<string>("--output", "-o") { Description = "The file to write (results.pdf, results.svg, results.tex), or - for standard output", Required = true };
        foreach (var o in new Option[] { outDir, section, key, err, logX, width, height, fontSize, format, output })
            command.Options.Add(o);
        command.SetAction(r => Exit.Guard(() =>
        {
            var file = r.GetValue(output)!;
            var kind = r.GetValue(format) ?? FigureRequest.FormatOf(file)
                ?? throw new UsageException($"--output {Visible.Short(file)} has no .svg, .pdf or .tex extension; name one, or say --format svg|pdf|tex");
            if (!FigureRequest.Formats.Contains(kind)) throw FigureErrors.UnknownFormat(kind);
            if (!ResultsFigure.ErrorBars.Contains(r.GetValue(err)!)) throw FigureErrors.UnknownErrorBars(r.GetValue(err)!);
            var size = new FigureSize(FigureSize.Parse(r.GetValue(width)!, "width"), FigureSize.Parse(r.GetValue(height)!, "height"), FigureSize.ParseFont(r.GetValue(fontSize)!));
            var target = OutputFile.Check(file, "--output"); // refused before anything is read or drawn
            var logRoot = Path.GetFullPath(new DashboardOptions(r.GetValue(outDir)!).LogDir);
            if (!Directory.Exists(logRoot)) throw new UsageException($"{logRoot} does not exist; run trials first, or point --out at the output folder");
            var options = report.Read(r, filters.Read(r));
            var built = Reporter.Build(logRoot, options);
            var all = FigureTrials.Under(new TrialScanner(logRoot, Training.TrialSchema.Instance));
            var (colorOf, colors) = ResultsFigure.PageColors(all);
            var figure = ResultsFigure.Build(built, r.GetValue(section), r.GetValue(key), r.GetValue(err)!, colorOf, colors, r.GetValue(logX));
            OutputFile.WriteBytes(target, FigureFile.Write(figure, size, kind));
            if (target is not null) Console.Error.WriteLine($"wrote {file}: {figure.Lines.Count} group(s) of {built.Metric} by {figure.XLabel}");
            return Exit.Ok;
        }));
        return command;
    }
}
