using System.CommandLine;
using System.Text;
using Hypergrid.Config;
using Hypergrid.Findings;
using Spectre.Console;

namespace Hypergrid.Cli;

/// <summary>hypergrid report: one row per group of trials that differ only in seed, with statistics, tests against the best, and key importance.</summary>
public static class ReportVerb
{
    public static Command Create()
    {
        var command = new Command("report", "Summarise complete trials: one row per group (same config but the seed), a section per mode and dataset, best first, with confidence intervals and tests");
        var outDir = new Option<string>("--out") { Description = "The output folder whose log/ is read", DefaultValueFactory = _ => "out" };
        var cfgDir = new Option<string>("--cfg")
        {
            Description = "The config tree: where it exists, a result whose config there changed since it ran is stale and left out, as status says",
            DefaultValueFactory = _ => "cfg",
        };
        var filters = new FilterOptions(command);
        var options = new ReportOptionSet(command);
        var statistics = new StatisticsOptionSet(command);
        var baseline = new Option<string?>("--baseline") { Description = "Compare against this group instead of the best: LEAF[/key=value...]" };
        var format = new Option<string>("--format") { Description = "table, markdown, latex, csv or json", DefaultValueFactory = _ => "table" };
        var output = new Option<string?>("--output") { Description = "Write to this file instead of the terminal" };
        foreach (var o in new Option[] { cfgDir, outDir, baseline, format, output }) command.Options.Add(o);
        command.SetAction(r => Exit.Guard(() =>
        {
            var fmt = r.GetValue(format)!;
            if (!ReportText.Formats.Contains(fmt)) throw new UsageException($"--format {fmt} is not a format; use one of: {string.Join(", ", ReportText.Formats)}");
            if (r.GetValue(output) is { } named) OutputFile.Check(named, "--output"); // refused before the report is computed
            var selection = filters.Read(r);
            // Stale as status says it: the tree's current values when there is a tree, else out/log's cfg.yaml files.
            var current = Running.CurrentHashes.Of(new Config.Expansion.ExpandOptions(r.GetValue(cfgDir)!, r.GetValue(outDir)!, selection), out var unread);
            if (unread is not null) Console.Error.WriteLine($"warning: {unread}; staleness is judged from the cfg.yaml files in out/log");
            var asked = options.Read(r, selection, r.GetValue(baseline)) with { Current = current, Statistics = statistics.Read(r) };
            // One report per metric, each ranked and tested on its own; the tables put them side by side.
            var reports = options.Metrics(r).Select(m => Reporter.Build(Path.Combine(r.GetValue(outDir)!, "log"), asked with { Metric = m, Goal = m == asked.Metric ? asked.Goal : null })).ToList();
            var text = fmt switch
            {
                "json" => ReportText.ToJson(reports),
                "csv" => ReportText.ToCsv(reports),
                "markdown" => ReportText.ToMarkdown(reports),
                "latex" => ReportText.ToLatex(reports),
                _ => null,
            };
            if (r.GetValue(output) is { } file)
            {
                var target = OutputFile.Check(file, "--output");
                OutputFile.Write(target, text ?? ReportText.ToMarkdown(reports));
                if (target is not null) Console.WriteLine($"wrote {file}");
            }
            else if (text is not null) Console.Write(text);
            else Table(reports);
            return Exit.Ok;
        }));
        return command;
    }

    private static void Table(IReadOnlyList<Report> reports)
    {
        Console.WriteLine(ReportColumns.Caption(reports));
        // Into a file or a pipe, a row of every figure of every metric stays one line (a terminal's rows wrap to its width).
        var width = Console.IsOutputRedirected ? int.MaxValue : AnsiConsole.Profile.Width;
        var caps = AnsiConsole.Profile.Capabilities;
        foreach (var section in ReportTable.Of(reports))
        {
            var table = new TerminalTable(section.Name, ReportText.Heads(section, reports));
            for (var i = 0; i < section.Rows.Count; i++)
                table.Add(ReportText.Cells<TerminalTable.Part[]>(section, i, reports, s => [new(s)],
                    g => [new(ReportColumns.Cell(g), TerminalTable.Style.Best)], g => [new(ReportColumns.Cell(g) + " "), new("≈", TerminalTable.Style.Mark)]));
            Console.Out.Write(table.Render(width, caps.Ansi, caps.ColorSystem != ColorSystem.NoColors, caps.Unicode));
            if (section.Note is { } note) Console.WriteLine("  " + note);
            if (section.Adaptive is { } adaptive) Console.WriteLine("  " + adaptive);
            var sb = new StringBuilder();
            foreach (var leaf in section.Rows.Select((_, i) => section.Named(i).Leaf).Distinct()) ReportText.AppendImportance(sb, reports[0], leaf, "  ");
            Console.Write(sb.ToString());
        }
        var left = reports.SelectMany(r => r.Excluded).GroupBy(kv => kv.Key).Select(g => $"{g.Max(kv => kv.Value)} {g.Key}").ToList();
        if (left.Count > 0) Console.WriteLine($"left out: {string.Join(", ", left)} (only complete trials count)");
    }
}
