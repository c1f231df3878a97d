using Hypergrid.Config;
using Hypergrid.Findings;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Routing;

namespace Hypergrid.Dashboard.Api;

/// <summary>
/// GET /api/report?metric=val_acc&amp;goal=max&amp;reduce=final&amp;at_best=val_loss&amp;baseline=LEAF/key=value&amp;mode=…&amp;dataset=…&amp;model=…&amp;trainer=…:
/// the same report as 'hypergrid report --format json', from the same C# code; the page renders it and never recomputes.
/// A request the report cannot answer (unknown metric, no matching trial) is 400 with the reason.
/// </summary>
public static class ReportEndpoints
{
    public static IEndpointRouteBuilder MapReport(this IEndpointRouteBuilder app, string logRoot, Hypergrid.Config.Expansion.IConfigSchema? schema = null)
    {
        app.MapMethods("/api/report", ReadMethods.GetAndHead, (HttpContext http) =>
        {
            var q = http.Request.Query;
            string[]? Many(string key) => q[key].Count > 0 ? q[key].Where(v => !string.IsNullOrEmpty(v)).Select(v => v!).ToArray() : null;
            var options = new ReportOptions(new Filters(Many("mode"), Many("dataset"), Many("model"), Many("trainer")),
                q["metric"].FirstOrDefault() ?? "val_acc", q["goal"].FirstOrDefault(), q["reduce"].FirstOrDefault() ?? "final",
                q["at_best"].FirstOrDefault(), q["baseline"].FirstOrDefault()) { Schema = schema };
            http.Response.Headers.CacheControl = "no-store";
            try { return Results.Text(ReportText.ToJson(Reporter.Build(logRoot, options)), "application/json"); }
            catch (UsageException ex) { return Results.BadRequest(ex.Message); }
        });
        return app;
    }
}
