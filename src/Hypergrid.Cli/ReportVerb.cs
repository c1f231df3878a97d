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
            var report = Reporter.Build(Path.Combine(r.GetValue(outDir)!, "log"), options.Read(r, selection, r.GetValue(baseline)) with { Current = current });
            var text = fmt switch
            {
                "json" => ReportText.ToJson(report),
                "csv" => ReportText.ToCsv(report),
                "markdown" => ReportText.ToMarkdown(report),
                "latex" => ReportText.ToLatex(report),
                _ => null,
            };
            if (r.GetValue(output) is { } file)
            {
                var target = OutputFile.Check(file, "--output");
                OutputFile.Write(target, text ?? ReportText.ToMarkdown(report));
                if (target is not null) Console.WriteLine($"wrote {file}");
            }
            else if (text is not null) Console.Write(text);
            else Table(report);
            return Exit.Ok;
        }));
        return command;
    }

    private static void Table(Report report)
    {
        foreach (var section in report.Sections)
        {
            var (leafColumn, keys) = ReportText.Columns(section);
            var table = new Table { Title = new TableTitle(Markup.Escape($"{section.Name}: {report.Metric}, {ReportText.Reduction(report)}, {report.Goal} is better")) };
            foreach (var c in (leafColumn ? ["leaf"] : Array.Empty<string>()).Concat(keys).Append(report.Metric).Append("95% CI").Append("Δ").Append("p")) table.AddColumn(Markup.Escape(c));
            foreach (var g in section.Groups)
            {
                var cell = Markup.Escape(ReportText.Cell(g));
                cell = g.Best ? $"[bold green]{cell}[/]" : g.Indistinguishable ? $"{cell} [yellow](≈)[/]" : cell;
                var ci = g.CiLow is { } lo ? $"[{ReportText.F(lo)}, {ReportText.F(g.CiHigh)}]" : "";
                table.AddRow([.. (leafColumn ? [Markup.Escape(g.Leaf)] : Array.Empty<string>()), .. keys.Select(k => Markup.Escape(g.Values[k]?.ToJsonString() ?? "")), cell, Markup.Escape(ci), ReportText.F(g.Delta), ReportText.P(g)]);
            }
            AnsiConsole.Write(table);
            if (section.Note is { } note) Console.WriteLine("  " + note);
            var sb = new StringBuilder();
            foreach (var leaf in section.Groups.Select(g => g.Leaf).Distinct()) ReportText.AppendImportance(sb, report, leaf, "  ");
            Console.Write(sb.ToString());
        }
        if (report.Excluded.Count > 0)
            Console.WriteLine($"left out: {string.Join(", ", report.Excluded.Select(kv => $"{kv.Value} {kv.Key}"))} (only complete trials count)");
    }
}
