using System.Net;
using System.Text.RegularExpressions;
using Hypergrid.Config;

namespace Hypergrid.Dashboard;

/// <summary>Where the dashboard reads from and where it listens.</summary>
public sealed partial record DashboardOptions(string OutDir = "out", string Host = "127.0.0.1", int Port = 8050)
{
    public string LogDir => Path.Combine(OutDir, "log");

    /// <summary>What knows the trials' defaults (the registries), for staleness by effective values; null: values as written.</summary>
    public Hypergrid.Config.Expansion.IConfigSchema? Schema { get; init; }

    public bool IsLoopback => Host is "localhost" || IPAddress.TryParse(Host, out var ip) && IPAddress.IsLoopback(ip);

    public string Url => $"http://{(Host.Contains(':') ? $"[{Host}]" : Host)}:{Port}";

    /// <summary>Where to listen: the address, localhost, or each address a host name resolves to (never every interface for a name).</summary>
    public string[] ListenUrls()
    {
        // Kestrel picks no free port for 'localhost' (it would be two listeners): port 0 on localhost is 127.0.0.1's.
        if (Host == "localhost" && Port == 0) return [$"http://127.0.0.1:0"];
        if (Host == "localhost" || IPAddress.TryParse(Host, out _)) return [Url];
        IPAddress[] addresses;
        try { addresses = Dns.GetHostAddresses(Host); }
        catch (System.Net.Sockets.SocketException ex) { throw new UsageException($"--host {Host} does not resolve to an address of this machine ({ex.Message}); use an address such as 127.0.0.1"); }
        if (addresses.Length == 0) throw new UsageException($"--host {Host} resolves to no address; use an address such as 127.0.0.1");
        return addresses.Select(a => $"http://{(a.AddressFamily == System.Net.Sockets.AddressFamily.InterNetworkV6 ? $"[{a}]" : a.ToString())}:{Port}").Distinct().ToArray();
    }

    /// <summary>
    /// The names a browser may use for this server in its Host header: the address it is bound to and localhost.
    /// Any other name means a page from elsewhere reached it (DNS rebinding): refused.
    /// </summary>
    public IReadOnlySet<string> AllowedHosts => new HashSet<string>(StringComparer.OrdinalIgnoreCase) { Host, "localhost", "127.0.0.1", "[::1]", Host.Contains(':') ? $"[{Host}]" : Host };

    /// <summary>Options from the command line: a host that is not an address or a name, or a port out of range, is the user's mistake.</summary>
    public static DashboardOptions Checked(string outDir, string host, int port)
    {
        if (port is < 0 or > 65535) throw new UsageException($"--port {port} is not a port; use a number from 1 to 65535 (0 picks a free one)");
        var isAddress = IPAddress.TryParse(host, out _);
        if (!isAddress && (NumericLooking().IsMatch(host) || !HostName().IsMatch(host)))
            throw new UsageException($"--host {host} is neither an IP address nor a host name; use e.g. 127.0.0.1 (this machine only), 0.0.0.0 (every interface) or a name of this machine");
        if (File.Exists(outDir)) throw new UsageException($"--out {outDir} is a file; give the folder that holds log/");
        return new DashboardOptions(outDir, host, port);
    }

    // 999.1.1.1 is not an address, and must not be taken for a name either.
    [GeneratedRegex(@"^[0-9.]+$")]
    private static partial Regex NumericLooking();

    [GeneratedRegex(@"^(?=.{1,253}$)[A-Za-z0-9]([A-Za-z0-9-]{0,61}[A-Za-z0-9])?(\.[A-Za-z0-9]([A-Za-z0-9-]{0,61}[A-Za-z0-9])?)*$")]
    private static partial Regex HostName();
}
