using System.Text.Json;
using Hypergrid.Dashboard.Trials;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Routing;

namespace Hypergrid.Dashboard.Api;

/// <summary>GET /api/trials: every trial with its state, resolved config, data source and final metrics.</summary>
public static class TrialEndpoints
{
    private static readonly JsonSerializerOptions Json = new(JsonSerializerDefaults.Web)
    {
        NumberHandling = System.Text.Json.Serialization.JsonNumberHandling.AllowNamedFloatingPointLiterals,
    };

    public static IEndpointRouteBuilder MapTrials(this IEndpointRouteBuilder app, TrialScanner scanner)
    {
        app.MapGet("/api/trials", () => Results.Json(new { root = scanner.LogRoot, trials = scanner.Scan() }, Json));
        return app;
    }
}
