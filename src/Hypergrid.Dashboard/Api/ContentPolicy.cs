using Microsoft.AspNetCore.Builder;

namespace Hypergrid.Dashboard.Api;

/// <summary>
/// Every response says what the page may run: scripts and styles from this server only, no inline script, no plugin,
/// no framing. A string from cfg/ or out/log that reached the page as HTML by a mistake still could not run.
/// </summary>
public static class ContentPolicy
{
    public const string Value =
        "default-src 'self'; script-src 'self'; style-src 'self'; img-src 'self' data: blob:; connect-src 'self'; " +
        "object-src 'none'; base-uri 'none'; form-action 'none'; frame-ancestors 'none'";

    public static IApplicationBuilder UseContentPolicy(this IApplicationBuilder app) => app.Use(async (http, next) =>
    {
        http.Response.Headers.ContentSecurityPolicy = Value;
        http.Response.Headers.XContentTypeOptions = "nosniff";
        await next(http);
    });
}
