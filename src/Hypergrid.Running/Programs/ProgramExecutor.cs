using System.Diagnostics;
using System.Security.Cryptography;
using System.Text;
using Hypergrid.Config;
using Hypergrid.Config.Expansion;
using Hypergrid.Config.Programs;
using Hypergrid.Config.Trainers;
using Hypergrid.Trials;
using Hypergrid.Trials.Code;
using Hypergrid.Trials.Lifecycle;
using Hypergrid.Trials.Logs;

namespace Hypergrid.Running.Programs;

/// <summary>
/// Trains a claimed trial by running the user's program (its config's <c>command</c>) in an attempt folder of its own.
/// Exit 0 with a valid batch log completes the trial; exit 75, or an exit after a stop request, leaves it interrupted
/// (the next claimant continues with HYPERGRID_RESUME=1); any other exit fails it with the code and the last output
/// lines. The attempt's files stay so that a later attempt can continue them.
/// </summary>
public static class ProgramExecutor
{
    /// <summary>EX_TEMPFAIL: "interrupted, continue me".</summary>
    public const int ExitContinue = 75;

    private const int TailLines = 20;

    public static RunRecord Execute(TrialAttempt life, TrainerRun run)
    {
        var (progress, cancel) = (run.Progress, run.Cancel);
        var (trialDir, log, stillOwned, say) = (life.TrialDir, life.Log, life.StillOwned, life.Say);
        // The host that runs the attempt decides its containment (a Slurm node may differ from where the run started):
        // the attempt's own log says when it had none.
        if (!ProgramContainment.Namespaced) log.WriteLine($"{DateTimeOffset.UtcNow:O} {ProgramContainment.Warning}");
        var previous = life.Previous;
        try
        {
            var cfgPath = Path.GetFullPath(Path.Combine(trialDir, TrialFiles.Config));
            var config = life.ReadConfig(ProgramSchema.Check, null); // its values as checked: declared types, declared defaults written out
            var arguments = ProgramSchema.Arguments(config).ToList();
            var workingDir = run.ProgramDir ?? Directory.GetCurrentDirectory();
            arguments[0] = ProgramProcess.Resolve(arguments[0], workingDir)
                ?? throw new UsageException($"{cfgPath}: key 'command' runs '{arguments[0]}', which is not a file under {workingDir} nor a program on PATH\n  hint: check the program's name, or give its path relative to the folder that holds cfg/");

            // What produced the result: the code files (hashed once per worker and file version) and what ran them.
            var code = CodeIdentity.Of(workingDir, arguments, ProgramSchema.CodeGlobs(config), [OutFolder(trialDir)]);
            // A checkpoint made by other code is not continued (as one made for other values is not): a result is
            // trained by one code. Its attempts move to previous/, nothing is deleted.
            if (previous?.Code is { Sha256: { } before } made && before != code.Sha256 && Attempt.Latest(trialDir) is { HasProgress: true })
            {
                var moved = TrialAttempt.Archive(trialDir, [Attempt.Folder]);
                say($"its checkpoint is not used: it was made by other code ({CodeJudge.Changes(made.Files, code.Files)} since); starting from scratch (its attempts moved to {moved})");
            }
            var attempt = Attempt.Begin(trialDir, carry: true, out var continued);
            life.Write(r => r with
            {
                EpochsPastRung = continued ? previous?.EpochsPastRung : null,
                Code = code,
                Interpreter = Interpreter.Of(arguments[0], workingDir),
                Command = arguments,
                ResumedFrom = continued ? $"its own checkpoint (attempt {attempt.Number})" : null,
                // A continued trial's time is the sum of its attempts; one started again counts from here.
                AttemptSeconds = continued ? RunRecord.EarlierAttempts(previous) : null,
            });
            say((continued ? "continue" : "start") + $" {string.Join(' ', arguments)} (attempt {attempt.Number}) on {life.Record.Host}");

            var environment = new Dictionary<string, string>
            {
                ["HYPERGRID_TRIAL_DIR"] = Path.GetFullPath(trialDir),
                ["HYPERGRID_CONFIG"] = cfgPath,
                ["HYPERGRID_CONFIG_JSON"] = life.Record.Config!.ToJsonString(),
                ["HYPERGRID_BATCH_LOG"] = Path.GetFullPath(attempt.PartialLog),
                ["HYPERGRID_CHECKPOINT_DIR"] = Path.GetFullPath(attempt.CheckpointDir),
                ["HYPERGRID_RESUME"] = continued ? "1" : "0",
                ["HYPERGRID_SEED"] = config["seed"]?.Canonical ?? "0",
                ["HYPERGRID_THREADS"] = run.Threads.ToString(System.Globalization.CultureInfo.InvariantCulture),
                ["OMP_NUM_THREADS"] = run.Threads.ToString(System.Globalization.CultureInfo.InvariantCulture),
                ["PYTHONUNBUFFERED"] = "1",
                // Where the program may report what it ran with (the Python helper writes its versions there).
                ["HYPERGRID_PROGRAM_INFO"] = Path.GetFullPath(Path.Combine(attempt.Directory, ProgramInfo.File)),
            };
            foreach (var (k, v) in Devices.DeviceEnvironment.For(run.TrialGpus)) environment[k] = v;
            var all = ProgramBackend.Instance.Epochs(config);
            var epochs = all == int.MaxValue ? 0 : all; // 0: the program did not say (the bar shows no total)
            // A search rung: the program is told the last epoch it may train, and ends that attempt with exit 75.
            var stopAfter = run.StopAfterEpoch;
            if (stopAfter is { } last) environment["HYPERGRID_STOP_AFTER_EPOCH"] = last.ToString(System.Globalization.CultureInfo.InvariantCulture);
            var outcome = Run(arguments, workingDir, environment, attempt, log, epochs, progress, stillOwned, ProgramSchema.StopGrace(config), cancel, stopAfter);
            if (!stillOwned()) return life.Lost();
            var versions = ProgramInfo.Read(attempt.Directory, out var infoProblem);
            if (infoProblem is not null) log.WriteLine($"{DateTimeOffset.UtcNow:O} {infoProblem}");
            life.Update(r => r with { ExitCode = outcome.ExitCode, ProgramVersions = versions ?? r.ProgramVersions });
            // The finished log's name is Hypergrid's: one the program wrote would make the trial look complete.
            if (Present(Path.Combine(trialDir, TrialFiles.BatchLog)))
            {
                var moved = TrialAttempt.Archive(trialDir, [TrialFiles.BatchLog]);
                return life.Fail($"the program wrote {TrialFiles.BatchLog} in its trial folder itself; that name is Hypergrid's (the finished log, copied from " +
                    $"$HYPERGRID_BATCH_LOG when the program ends): it was moved to {moved}; write rows only to $HYPERGRID_BATCH_LOG");
            }
            var table = ValidTable(attempt.PartialLog);
            var reached = table is null || table.Rows == 0 ? 0 : table.Epochs.Max();
            // Rows past the rung at exit, however fast they came (a burst, then exit): said, counted, kept.
            var pastRung = stopAfter is { } told && reached > told;
            if (pastRung)
            {
                var past = (int)(reached - stopAfter!.Value);
                life.Update(r => r with { EpochsPastRung = (r.EpochsPastRung ?? 0) + past });
                // In worker.log; the run's output and status say it once per leaf (PastRung).
                log.WriteLine($"{DateTimeOffset.UtcNow:O} trained {past} epoch(s) past its search rung (HYPERGRID_STOP_AFTER_EPOCH={stopAfter}); its rows are kept and its decision is made at epoch {stopAfter}");
            }
            // Exit 0 is complete when nobody stopped it, or when it stopped with every epoch in its log, the last one closed
            // (a stop during the last epoch and an exit 0 reach its number without finishing it).
            var open = epochs > 0 && reached >= epochs ? LastEpoch.NotClosed(table) : null;
            var wholeLog = epochs > 0 && reached >= epochs && open is null;
            if (outcome.ExitCode == 0 && (!outcome.Stopped && !outcome.PastRung && !pastRung || wholeLog))
                return Complete(life, attempt, config);
            if (stopAfter is { } rung && (outcome.ExitCode is ExitContinue or 0 || outcome.PastRung) && !cancel.IsCancellationRequested && reached >= rung)
                return life.Pause(rung, epochs > 0 ? epochs : null, kept: "its checkpoint folder is kept");
            if (outcome.ExitCode == ExitContinue || outcome.Stopped)
            {
                var why = outcome.ExitCode == ExitContinue ? "exited 75 (continue me)"
                    : $"stopped ({Describe(outcome.ExitCode)}){(outcome.ExitCode == 0 && open is not null ? $" in its last epoch, which is not closed: {open}" : "")}";
                var next = attempt.HasCheckpoint ? "the next run continues it with HYPERGRID_RESUME=1"
                    : "it left no checkpoint (its checkpoint folder is empty): the next run gives it HYPERGRID_RESUME=1 with its log and no checkpoint";
                var error = $"interrupted: the program {why}; {next}";
                return life.Interrupt(error, error, yielded: !outcome.Stopped);
            }
            return life.Fail($"the program {Describe(outcome.ExitCode)}" + Tail(outcome.LastLines));
        }
        catch (Exception ex) when (!stillOwned())
        {
            life.Note(ex.Message);
            return life.Lost();
        }
        catch (Exception ex) when (ex is ConfigException or UsageException or IOException or UnauthorizedAccessException or InvalidDataException
            or System.ComponentModel.Win32Exception)
        {
            return life.Fail(ex.Message);
        }
    }

