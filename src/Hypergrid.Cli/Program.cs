using System.CommandLine;
using Hypergrid.Cli;

// A Slurm task's worker handles the time-limit warning before anything else (it may come as the task starts).
if (args is ["worker", ..]) WorkerVerb.ListenForWarning();
ConsoleWidth.WidenWhenRedirected();
// The built-in trainers (TorchSharp) are linked here, not by the orchestration: a program-only study never loads them.
Hypergrid.Running.Trainers.TrainerBackends.RegisterBuiltin(Hypergrid.Training.Backend.BuiltinBackend.Instance, Hypergrid.Training.TrialSchema.Instance);
var root = new RootCommand("Hypergrid: expand a tree of YAML configs into trials, train them, and watch them.")
{
    RunVerb.Create("sweep", "sweep", "Train every sweep trial that is not complete"),
    RunVerb.Create("experiment", "experiment", "Train every experiment trial that is not complete"),
    RunVerb.Create("run", null, "Train every trial of all modes that is not complete"),
    ExpandVerb.Create(),
    StatusVerb.Create(),
    ReportVerb.Create(),
    PromoteVerb.Create(),
    EvalVerb.Create(),
    DashboardVerb.Create(),
    PlotVerb.Create(),
    DataVerb.Create(),
    WorkerVerb.Create(),
    DoctorVerb.Create(),
};
var parse = root.Parse(args);
// Ctrl-C is the verbs' own (a run checkpoints its trials and says so): no forced exit after two seconds.
return parse.Errors.Count > 0 ? Exit.ParseErrors(parse) : await parse.InvokeAsync(new InvocationConfiguration { ProcessTerminationTimeout = null });
