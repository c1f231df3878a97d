using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Routing;

namespace Hypergrid.Dashboard.Api;

/// <summary>The page and its assets: dashboard/ (its scripts also as one bundle) and uPlot from node_modules, nothing else.</summary>
public static class PageEndpoints
{
    private static readonly Dictionary<string, string> Types = new()
    {
        [".html"] = "text/html; charset=utf-8", [".js"] = "text/javascript", [".css"] = "text/css", [".svg"] = "image/svg+xml",
    };

    public static IEndpointRouteBuilder MapPage(this IEndpointRouteBuilder app, string dashboardDir, string uplotDir)
    {
        // The page names its own scripts as one bundle (PageBundle: one request instead of 17, six at a time).
        app.MapMethods("/", ReadMethods.GetAndHead, () => Results.Content(PageBundle.Of(dashboardDir).Html, Types[".html"]));
        app.MapMethods(PageBundle.Path, ReadMethods.GetAndHead, (HttpContext http) =>
        {
            var bundle = PageBundle.Of(dashboardDir);
            http.Response.Headers.ETag = bundle.ETag;
            return http.Request.Headers.IfNoneMatch == bundle.ETag ? Results.StatusCode(StatusCodes.Status304NotModified) : Results.Bytes(bundle.Script, Types[".js"]);
        });
        app.MapMethods("/assets/{**path}", ReadMethods.GetAndHead, (string path) => Serve(dashboardDir, path));
        app.MapMethods("/vendor/uplot/{**path}", ReadMethods.GetAndHead, (string path) => Serve(uplotDir, path));
        return app;
    }

    private static IResult Serve(string root, string path)
    {
        var full = SafePath.Resolve(root, path);
        if (full is null || !File.Exists(full) || !Types.TryGetValue(Path.GetExtension(full), out var type)) return Results.NotFound();
        return Results.File(full, type);
    }
}
