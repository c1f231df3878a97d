namespace Hypergrid.Trials.Logs;

/// <summary>
/// What a reader of a growing log last read: the bytes of the last whole line before the point it reached. A log cut
/// back and grown again past that point (a program continuing from its checkpoint, an attempt started over) no longer
/// holds those bytes there, so the reader starts afresh instead of joining rows of two attempts or half a torn line
/// to a new one. (Rows carry their training time, so a regrown line is never the same bytes unless it is the same row.)
/// </summary>
public sealed class LogFingerprint
{
    private const int Size = 256;
    private byte[] tail = [];
    private long end;

    /// <summary>Notes the bytes before <paramref name="consumed"/> (the end of the last whole line read).</summary>
    public void Remember(FileStream stream, long consumed)
    {
        end = consumed;
        var start = Math.Max(0, consumed - Size);
        tail = new byte[consumed - start];
        stream.Seek(start, SeekOrigin.Begin);
        tail = tail[..stream.ReadAtLeast(tail, tail.Length, throwOnEndOfStream: false)];
    }

    /// <summary>Whether the file still holds, where the reader stopped, the bytes it read there.</summary>
    public bool Matches(FileStream stream)
    {
        if (tail.Length == 0) return true;
        if (stream.Length < end) return false;
        var now = new byte[tail.Length];
        stream.Seek(end - tail.Length, SeekOrigin.Begin);
        return stream.ReadAtLeast(now, now.Length, throwOnEndOfStream: false) == now.Length && now.AsSpan().SequenceEqual(tail);
    }

    public void Clear()
    {
        tail = [];
        end = 0;
    }
}
