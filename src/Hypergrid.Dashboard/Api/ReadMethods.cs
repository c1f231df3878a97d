namespace Hypergrid.Dashboard.Api;

/// <summary>The methods every read endpoint answers: HEAD is GET without the body (Kestrel drops it).</summary>
public static class ReadMethods
{
    public static readonly string[] GetAndHead = ["GET", "HEAD"];
}
