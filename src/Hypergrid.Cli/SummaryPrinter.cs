using System.Globalization;
using Hypergrid.Running;
using Hypergrid.Trials;
using Spectre.Console;

namespace Hypergrid.Cli;

/// <summary>The table that ends a run: trial, state, final val loss and accuracy (the epoch log's), time.</summary>
public static class SummaryPrinter
{
    public static void Print(RunSummary summary)
    {
        var notes = (summary.Stale > 0 ? $"; {summary.Stale} of them stale (their config or data changed since they ran; --rerun-stale retrains them)" : "")
            + (summary.OtherCode > 0 ? $"; {summary.OtherCode} trained by other code (their code files changed since; --retrain-other-code retrains them)" : "")
            + (summary.Diverged > 0 ? $"; {summary.Diverged} diverged (their last loss is NaN or infinite; report and promote leave them out)" : "")
            + (summary.Damaged > 0 ? $"; {summary.Damaged} damaged (--rerun-damaged retrains them)" : "")
            + (summary.Running > 0 ? $"; {summary.Running} being trained by another worker" : "");
        if (summary.Rows.Count == 0)
        {
            Console.WriteLine($"nothing to train: all {summary.AlreadyComplete} selected trial(s) are complete{notes} (see 'hypergrid status')");
            return;
        }
        var table = new Table();
        foreach (var c in new[] { "trial", "state", "val loss", "val acc", "time (s)" }) table.AddColumn(c);
        foreach (var column in table.Columns) column.NoWrap();
        foreach (var r in summary.Rows)
            table.AddRow(Markup.Escape(r.Id.ToString()), Color(r.State) + Where(summary, r), Num(r.Final("val_loss"), "F4"), Num(r.Final("val_acc"), "F4"), Num(r.Run?.Seconds, "F1"));
        AnsiConsole.Write(table);
        foreach (var r in summary.Rows.Where(r => r.Error is not null))
            Console.Error.WriteLine($"failed: {r.Id}: {r.Error}");
        foreach (var line in Trials.Search.PastRung.Lines(summary.Rows)) Console.WriteLine(line);
        // A diverged result is finished (not retrained, not a failure): it counts as the opening line counts it, and is named.
        var complete = summary.Rows.Count(r => r.State is TrialState.Complete or TrialState.Diverged);
        var diverged = summary.Rows.Count(r => r.State == TrialState.Diverged);
        var stillRunning = summary.Rows.Count(r => r.State == TrialState.Running);
        var paused = summary.Rows.Count(r => r.State == TrialState.Paused);
        var failed = summary.Rows.Count - complete - stillRunning - paused;
        var elsewhere = summary.Rows.Count(r => r.State == TrialState.Complete && !summary.TrainedHere(r));
        var byOthers = elsewhere > 0 ? $" ({elsewhere} of them by another run at the same time)" : "";
        var running = stillRunning > 0 ? $", {stillRunning} still being trained by another run" : "";
        var divergedNote = diverged > 0 ? $", {diverged} of them diverged (last loss NaN or infinite; left out of report and promote)" : "";
        var pausedNote = paused > 0 ? $", {paused} paused at a search rung ('hypergrid status --trials' gives their ranks)" : "";
        Console.WriteLine(Totals(summary, complete, failed, byOthers + divergedNote + pausedNote, running, notes));
    }

    /// <summary>"2 trained, 1 not complete; 5 of the 6 selected trials are complete (3 not trained in this run)": the run and its whole selection.</summary>
    public static string Totals(RunSummary summary, int complete, int failed, string trainedNote = "", string running = "", string notes = "")
    {
        var all = complete + summary.OthersComplete;
        return $"{complete} trained{trainedNote}, {failed} not complete{running}; {all} of the {summary.Selected} selected trial(s) are complete"
            + (summary.OthersComplete > 0 ? $" ({summary.OthersComplete} not trained in this run)" : "") + notes;
    }

    /// <summary>
    /// What a run stopped by Ctrl-C did, each trial counted once: e.g. "stopping: 2 trial(s) checkpointed at epoch 3 batch 0,
    /// 1 stopped before its first checkpoint (it starts again), 1 not started; rerun to continue".
    /// </summary>
    public static string Stopped(RunSummary summary)
    {
        var pending = summary.Rows.Where(r => r.State == TrialState.Pending).ToList();
        var checkpointed = pending.Where(r => r.ResumesAt is not null).ToList();
        var fresh = pending.Count(r => r.ResumesAt is null && r.Run is not null && summary.TrainedHere(r));
        var notStarted = pending.Count - checkpointed.Count - fresh;
        var parts = new List<string>();
        if (checkpointed.Count > 0) parts.Add($"{checkpointed.Count} trial(s) checkpointed at {string.Join(", ", checkpointed.Select(r => r.ResumesAt).Distinct())}");
        if (fresh > 0) parts.Add($"{fresh} stopped before {(fresh == 1 ? "its" : "their")} first checkpoint ({(fresh == 1 ? "it starts" : "they start")} again)");
        if (notStarted > 0) parts.Add($"{notStarted} not started");
        return $"stopping: {(parts.Count == 0 ? "no trial was left unfinished" : string.Join(", ", parts))}; rerun to continue";
    }

    // Only a result or a claim of another run at the same time is "another run"; a trial left pending says where it resumes.
    private static string Where(RunSummary summary, TrialRecord r) =>
        r.State is TrialState.Complete or TrialState.Running && r.Run is not null && !summary.TrainedHere(r) ? " [dim](another run)[/]"
        : r.State == TrialState.Pending && r.ResumesAt is { } at ? $" [dim](resumes at {Markup.Escape(at)})[/]"
        : r.State == TrialState.Paused && r.Run?.PausedAt is { } p ? $" [dim](epoch {p}{(r.Run.Epochs is { } e ? $" of {e}" : "")})[/]" : "";

    private static string Color(TrialState s) => s switch
    {
        TrialState.Complete => "[green]complete[/]",
        TrialState.Failed or TrialState.Damaged or TrialState.Diverged => $"[red]{s.Name()}[/]",
        _ => $"[yellow]{s.Name()}[/]",
    };

    private static string Num(double? v, string format) => v?.ToString(format, CultureInfo.InvariantCulture) ?? "";
}
