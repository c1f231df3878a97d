using System.CommandLine;
using Hypergrid.Dashboard;
using Microsoft.Extensions.Hosting;

namespace Hypergrid.Cli;

/// <summary>hypergrid dashboard: serves the page and the HTTP API over out/log.</summary>
public static class DashboardVerb
{
    public static Command Create()
    {
        var command = new Command("dashboard", "Serve the dashboard (plots of every trial) and its HTTP API over out/log");
        var outDir = new Option<string>("--out") { Description = "The output folder whose log/ is shown", DefaultValueFactory = _ => "out" };
        var port = new Option<int>("--port") { DefaultValueFactory = _ => 8050 };
        var host = new Option<string>("--host") { Description = "Address to listen on; beyond 127.0.0.1 anyone who can reach it can read the logs", DefaultValueFactory = _ => "127.0.0.1" };
        command.Options.Add(outDir);
        command.Options.Add(port);
        command.Options.Add(host);
        command.SetAction((r, cancel) => Exit.GuardAsync(async () =>
        {
            var options = DashboardOptions.Checked(r.GetValue(outDir)!, r.GetValue(host)!, r.GetValue(port)) with { Schema = Training.TrialSchema.Instance };
            if (!options.IsLoopback)
                Console.Error.WriteLine($"warning: listening on {options.Host}, beyond this machine: anyone who can reach port {options.Port} can read every log under {options.LogDir}");
            await using var app = DashboardServer.Build(options);
            try { await app.StartAsync(cancel); }
            catch (IOException ex)
            {
                throw new Config.UsageException($"{ex.Message.TrimEnd('.')}; pass another --port (or stop what uses this one)");
            }
            // What it really listens on: the port it got (for --port 0) and, for a host name, the addresses the name resolved to.
            var bound = app.Urls.ToList();
            var actualPort = bound.Count > 0 ? new Uri(bound[0]).Port : options.Port;
            var listening = bound.Count > 1 || !bound.Contains((options with { Port = actualPort }).Url) ? $"listening on {string.Join(", ", bound)}; " : "";
            Console.WriteLine($"Hypergrid dashboard: {(options with { Port = actualPort }).Url}/  ({listening}reading {Path.GetFullPath(options.LogDir)}; Ctrl+C stops)");
            await app.WaitForShutdownAsync(cancel);
            return Exit.Ok;
        }));
        return command;
    }
}
