using System.CommandLine;
using Hypergrid.Config;
using Hypergrid.Dashboard;
using Hypergrid.Dashboard.Figures;
using Hypergrid.Dashboard.Series;
using Hypergrid.Dashboard.Trials;

namespace Hypergrid.Cli;

/// <summary>hypergrid plot: the curves of a selection as a figure for a paper (SVG, PDF or pgfplots), as the page draws them.</summary>
public static class PlotVerb
{
    public static Command Create()
    {
        var command = new Command("plot", "Write the curves of a selection of trials as a vector figure for a paper: SVG, PDF or pgfplots (.tex with its data)");
        var outDir = new Option<string>("--out") { Description = "The output folder whose log/ is read", DefaultValueFactory = _ => "out" };
        var filters = new FilterOptions(command);
        var where = new Option<string[]>("--where") { Description = "Only trials whose config has key=value (repeatable)", Arity = ArgumentArity.ZeroOrMore };
        var trials = new Option<string[]>("--trial") { Description = "Only this trial, as mode/dataset/model/trainer/trial_### (repeatable)", Arity = ArgumentArity.ZeroOrMore };
        var metric = new Option<string>("--metric") { Description = "The metric to plot (a batch-log column: loss, acc, or a program's own)", DefaultValueFactory = _ => "loss" };
        var phase = new Option<string>("--phase") { Description = "train, val or train,val (val dashed)", DefaultValueFactory = _ => "train,val" };
        var x = new Option<string>("--x") { Description = "epoch, step (train batches done), samples (steps × batch_size) or epochf (epochs as a fraction, every batch); default: the axis the page opens on, by the rule it shares: step when the logs reach three epochs or fewer (a trial not yet complete counts its planned epochs), else (or over 200 trials) epoch" };
        var group = new Option<bool>("--group") { Description = "One line per group of trials that differ only by seed: their mean with a band" };
        var band = new Option<string>("--band") { Description = "A group's band: std (± std over seeds), range (min–max of every row) or none", DefaultValueFactory = _ => "std" };
        var logY = new Option<bool>("--log-y") { Description = "A logarithmic y axis" };
        var smooth = new Option<double>("--smooth") { Description = "The page's smoothing, 0 (none) to 0.99" };
        var from = new Option<double?>("--from") { Description = "The first x drawn, in the x axis's units: a train step (--x step), samples seen (--x samples) or epochs (--x epoch, whole epochs, or --x epochf, e.g. 0.5)" };
        var to = new Option<double?>("--to") { Description = "The x after the last drawn, in the same units (rows placed in [from, to) are drawn)" };
        command.Subcommands.Add(PlotResultsVerb.Create());
        foreach (var o in new Option[] { outDir, where, trials, metric, phase, x, group, band, logY, smooth, from, to })
            command.Options.Add(o);
        var figureOptions = new FigureOptionSet(command, "figure");
        command.SetAction((r, cancel) => Exit.GuardAsync(async () =>
        {
            var file = figureOptions.File(r);
            var asked = r.GetValue(x);
            var kind = figureOptions.Format(r);
            var request = new FigureRequest([], r.GetValue(metric)!)
            {
                Phases = r.GetValue(phase)!.Split(',', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries),
                X = asked ?? "epoch", Group = r.GetValue(group), Band = r.GetValue(band)!, LogY = r.GetValue(logY), Smooth = r.GetValue(smooth),
                From = r.GetValue(from), To = r.GetValue(to), Format = kind,
                Size = figureOptions.Size(r),
            }.Checked();
            var target = OutputFile.Check(file, "--output"); // refused before anything is read or drawn
            var logRoot = Path.GetFullPath(new DashboardOptions(r.GetValue(outDir)!).LogDir);
            if (!Directory.Exists(logRoot)) throw new UsageException($"{logRoot} does not exist; run trials first, or point --out at the output folder");
            var all = FigureTrials.Under(new TrialScanner(logRoot, Training.TrialSchema.Instance));
            var picked = FigureSelection.Select(all, filters.Read(r), r.GetValue(where) ?? [], r.GetValue(trials) ?? []);
            // No --x: the axis the page opens this selection on (DefaultAxis, the page's rule).
            if (asked is null) request = request with { X = await DefaultAxis.ForAsync(picked, new EpochLogStore(logRoot), cancel) };
            var figure = await new FigureBuilder(new SeriesStore(logRoot), new EpochLogStore(logRoot)).BuildAsync(picked, request, cancel);
            OutputFile.WriteBytes(target, FigureFile.Write(figure, request.Size, request.Format));
            if (target is not null) Console.Error.WriteLine($"wrote {file}: {figure.Lines.Count(l => l.InLegend)} line(s) of {request.Metric} by {request.X} from {picked.Count} trial(s)");
            if (figure.Note is { } note) Console.Error.WriteLine(note);
            return Exit.Ok;
        }));
        return command;
    }
}
