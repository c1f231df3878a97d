namespace Hypergrid.Dashboard;

/// <summary>Where the dashboard reads from and where it listens.</summary>
public sealed record DashboardOptions(string OutDir = "out", string Host = "127.0.0.1", int Port = 8050)
{
    public string LogDir => Path.Combine(OutDir, "log");

    public bool IsLoopback => Host is "127.0.0.1" or "localhost" or "::1";

    public string Url => $"http://{(Host.Contains(':') ? $"[{Host}]" : Host)}:{Port}";
}
