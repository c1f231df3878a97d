using Hypergrid.Trials;
using System.CommandLine;
using System.Runtime.InteropServices;
using Hypergrid.Running;

namespace Hypergrid.Cli;

/// <summary>hypergrid worker: claims trials from a manifest until none are left (what local workers and Slurm tasks run).</summary>
public static class WorkerVerb
{
    public static Command Create()
    {
        var command = new Command("worker", "Claim and train trials from a manifest until none are left (started by run and by cluster tasks)");
        var manifest = new Option<string>("--manifest") { Description = "File with one trial folder per line", Required = true };
        var data = new Option<string>("--data") { DefaultValueFactory = _ => "data" };
        var threads = new Option<int>("--threads") { DefaultValueFactory = _ => Environment.ProcessorCount };
        var runId = new Option<string>("--run-id") { DefaultValueFactory = _ => $"worker-{Environment.ProcessId}" };
        foreach (var o in new Option[] { manifest, data, threads, runId }) command.Options.Add(o);
        command.SetAction(r => Exit.Guard(() =>
        {
            using var cts = new CancellationTokenSource();
            // scancel, preemption and time limits send SIGTERM: stop the batch loop and release the claim.
            using var sigterm = PosixSignalRegistration.Create(PosixSignal.SIGTERM, ctx => { ctx.Cancel = true; cts.Cancel(); });
            using var sigint = PosixSignalRegistration.Create(PosixSignal.SIGINT, ctx => { ctx.Cancel = true; cts.Cancel(); });
            if (!File.Exists(r.GetValue(manifest))) throw new Config.UsageException($"--manifest {r.GetValue(manifest)} does not exist; 'hypergrid run' writes one per run under out/runs/");
            var settings = new WorkerSettings(r.GetValue(data)!, Math.Max(1, r.GetValue(threads)), r.GetValue(runId)!);
            var failed = Worker.Run(r.GetValue(manifest)!, settings, Console.Out, cts.Token);
            return failed > 0 ? Exit.Failed : Exit.Ok;
        }));
        return command;
    }
}