    // out/ of out/log/<mode>/<dataset>/<model>/<trainer>/<trial>: results are not code, whatever a glob says.
    private static string OutFolder(string trialDir) => Path.GetFullPath(Path.Combine(trialDir, "..", "..", "..", "..", "..", ".."));

    private sealed record Outcome(int ExitCode, bool Stopped, IReadOnlyList<string> LastLines)
    {
        /// <summary>Stopped by Hypergrid because it wrote rows past its search rung (not by a stop request).</summary>
        public bool PastRung { get; init; }
    }

    // The epochs of the log's valid rows (null: none, or not a log): where the program got to, and whether its last epoch is whole.
    private static EpochTable? ValidTable(string partialLog)
    {
        if (SafeFiles.ReadOwnBytes(partialLog) is not { } bytes || BatchLogCheck.Problem(bytes, out var valid) is not null) return null;
        return EpochAggregator.FromBytes(bytes.AsSpan(0, (int)valid).ToArray());
    }

    // Runs the program to its end: output to worker.log, the log tailed for the display, a stop forwarded as SIGTERM
    // and followed by SIGKILL after the grace period; a lost claim kills at once.
    private static Outcome Run(List<string> arguments, string workingDir, Dictionary<string, string> environment, Attempt attempt,
        TextWriter log, int epochs, AttemptProgress? progress, Func<bool> stillOwned, TimeSpan grace, CancellationToken cancel, int? stopAfter = null)
    {
        var last = new Queue<string>();
        using var program = ProgramProcess.Start(arguments, workingDir, environment);
        var pumps = new[] { Pump(program.Output, log, last), Pump(program.Errors, log, last) };
        var tail = new LogTail(attempt.PartialLog);
        DateTime? killAt = null;
        var stopped = false;
        var pastRung = false;
        while (!program.HasExited)
        {
            // A program that trains on past its rung is stopped as any other: SIGTERM, then SIGKILL after the grace.
            if (stopAfter is { } rung && !stopped && !pastRung && tail.Epoch > rung)
            {
                pastRung = true;
                program.Terminate();
                killAt = DateTime.UtcNow + grace;
                log.WriteLine($"{DateTimeOffset.UtcNow:O} the program wrote rows of epoch {tail.Epoch}, past its search rung {rung}: SIGTERM sent; it is killed after {grace.TotalSeconds:F0} s");
            }
            if (cancel.IsCancellationRequested && !stopped)
            {
                stopped = true;
                if (!stillOwned())
                {
                    program.Kill();
                    break;
                }
                program.Terminate();
                killAt = DateTime.UtcNow + grace;
                log.WriteLine($"{DateTimeOffset.UtcNow:O} stop requested: SIGTERM sent to the program; it is killed after {grace.TotalSeconds:F0} s");
            }
            if (killAt is { } deadline && DateTime.UtcNow >= deadline)
            {
                log.WriteLine($"{DateTimeOffset.UtcNow:O} the program did not stop within {grace.TotalSeconds:F0} s of SIGTERM: killed");
                program.Kill();
                killAt = null;
            }
            try
            {
                if (tail.Poll() && progress is not null)
                    progress((int)tail.Epoch, epochs, (int)tail.Batch, tail.BatchesPerEpoch, tail.Loss);
            }
            catch (IOException) { }
            // Returns the moment the program exits: a short trial does not wait out a polling interval.
            program.WaitForExit(250);
        }
        var exited = SpinWait.SpinUntil(() => program.HasExited, TimeSpan.FromSeconds(5));
        var code = exited ? program.ExitCode : 128 + Signal.Kill;
        program.Dispose(); // kills what the program left behind in its group, which closes its pipes
        Task.WaitAll(pumps, TimeSpan.FromSeconds(5));
        lock (last) return new Outcome(code, stopped, last.ToList()) { PastRung = pastRung };
    }

