using System.Buffers.Binary;
using System.Text.Json;

namespace Hypergrid.Trials;

/// <summary>
/// What a checkpoint says about itself, readable without loading any tensor (status and the dashboard show where a
/// pending trial resumes). Epoch is 1-based; Batch is how many train batches of that epoch are done (equal to the
/// epoch's batch count when only its val pass is left). Rows and Bytes are the partial batch log it matches.
/// </summary>
public sealed record CheckpointHeader
{
    /// <summary>3: the checksum is xxh3-128 (16 bytes); 2 closed the file with a sha256.</summary>
    public const int FormatVersion = 3;

    /// <summary>The first bytes of checkpoint.bin.</summary>
    public static ReadOnlySpan<byte> Magic => "HGCKPT\n\0"u8;

    public int Format { get; init; } = FormatVersion;

    /// <summary>sha256 of the cfg.yaml text the trial was started from.</summary>
    public string CfgSha256 { get; init; } = "";

    /// <summary>The hyperparameter hash (as run.json's): a checkpoint never continues a trial whose values changed.</summary>
    public string ParamsSha256 { get; init; } = "";

    /// <summary>The checksum of the data it was trained on (null in checkpoints from before it was recorded): other data restarts it.</summary>
    public string? DataChecksum { get; init; }

    /// <summary>hypergrid, torchsharp and libtorch versions: a different build may train differently, so it restarts.</summary>
    public Dictionary<string, string> Versions { get; init; } = [];
    public int Threads { get; init; }
    public int Epoch { get; init; }
    public int Batch { get; init; }
    public int Epochs { get; init; }
    public int Batches { get; init; }

    /// <summary>Rows of the partial batch log (header excluded) and its length in bytes when the checkpoint was taken.</summary>
    public long Rows { get; init; }
    public long Bytes { get; init; }

    /// <summary>Training seconds so far: the time column continues from here.</summary>
    public double Seconds { get; init; }
    public int? IterBudget { get; init; }
    public double? BestValLoss { get; init; }
    public double? BestValAcc { get; init; }
    public DateTimeOffset Created { get; init; }

    /// <summary>Where training continues, in the words status and the dashboard use.</summary>
    public string ResumesAt =>
        Epoch > Epochs ? "the end (training done, results not yet written)"
        : Batch >= Batches ? $"epoch {Epoch} val" : $"epoch {Epoch} batch {Batch}";

    /// <summary>Reads only the header of a checkpoint file; null when there is none or it is not one.</summary>
    public static CheckpointHeader? TryRead(string path)
    {
        try
        {
            // Through the safe open: a link or a FIFO named checkpoint.bin reads as no checkpoint, and never blocks status.
            using var stream = SafeFiles.OpenOwn(path);
            if (stream is null) return null;
            var head = new byte[(int)Math.Min(stream.Length, MaxHeader)];
            return FromStart(head.AsSpan(0, stream.ReadAtLeast(head, head.Length, throwOnEndOfStream: false)), out _);
        }
        // No checkpoint is the common case (FileNotFoundException is an IOException): one open, no separate stat.
        catch (Exception ex) when (ex is IOException or UnauthorizedAccessException) { return null; }
    }

    // A header is a few hundred bytes; anything claiming more than this is not one.
    private const int MaxHeader = 64 * 1024;

    /// <summary>The header at the start of a checkpoint's bytes (as <see cref="WriteTo"/> wrote it) and how many bytes it took; null when it is not one.</summary>
    public static CheckpointHeader? FromStart(ReadOnlySpan<byte> bytes, out int length)
    {
        length = 0;
        if (bytes.Length < Magic.Length + 4 || !bytes[..Magic.Length].SequenceEqual(Magic)) return null;
        var json = BinaryPrimitives.ReadInt32LittleEndian(bytes[Magic.Length..]);
        if (json <= 0 || json > MaxHeader - Magic.Length - 4 || bytes.Length < Magic.Length + 4 + json) return null;
        length = Magic.Length + 4 + json;
        try { return JsonSerializer.Deserialize(bytes.Slice(Magic.Length + 4, json), TrialJson.Default.CheckpointHeader); }
        catch (JsonException) { return null; }
    }

    /// <summary>Writes what <see cref="TryRead"/> reads: the magic, the JSON's length (little-endian int32), the JSON.</summary>
    public void WriteTo(Stream stream)
    {
        var json = JsonSerializer.SerializeToUtf8Bytes(this, TrialJson.Default.CheckpointHeader);
        Span<byte> length = stackalloc byte[4];
        BinaryPrimitives.WriteInt32LittleEndian(length, json.Length);
        stream.Write(Magic);
        stream.Write(length);
        stream.Write(json);
    }
}
