using System.Globalization;
using Hypergrid.Config;
using Hypergrid.Dashboard.Figures;
using Hypergrid.Dashboard.Series;
using Hypergrid.Dashboard.Trials;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Routing;

namespace Hypergrid.Dashboard.Api;

/// <summary>
/// GET /api/figure?trial=PATH…&amp;metric=loss&amp;phase=train,val&amp;x=epoch|step|samples&amp;group=1&amp;band=std|range|none
/// &amp;logy=1&amp;smooth=0.6&amp;from=A&amp;to=B&amp;width=8.5cm&amp;height=6cm&amp;font=8&amp;format=svg|pdf|tex&amp;shade=i.j.n…: the page's
/// current view as a figure for a paper, drawn by the same code as `hypergrid plot`, sent as a download (never shown as
/// a page). shade=, one per trial= (<see cref="ColorPlace"/>): each trial's place in the page's colours, so the
/// figure of the trials the page draws (part of its selection, over its line limit) has the page's colours.
/// </summary>
public static class FigureEndpoints
{
    public static IEndpointRouteBuilder MapFigures(this IEndpointRouteBuilder app, TrialScanner scanner, FigureBuilder builder)
    {
        app.MapMethods("/api/figure", ReadMethods.GetAndHead, async (HttpContext http) =>
        {
            var q = http.Request.Query;
            string? Get(string key) => q[key].FirstOrDefault() is { Length: > 0 } v ? v : null;
            var named = q["trial"].Where(t => !string.IsNullOrEmpty(t)).Select(t => t!.Trim('/')).ToList();
            var paths = named.Distinct().ToList();
            try
            {
                if (paths.Count == 0) throw new UsageException("name the trials to draw with trial=PATH (repeated)");
                // Each trial's place in the page's colour rule (shade=, one per trial= in order; a trial named twice keeps its first).
                var sent = ColorPlace.Of(q["shade"].Select(s => s ?? "").ToList(), named.Count);
                var places = sent is null ? null : paths.Select(p => sent[named.IndexOf(p)]).ToList();
                var known = FigureTrials.Under(scanner).ToDictionary(t => t.Path);
                var trials = paths.Select(p => known.TryGetValue(p, out var t) ? t : throw FigureErrors.NoTrials(Visible.Short(p))).ToList();
                var request = new FigureRequest(paths, Get("metric") ?? "loss")
                {
                    Phases = (Get("phase") ?? "train,val").Split(',', StringSplitOptions.RemoveEmptyEntries),
                    X = Get("x") ?? "epoch",
                    Group = Get("group") == "1",
                    Band = Get("band") ?? "std",
                    LogY = Get("logy") == "1",
                    Smooth = Number(Get("smooth"), "smooth") ?? 0,
                    // In the x axis's units: samples seen may pass int's range.
                    From = Number(Get("from"), "from", SeriesQuery.MaxOn(Get("x"))),
                    To = Number(Get("to"), "to", SeriesQuery.MaxOn(Get("x"))),
                    Format = Get("format") ?? "svg",
                    Words = FigureWords.Api,
                    Places = places,
                    Size = new FigureSize(
                        FigureSize.Parse(Get("width") ?? "8.5cm", "width", FigureWords.Api), FigureSize.Parse(Get("height") ?? "6cm", "height", FigureWords.Api),
                        Get("font") is { } font ? FigureSize.ParseFont(font, FigureWords.Api) : 8) { Words = FigureWords.Api },
                }.Checked();
                var figure = await builder.BuildAsync(trials, request, http.RequestAborted);
                var bytes = FigureFile.Write(figure, request.Size, request.Format);
                var name = $"{request.Metric}-{request.X}.{request.Format}";
                // A download, never a page: an SVG opened from this origin could otherwise run as one.
                http.Response.Headers.ContentDisposition = $"attachment; filename=\"{FileName(name)}\"";
                http.Response.Headers.CacheControl = "no-store";
                return Results.Bytes(bytes, FigureFile.MediaType(request.Format));
            }
            catch (UsageException ex)
            {
                return Results.BadRequest(ex.Message);
            }
        });
        return app;
    }

    private static double? Number(string? text, string key, double max = int.MaxValue) =>
        text is null ? null
        : double.TryParse(text, NumberStyles.Float, CultureInfo.InvariantCulture, out var v) && double.IsFinite(v) && v >= 0 && v <= max ? v
        : throw new UsageException($"{key}={Visible.Short(text)} is not a number from 0 to {max:N0}");

    /// <summary>A download's name of letters, digits, '-', '_' and '.' only (a metric name comes from a program's log).</summary>
    private static string FileName(string name) => new(name.Select(c => char.IsAsciiLetterOrDigit(c) || c is '-' or '_' or '.' ? c : '_').ToArray());
}
