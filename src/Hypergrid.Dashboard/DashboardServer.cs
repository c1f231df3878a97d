using Hypergrid.Config;
using Hypergrid.Dashboard.Api;
using Hypergrid.Dashboard.Trials;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;

namespace Hypergrid.Dashboard;

/// <summary>The dashboard's web server: reads out/log directly, writes nothing but the epoch-log cache.</summary>
public static class DashboardServer
{
    public static WebApplication Build(DashboardOptions options)
    {
        Hypergrid.Trials.ClockSkew.MayProbe = false; // judging a claim's age writes no probe into out/log (see docs/dashboard.md)
        var dashboardDir = RepoFiles.FindFolder("dashboard", "index.html")
            ?? throw new UsageException("dashboard/index.html was not found; run from the repository (or next to its dashboard/ folder)");
        var uplotDir = RepoFiles.FindFolder(Path.Combine("node_modules", "uplot", "dist"), "uPlot.iife.min.js")
            ?? throw new UsageException("uPlot was not found in node_modules; run 'npm ci' in the repository");
        var logRoot = Path.GetFullPath(options.LogDir);

        var builder = WebApplication.CreateSlimBuilder();
        builder.Logging.SetMinimumLevel(LogLevel.Warning);
        // A failure to start (port in use) is reported by the dashboard verb in one line, not as a logged stack trace.
        builder.Logging.AddFilter("Microsoft.Extensions.Hosting", LogLevel.None);
        // Kestrel listens on every interface for a host name; a name is resolved here, so it listens where the name points.
        builder.WebHost.UseUrls(options.ListenUrls());
        // The page's Results names its selection in the URL (GET /api/report?trials=…): room for thousands of trials.
        builder.WebHost.ConfigureKestrel(k => { k.Limits.MaxRequestLineSize = 1 << 20; k.Limits.MaxRequestHeadersTotalSize = 1 << 20; });
        // A change journal of out/log: a 304 of the trial list costs no folder scan while nothing changed. The host
        // owns it, so disposing the app (stopped or not) releases its inotify instance. It starts watching once the
        // first trial list is sent (see MapTrials): its walk of every folder is no part of the first answer.
        builder.Services.AddSingleton(_ => ChangeJournal.Deferred(logRoot));
        var app = builder.Build();
        app.UseHostCheck(options);
        app.UseContentPolicy();
        app.MapPage(dashboardDir, uplotDir);
        var scanner = new TrialScanner(logRoot, options.Schema) { Journal = app.Services.GetRequiredService<ChangeJournal>(), UseIndex = true };
        app.MapTrials(scanner);
        var store = new EpochLogStore(logRoot);
        app.MapLogs(logRoot, store);
        app.MapEpochs(logRoot, store);
        app.MapReport(logRoot, options.Schema);
        app.MapReportFigure(logRoot, scanner, options.Schema);
        var steps = new Series.SeriesStore(logRoot);
        var lookup = new TrialLookup(scanner);
        app.MapSeries(logRoot, steps, lookup, new Series.TrialXScales(store));
        app.MapNames(lookup);
        app.MapAxisLabels();
        app.MapFigures(scanner, new Figures.FigureBuilder(steps, store));
        return app;
    }
}
