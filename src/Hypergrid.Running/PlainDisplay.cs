namespace Hypergrid.Running;

/// <summary>Plain lines for logs and CI: each worker line as it comes, and one line per finished epoch.</summary>
public sealed class PlainDisplay(TextWriter output) : IRunDisplay
{
    private readonly Lock gate = new();

    public void Line(string text)
    {
        lock (gate) output.WriteLine(text);
    }

    public void Plan(int trials) { }

    public void Event(int worker, WorkerEvent e)
    {
        if (e.Kind == "progress" && e.Batch == e.Batches)
            Line($"[w{worker}] {e.Trial}: epoch {e.Epoch}/{e.Epochs} done, last batch loss {e.Loss:F4}");
    }
}
