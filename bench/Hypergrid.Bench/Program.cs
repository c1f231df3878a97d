using Hypergrid.Bench;

// Benchmarks, not tests: each prints its figures as ratios against a baseline measured in the same run.
var which = args.Length > 0 ? args[0] : "all";
var benches = new Dictionary<string, Func<Task>>
{
    ["expand"] = () => { ExpandBench.Run(); return Task.CompletedTask; },
    ["expand-order"] = () => { ExpandOrderBench.Run(); return Task.CompletedTask; },
    ["expand-writers"] = () => { ExpandWritersBench.Run(); return Task.CompletedTask; },
    ["aggregate"] = () => { AggregateBench.Run(); return Task.CompletedTask; },
    ["aggregate-once"] = () => { AggregateBench.Once(); return Task.CompletedTask; },
    ["train"] = TrainBench.RunAsync,
    ["dashboard"] = DashboardBench.RunAsync,
    ["trial-list"] = DashboardBench.ListAsync,
    ["page"] = PageBench.RunAsync,
    ["first-list"] = FirstListBench.RunAsync,
    ["report"] = () => { ReportBench.Run(); return Task.CompletedTask; },
    ["series"] = SeriesBench.RunAsync,
    ["zoom"] = ZoomBench.RunAsync,
    ["checkpoint"] = () => { CheckpointBench.Run(); return Task.CompletedTask; },
    ["programs"] = () => { ProgramBench.Run(); return Task.CompletedTask; },
    ["halving"] = () => { HalvingBench.Run(); return Task.CompletedTask; },
    ["search"] = () => { SearchBench.Run(); return Task.CompletedTask; },
    ["bohb"] = () => { BohbBench.Run(); return Task.CompletedTask; },
    ["gpus"] = GpuBench.RunAsync,
    ["adaptive"] = () => { AdaptiveSeedsBench.Run(); return Task.CompletedTask; },
    ["figure-font"] = () => { FigureFontBench.Run(); return Task.CompletedTask; },
    ["pgfplots"] = PgfplotsBench.RunAsync,
};
if (which == "all") foreach (var b in benches.Values) await b();
else if (benches.TryGetValue(which, out var bench)) await bench();
else { Console.Error.WriteLine($"unknown benchmark '{which}'; known: {string.Join(", ", benches.Keys)}, all"); return 2; }
return 0;
