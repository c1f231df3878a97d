namespace Hypergrid.Running;

/// <summary>Shows a run as it goes: live bars on a terminal, plain lines elsewhere.</summary>
public interface IRunDisplay
{
    void Line(string text);

    /// <summary>Called once before workers start: how many trials will be tried.</summary>
    void Plan(int trials);

    void Event(int worker, WorkerEvent e);
}
