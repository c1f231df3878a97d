using Spectre.Console;

namespace Hypergrid.Running;

/// <summary>One live bar per worker on a terminal: trial, epoch, batch, loss and ETA.</summary>
public sealed class LiveDisplay : IRunDisplay
{
    private readonly Dictionary<int, ProgressTask> bars = [];
    private readonly Lock gate = new();
    private ProgressContext? context;

    public static async Task RunAsync(int workers, Func<IRunDisplay, Task> body)
    {
        var display = new LiveDisplay();
        await AnsiConsole.Progress()
            .AutoClear(false)
            .Columns(new TaskDescriptionColumn { Alignment = Justify.Left }, new ProgressBarColumn(), new PercentageColumn(), new RemainingTimeColumn())
            .StartAsync(async ctx =>
            {
                display.context = ctx;
                for (var w = 0; w < workers; w++) display.bars[w] = ctx.AddTask($"[grey]w{w}: waiting[/]", maxValue: 1);
                await body(display);
                foreach (var bar in display.bars.Values) bar.StopTask();
            });
    }

    public void Line(string text)
    {
        // Per-batch chatter is on the bars; only outcomes and problems are printed as lines.
        if (text.Contains(": complete in", StringComparison.Ordinal) || text.Contains("failed", StringComparison.Ordinal) || text.Contains("error", StringComparison.OrdinalIgnoreCase))
            AnsiConsole.MarkupLine(Markup.Escape(text));
    }

    public void Event(int worker, WorkerEvent e)
    {
        lock (gate)
        {
            if (context is null || !bars.TryGetValue(worker, out var bar)) return;
            switch (e.Kind)
            {
                case "start":
                    // A fresh task per trial keeps the ETA column about this trial, not the whole run.
                    bar.StopTask();
                    bars[worker] = bar = context.AddTask(Markup.Escape($"w{worker}: {e.Trial}"), maxValue: 1);
                    break;
                case "progress":
                    bar.Description = Markup.Escape($"w{worker}: {e.Trial} epoch {e.Epoch}/{e.Epochs} batch {e.Batch}/{e.Batches} loss {e.Loss:F4}");
                    bar.Value = ((e.Epoch - 1) * (double)e.Batches + e.Batch) / Math.Max(1, e.Epochs * e.Batches);
                    break;
                case "done":
                    bar.Value = 1;
                    bar.Description = Markup.Escape($"w{worker}: {e.Trial} {e.State} ({e.Seconds:F1} s)");
                    break;
            }
        }
    }
}
