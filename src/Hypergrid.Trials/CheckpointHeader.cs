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
    public const int FormatVersion = 2;

    /// <summary>The first bytes of checkpoint.bin.</summary>
    public static ReadOnlySpan<byte> Magic => "HGCKPT\n\0"u8;

    public int Format { get; init; } = FormatVersion;

    /// <summary>sha256 of the cfg.yaml text the trial was started from.</summary>
    public string CfgSha256 { get; init; } = "";

    /// <summary>The hyperparameter hash (as run.json's): a checkpoint never continues a trial whose values changed.</summary>
    public string ParamsSha256 { get; init; } = "";

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
            if (!File.Exists(path)) return null;
            using var handle = File.OpenHandle(path, FileMode.Open, FileAccess.Read, FileShare.ReadWrite | FileShare.Delete);
            Span<byte> head = stackalloc byte[Magic.Length + 4];
            if (RandomAccess.Read(handle, head, 0) != head.Length || !head[..Magic.Length].SequenceEqual(Magic)) return null;
            var length = BinaryPrimitives.ReadInt32LittleEndian(head[Magic.Length..]);
            if (length <= 0 || length > 1 << 20) return null;
            var json = new byte[length];
            if (RandomAccess.Read(handle, json, head.Length) != length) return null;
            return Parse(json);
        }
        catch (Exception ex) when (ex is IOException or UnauthorizedAccessException) { return null; }
    }

    public static CheckpointHeader? Parse(ReadOnlySpan<byte> json)
    {
        try { return JsonSerializer.Deserialize(json, TrialJson.Default.CheckpointHeader); }
        catch (JsonException) { return null; }
    }

    public byte[] ToJsonBytes() => JsonSerializer.SerializeToUtf8Bytes(this, TrialJson.Default.CheckpointHeader);
}
