namespace Hypergrid.Running;

/// <summary>Plain lines for logs and CI: each worker's own text lines as they come; events are for bars only.</summary>
public sealed class PlainDisplay(TextWriter output) : IRunDisplay
{
    private readonly Lock gate = new();

    public void Line(string text)
    {
        lock (gate) output.WriteLine(text);
    }

    public void WorkerLine(int worker, string text, bool error) => Line($"[w{worker}] {text}");

    public void Plan(int trials) { }

    public void Event(int worker, WorkerEvent e) { }
}
