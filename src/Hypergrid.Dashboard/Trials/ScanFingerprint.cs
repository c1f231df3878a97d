namespace Hypergrid.Dashboard.Trials;

/// <summary>
/// A 64-bit FNV-1a hash of what a scan saw that /api/trials answers with: each trial folder, its modification time,
/// and the fields that change without it (state, note, error, resume point, log: a claim's holder dying, code
/// changing). The same fingerprint as the last answer means the same answer: its body and ETag are reused, so a 304
/// costs the scan alone, not a serialization and a hash of megabytes.
/// </summary>
public struct ScanFingerprint()
{
    private ulong hash = 14695981039346656037UL;

    public readonly ulong Value => hash;

    public void Add(string? text)
    {
        if (text is null) { Add(0xFFFFFFFFUL); return; }
        foreach (var c in text) Mix(c);
        Add((ulong)text.Length);
    }

    public void Add(ulong value)
    {
        for (var i = 0; i < 8; i++) Mix((byte)(value >> (8 * i)));
    }

    private void Mix(uint unit)
    {
        hash ^= unit;
        hash *= 1099511628211UL;
    }
}
