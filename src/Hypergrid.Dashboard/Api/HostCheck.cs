using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;

namespace Hypergrid.Dashboard.Api;

/// <summary>
/// Answers only requests addressed to this server by a name it was bound to (or localhost): a web page on another
/// site that rebinds its DNS name to 127.0.0.1 sends its own name as Host, and gets 421 instead of every log.
/// </summary>
public static class HostCheck
{
    public static IApplicationBuilder UseHostCheck(this IApplicationBuilder app, DashboardOptions options)
    {
        var allowed = new HashSet<string>(options.AllowedHosts, StringComparer.OrdinalIgnoreCase);
        // Bound to every interface, the server is reached by any of this machine's addresses or its own name; still never by a foreign name.
        var everyInterface = options.Host is "0.0.0.0" or "::";
        if (everyInterface) allowed.Add(Environment.MachineName);
        return app.Use(async (http, next) =>
        {
            var host = http.Request.Host.Host;
            var isAddress = System.Net.IPAddress.TryParse(host.Trim('[', ']'), out _);
            if (allowed.Contains(host) || allowed.Contains($"[{host}]") || everyInterface && isAddress) { await next(http); return; }
            http.Response.StatusCode = StatusCodes.Status421MisdirectedRequest;
            await http.Response.WriteAsync($"this dashboard answers to {string.Join(", ", allowed.Order())}, not '{host}'");
        });
    }
}
