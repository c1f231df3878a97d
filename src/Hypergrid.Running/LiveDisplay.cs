using Spectre.Console;

namespace Hypergrid.Running;

/// <summary>One live bar per worker on a terminal: trial, epoch, batch, loss and ETA.</summary>
public sealed class LiveDisplay : IRunDisplay
{
    private readonly Dictionary<int, ProgressTask> bars = [];
    private readonly Dictionary<int, string> devices = []; // " on gpu 2": each worker's trial's GPUs, kept on its bar
    private readonly Lock gate = new();
    private ProgressContext? context;
    private ProgressTask? overall;

    public static async Task RunAsync(int workers, Func<IRunDisplay, Task> body)
    {
        var display = new LiveDisplay();
        await AnsiConsole.Progress()
            .AutoClear(false)
            .Columns(new TaskDescriptionColumn { Alignment = Justify.Left }, new ProgressBarColumn(), new PercentageColumn(), new RemainingTimeColumn())
            .StartAsync(async ctx =>
            {
                display.context = ctx;
                for (var w = 0; w < workers; w++) display.bars[w] = ctx.AddTask($"[grey]w{w}: starting[/]", maxValue: 1).HideWhenCompleted(true);
                await body(display);
                foreach (var bar in display.bars.Values) { bar.Value = bar.MaxValue; bar.StopTask(); }
                display.overall?.StopTask();
            });
    }

    public void Plan(int trials)
    {
        lock (gate) overall = context?.AddTask($"all: 0/{trials} trials", maxValue: trials);
    }

    public void Line(string text) => AnsiConsole.MarkupLine(Markup.Escape(text));

    // Workers' progress is on the bars and their outcomes come as events: only what they print on stderr shows.
    public void WorkerLine(int worker, string text, bool error)
    {
        if (error) Line($"[w{worker}] {text}");
    }

    public void Event(int worker, WorkerEvent e)
    {
        lock (gate)
        {
            if (context is null) return;
            // Cluster tasks can outnumber the bars made at the start: a bar appears with a worker's first event.
            if (!bars.TryGetValue(worker, out var bar)) bars[worker] = bar = context.AddTask($"w{worker}", maxValue: 1).HideWhenCompleted(true);
            switch (e)
            {
                case TrialStarted started:
                    // A fresh task per trial keeps the ETA column about this trial, not the whole run.
                    // Finished bars hide themselves, so the screen keeps one bar per worker plus the total.
                    bar.Value = bar.MaxValue;
                    bar.StopTask();
                    devices[worker] = started.Devices is null ? "" : $" on {started.Devices}";
                    bars[worker] = bar = context.AddTask(Markup.Escape($"w{worker}: {e.Trial}{devices[worker]}"), maxValue: 1).HideWhenCompleted(true);
                    break;
                case TrialProgress p:
                    // A program's log says how many epochs (from its config) and batches (from its last epoch) only when it can.
                    var epochs = p.Epochs > 0 ? $"/{p.Epochs}" : "";
                    var batches = p.Batches > 0 ? $"/{p.Batches}" : "";
                    bar.Description = Markup.Escape($"w{worker}: {p.Trial}{devices.GetValueOrDefault(worker, "")} epoch {p.Epoch}{epochs} batch {p.Batch}{batches} loss {p.Loss:F4}");
                    if (p.Epochs > 0 && p.Batches > 0)
                        bar.Value = Math.Min(1, ((p.Epoch - 1) * (double)p.Batches + p.Batch) / (p.Epochs * p.Batches));
                    break;
                case TrialDone d:
                    var status = d.Status.ToString().ToLowerInvariant();
                    bar.Description = Markup.Escape($"w{worker}: {d.Trial} {status} ({d.Seconds:F1} s)");
                    Line($"{d.Trial}: {status} in {d.Seconds:F1} s{(d.Error is null ? "" : ": " + d.Error)}");
                    if (overall is not null)
                    {
                        overall.Increment(1);
                        overall.Description = $"all: {overall.Value}/{overall.MaxValue} trials";
                    }
                    break;
            }
        }
    }
}
