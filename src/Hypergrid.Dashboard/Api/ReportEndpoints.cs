using Hypergrid.Config;
using Hypergrid.Findings;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Routing;

namespace Hypergrid.Dashboard.Api;

/// <summary>
/// GET /api/report?metric=val_acc&amp;equivalence=0.005&amp;power=0.8&amp;alpha=0.05&amp;goal=max&amp;reduce=final&amp;at_best=val_loss&amp;baseline=LEAF/key=value&amp;mode=…&amp;dataset=…&amp;model=…&amp;trainer=…:
/// the same report as 'hypergrid report --format json', from the same C# code; the page renders it and never recomputes.
/// Each section also carries "labels": the Results scatter's point names per x key (<see cref="ReportLabels"/>).
/// A request the report cannot answer (unknown metric, no matching trial) is 400 with the reason.
/// </summary>
public static class ReportEndpoints
{
    public static IEndpointRouteBuilder MapReport(this IEndpointRouteBuilder app, string logRoot, Hypergrid.Config.Expansion.IConfigSchema? schema = null)
    {
        app.MapMethods("/api/report", ReadMethods.GetAndHead, (HttpContext http) =>
        {
            http.Response.Headers.CacheControl = "no-store";
            try
            {
                var report = Reporter.Build(logRoot, OptionsOf(http.Request.Query, schema));
                return Results.Text(ReportLabels.AddTo(ReportText.ToJsonNode(report), report).ToJsonString(ReportText.Json), "application/json");
            }
            catch (UsageException ex) { return Results.BadRequest(ex.Message); }
        });
        return app;
    }

    /// <summary>The report a query asks for (metric, goal, reduce, at_best, baseline, scope, alpha, equivalence, power, filters, leaf and trials); GET /api/report-figure reads the same.</summary>
    internal static ReportOptions OptionsOf(IQueryCollection q, Hypergrid.Config.Expansion.IConfigSchema? schema)
    {
        string[]? Many(string key) => q[key].Count > 0 ? q[key].Where(v => !string.IsNullOrEmpty(v)).Select(v => v!).ToArray() : null;
        string? One(string key) => q[key].FirstOrDefault() is { Length: > 0 } v ? v : null;
        return new ReportOptions(new Filters(Many("mode"), Many("dataset"), Many("model"), Many("trainer")),
            q["metric"].FirstOrDefault() ?? "val_acc", q["goal"].FirstOrDefault(), q["reduce"].FirstOrDefault() ?? "final",
            q["at_best"].FirstOrDefault(), q["baseline"].FirstOrDefault())
        {
            Schema = schema, Scope = q["scope"].FirstOrDefault() ?? "dataset", Only = Selection(Many("leaf"), q["trials"].FirstOrDefault()),
            Statistics = StatisticsOptions.Parse(One("alpha"), One("equivalence"), One("power"), ""),
        };
    }

    /// <summary>
    /// The page's selection: leaf=… (repeated) keeps those leaves; trials=LEAF:RANGES;LEAF:RANGES (ranges like 0-15,17)
    /// keeps those trials, short enough for a URL with thousands of trials. Null: no selection beyond the filters.
    /// </summary>
    internal static Func<Hypergrid.Trials.TrialId, bool>? Selection(string[]? leaves, string? trials)
    {
        var leafSet = leaves is { Length: > 0 } ? leaves.ToHashSet(StringComparer.Ordinal) : null;
        Dictionary<string, HashSet<int>>? numbers = null;
        if (trials is not null)
        {
            numbers = new(StringComparer.Ordinal);
            foreach (var part in trials.Split(';', StringSplitOptions.RemoveEmptyEntries))
            {
                var colon = part.LastIndexOf(':');
                if (colon <= 0) throw new UsageException($"trials={part} is not LEAF:RANGES, e.g. sweep/mnist/cnn/adam:0-15,17");
                var set = numbers.TryGetValue(part[..colon], out var have) ? have : numbers[part[..colon]] = [];
                foreach (var range in part[(colon + 1)..].Split(',', StringSplitOptions.RemoveEmptyEntries))
                {
                    var ends = range.Split('-');
                    if (ends.Length > 2 || !int.TryParse(ends[0], out var lo) || !int.TryParse(ends[^1], out var hi) || lo < 0 || hi < lo || hi - lo > 1_000_000)
                        throw new UsageException($"trials=…{range}… is not a trial number or range like 0-15");
                    for (var n = lo; n <= hi; n++) set.Add(n);
                }
            }
        }
        if (leafSet is null && numbers is null) return null;
        return id => (leafSet is null || leafSet.Contains(id.Leaf)) && (numbers is null || numbers.TryGetValue(id.Leaf, out var set) && set.Contains(id.Number));
    }
}
