using System.CommandLine;
using Hypergrid.Running.Doctor;

namespace Hypergrid.Cli;

/// <summary>hypergrid doctor: tests a study's out/log for what workers sharing it need (see docs/slurm.md).</summary>
public static class DoctorVerb
{
    public static Command Create()
    {
        var command = new Command("doctor", "Test the output folder for what workers sharing it need: exclusive create, rename, append, close-to-open; report flock and the clock");
        var outDir = new Option<string>("--out") { Description = "The output folder (tested in OUT/log)", DefaultValueFactory = _ => "out" };
        command.Options.Add(outDir);
        command.SetAction(r => Exit.Guard(() =>
        {
            var folder = r.GetValue(outDir)!;
            if (File.Exists(folder)) throw new Config.UsageException($"--out {folder} is a file; give the study's output folder");
            var log = Path.Combine(Path.GetFullPath(folder), "log");
            var checks = SharedFolderDoctor.Check(log);
            Console.Write(SharedFolderDoctor.Describe(log, checks));
            return checks.Any(c => c.Required && !c.Passed) ? Exit.Failed : Exit.Ok;
        }));
        return command;
    }
}
