using Hypergrid.Dashboard.Series;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Routing;

namespace Hypergrid.Dashboard.Api;

/// <summary>
/// GET /api/axis-labels: the x axes' words (<see cref="AxisLabels"/>) as {axis: words}, the table the figure files label
/// their axes from, so the page's axes say what its figures say.
/// </summary>
public static class AxisLabelEndpoints
{
    public static IEndpointRouteBuilder MapAxisLabels(this IEndpointRouteBuilder app)
    {
        app.MapMethods("/api/axis-labels", ReadMethods.GetAndHead, () => Results.Json(AxisLabels.All));
        return app;
    }
}
