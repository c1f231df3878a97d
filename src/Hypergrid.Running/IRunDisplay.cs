namespace Hypergrid.Running;

/// <summary>Shows a run as it goes: live bars on a terminal, plain lines elsewhere.</summary>
public interface IRunDisplay
{
    void Line(string text);

    void Event(int worker, WorkerEvent e);
}
