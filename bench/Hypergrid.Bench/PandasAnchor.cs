using System.Diagnostics;
using System.Globalization;

namespace Hypergrid.Bench;

/// <summary>
/// agg_pandas.py kept running under Debian's python3 (which has pandas): each <see cref="Once"/> is one timed
/// read_csv + groupby + to_csv, so the bench can alternate it with its own runs. It inherits the bench's CPU affinity.
/// </summary>
public sealed class PandasAnchor : IDisposable
{
    private const string Python = "/usr/bin/python3";
    private readonly Process process;

    private PandasAnchor(Process process) => this.process = process;

    /// <summary>pandas' version, for the printed figure.</summary>
    public static string Version { get; private set; } = "?";

    /// <summary>The anchor for a batch log and the epoch log it writes; null when Debian's python3 has no pandas.</summary>
    public static PandasAnchor? Start(string batchLog, string epochLog)
    {
        if (!File.Exists(Python)) return null;
        using (var probe = Process.Start(new ProcessStartInfo(Python, "-c \"import pandas; print(pandas.__version__)\"") { RedirectStandardOutput = true, RedirectStandardError = true })!)
        {
            var version = probe.StandardOutput.ReadToEnd().Trim();
            probe.WaitForExit();
            if (probe.ExitCode != 0) return null;
            Version = version;
        }
        var info = new ProcessStartInfo(Python) { RedirectStandardInput = true, RedirectStandardOutput = true };
        foreach (var a in new[] { Path.Combine(AppContext.BaseDirectory, "agg_pandas.py"), batchLog, epochLog }) info.ArgumentList.Add(a);
        return new PandasAnchor(Process.Start(info)!);
    }

    /// <summary>One run; the seconds it took, as the script measured them.</summary>
    public double Once() => Timed().Wall;

    /// <summary>One run; the seconds it took by the clock and in CPU time, as the script measured them.</summary>
    public (double Wall, double Cpu) Timed()
    {
        process.StandardInput.WriteLine("go");
        var line = process.StandardOutput.ReadLine() ?? throw new InvalidOperationException("agg_pandas.py stopped");
        var parts = line.Split(' ');
        return (double.Parse(parts[0], CultureInfo.InvariantCulture), double.Parse(parts[1], CultureInfo.InvariantCulture));
    }

    public void Dispose()
    {
        process.StandardInput.Close();
        process.WaitForExit(10_000);
        process.Dispose();
    }
}
