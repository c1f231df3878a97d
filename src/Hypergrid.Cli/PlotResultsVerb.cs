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
        foreach (var o in new Option[] { outDir, section, key, err, logX })
            command.Options.Add(o);
        var figureOptions = new FigureOptionSet(command, "results");
        command.SetAction(r => Exit.Guard(() =>
        {
            var file = figureOptions.File(r);
            var kind = figureOptions.Format(r);
            if (!ResultsFigure.ErrorBars.Contains(r.GetValue(err)!)) throw FigureErrors.UnknownErrorBars(r.GetValue(err)!, FigureWords.Command);
            var size = figureOptions.Size(r);
            var target = OutputFile.Check(file, "--output"); // refused before anything is read or drawn
            var logRoot = Path.GetFullPath(new DashboardOptions(r.GetValue(outDir)!).LogDir);
            if (!Directory.Exists(logRoot)) throw new UsageException($"{logRoot} does not exist; run trials first, or point --out at the output folder");
            var options = report.Read(r, filters.Read(r));
            var built = Reporter.Build(logRoot, options);
            var colorOf = ResultsFigure.PageColors(FigureTrials.Under(new TrialScanner(logRoot, Training.TrialSchema.Instance)), options);
            var figure = ResultsFigure.Build(built, r.GetValue(section), r.GetValue(key), r.GetValue(err)!, colorOf, r.GetValue(logX));
            OutputFile.WriteBytes(target, FigureFile.Write(figure, size, kind));
            if (target is not null) Console.Error.WriteLine($"wrote {file}: {figure.Lines.Where(l => l.InLegend).Sum(l => l.X.Length)} group(s) of {built.Metric} by {figure.XLabel}");
            return Exit.Ok;
        }));
        return command;
    }
}
