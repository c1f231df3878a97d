using Hypergrid.Config;
using Hypergrid.Dashboard.Figures;
using Hypergrid.Dashboard.Trials;
using Hypergrid.Findings;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Routing;

namespace Hypergrid.Dashboard.Api;

/// <summary>
/// GET /api/report-figure?(the query of /api/report)&amp;section=NAME&amp;key=KEY&amp;err=std|ci&amp;width=8.5cm&amp;height=6cm
/// &amp;font=8&amp;format=svg|pdf|tex&amp;logx=true|false (absent: log when the key spans two decades): the Results chart of one section as a figure for a paper, from the same report as
/// GET /api/report and drawn by the same code as `hypergrid plot results`; sent as a download, never shown as a page.
/// </summary>
public static class ReportFigureEndpoints
{
    public static IEndpointRouteBuilder MapReportFigure(this IEndpointRouteBuilder app, string logRoot, TrialScanner scanner, Hypergrid.Config.Expansion.IConfigSchema? schema = null)
    {
        app.MapMethods("/api/report-figure", ReadMethods.GetAndHead, (HttpContext http) =>
        {
            var q = http.Request.Query;
            string? Get(string key) => q[key].FirstOrDefault() is { Length: > 0 } v ? v : null;
            http.Response.Headers.CacheControl = "no-store";
            try
            {
                var format = Get("format") ?? "svg";
                if (!FigureRequest.Formats.Contains(format)) throw FigureErrors.UnknownFormat(format);
                var size = new FigureSize(FigureSize.Parse(Get("width") ?? "8.5cm", "width", FigureWords.Api), FigureSize.Parse(Get("height") ?? "6cm", "height", FigureWords.Api),
                    Get("font") is { } font ? FigureSize.ParseFont(font, FigureWords.Api) : 8) { Words = FigureWords.Api };
                var options = ReportEndpoints.OptionsOf(q, schema);
                var report = Reporter.Build(logRoot, options);
                var colorOf = ResultsFigure.PageColors(FigureTrials.Under(scanner), options);
                var logX = Get("logx") switch { null => (bool?)null, "true" => true, "false" => false, var v => throw FigureErrors.BadLogX(v) };
                var figure = ResultsFigure.Build(report, Get("section"), Get("key"), Get("err") ?? "std", colorOf, logX, FigureWords.Api);
                var bytes = FigureFile.Write(figure, size, format);
                http.Response.Headers.ContentDisposition = $"attachment; filename=\"results-{FileName(report.Metric)}.{format}\"";
                return Results.Bytes(bytes, FigureFile.MediaType(format));
            }
            catch (UsageException ex)
            {
                return Results.BadRequest(ex.Message);
            }
        });
        return app;
    }

    /// <summary>A download's name of letters, digits, '-' and '_' only (a metric name comes from a program's log).</summary>
    private static string FileName(string name) => new(name.Select(c => char.IsAsciiLetterOrDigit(c) || c is '-' or '_' ? c : '_').ToArray());
}
