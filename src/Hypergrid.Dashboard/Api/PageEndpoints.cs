using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Routing;

namespace Hypergrid.Dashboard.Api;

/// <summary>The page and its assets: dashboard/ and uPlot from node_modules, nothing else.</summary>
public static class PageEndpoints
{
    private static readonly Dictionary<string, string> Types = new()
    {
        [".html"] = "text/html; charset=utf-8", [".js"] = "text/javascript", [".css"] = "text/css", [".svg"] = "image/svg+xml",
    };

    public static IEndpointRouteBuilder MapPage(this IEndpointRouteBuilder app, string dashboardDir, string uplotDir)
    {
        app.MapMethods("/", ReadMethods.GetAndHead, () => Serve(dashboardDir, "index.html"));
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