    // The worker hands a synchronized writer: the two pumps and the worker's own lines share it without locks here.
    private static Task Pump(StreamReader reader, TextWriter log, Queue<string> last) => Task.Run(async () =>
    {
        while (await reader.ReadLineAsync() is { } line)
        {
            log.WriteLine(line);
            lock (last)
            {
                last.Enqueue(line.Length > 500 ? line[..500] + "..." : line);
                if (last.Count > TailLines) last.Dequeue();
            }
        }
    });

    // The result is a copy of the log, written by Hypergrid beside it: whatever still holds the partial log open (a
    // process that escaped its attempt on a host without namespaces) writes into a file nobody reads or makes final.
    private static RunRecord Complete(TrialAttempt life, Attempt attempt, TrialConfig config)
    {
        if (SafeFiles.ReadOwnBytes(attempt.PartialLog) is not { } bytes)
            return life.Fail(Present(attempt.PartialLog)
                ? $"the program replaced its batch log ({attempt.PartialLog}) with a link or a special file; Hypergrid reads only the regular file $HYPERGRID_BATCH_LOG names: append rows to it, do not replace it"
                : "the program exited 0 but wrote no batch log (append rows to $HYPERGRID_BATCH_LOG: a header line, then one row per batch)");
        if (BatchLogCheck.Problem(bytes, out var valid) is { } problem)
            return life.Fail($"the program exited 0 but its batch log is not valid: {problem}");
        if (valid < bytes.Length) life.Note("the batch log's last line had no newline (torn): cut");
        return life.Complete(attempt, bytes, (int)valid, keep: () =>
        {
            if (config["keep_checkpoint"] is Config.Yaml.CfgScalar { Boolean: true }) life.Keep(attempt.CheckpointDir, Attempt.CheckpointFolder);
        });
    }

    // Any entry under that name, a dangling link included.
    private static bool Present(string path) => new FileInfo(path) is var f && (f.Exists || f.LinkTarget is not null);

    private static string Describe(int code) => code > 128 ? $"was killed by signal {code - 128}" : $"exited with code {code}";

    private static string Tail(IReadOnlyList<string> lines) =>
        lines.Count == 0 ? " and printed nothing" : "; its last output:\n" + string.Join('\n', lines.TakeLast(8));
}
