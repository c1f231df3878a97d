namespace Hypergrid.Tests;

/// <summary>Reading batch logs in tests.</summary>
public static class BatchLogs
{
    /// <summary>A batch log's lines without the time column (what exact resume promises to reproduce).</summary>
    public static string[] WithoutTime(string path)
    {
        var lines = File.ReadAllLines(path);
        var time = Array.IndexOf(lines[0].Split(','), "time");
        if (time < 0) throw new InvalidDataException($"{path} has no time column");
        return lines.Select(l => string.Join(',', l.Split(',').Where((_, i) => i != time))).ToArray();
    }
}
