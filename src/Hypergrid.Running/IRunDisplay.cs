namespace Hypergrid.Running;

/// <summary>Shows a run as it goes: live bars on a terminal, plain lines elsewhere.</summary>
public interface IRunDisplay
{
    /// <summary>A line of the run itself (data source, job id, …).</summary>
    void Line(string text);

    /// <summary>A text line a worker printed; <paramref name="error"/> when it came on stderr (a crash, a warning).</summary>
    void WorkerLine(int worker, string text, bool error);

    /// <summary>Called once before workers start: how many trials will be tried.</summary>
    void Plan(int trials);

    void Event(int worker, WorkerEvent e);
}
