using System.Buffers.Binary;
using System.Runtime.InteropServices;
using System.IO.Hashing;
using Hypergrid.Trials;
using TorchSharp;
using static TorchSharp.torch;

namespace Hypergrid.Training.Checkpoints;

/// <summary>
/// checkpoint.bin: the header (JSON, readable alone), then the model's state dict, the optimizer's whole state
/// and libtorch's generator state, each length-prefixed, and an xxh3-128 checksum of everything before it. A file that is
/// truncated or altered fails the checksum and is never loaded. (The checksum guards against damage, not against someone
/// who can write the file and so could write any checksum: a sha256 cost 1.3 ms of CPU per 2.4 MB, xxh3-128 0.2 ms.)
/// </summary>
public sealed class CheckpointFile
{
    private const int ChecksumLength = 16;
    private readonly byte[] model;
    private readonly byte[] optimizer;
    private readonly byte[] rng;

    private CheckpointFile(CheckpointHeader header, byte[] model, byte[] optimizer, byte[] rng)
    {
        Header = header;
        this.model = model;
        this.optimizer = optimizer;
        this.rng = rng;
    }

    public CheckpointHeader Header { get; }

    /// <summary>Writes the checkpoint to a temp file, syncs it to disk and renames it over the old one.</summary>
    public static void Write(string path, CheckpointHeader header, nn.Module model, Optimizers.IStepper optimizer)
    {
        using var body = new MemoryStream();
        Serialize(body, header, model, optimizer);
        WriteBody(path, new ArraySegment<byte>(body.GetBuffer(), 0, (int)body.Length));
    }

    /// <summary>
    /// The checkpoint's content but its hash, written into <paramref name="body"/> from its start (its capacity is kept,
    /// so a buffer used for every checkpoint of a run allocates once): a copy of the state at this moment, which the
    /// training may change right after.
    /// </summary>
    public static void Serialize(MemoryStream body, CheckpointHeader header, nn.Module model, Optimizers.IStepper optimizer)
    {
        body.SetLength(0);
        header.WriteTo(body);
        using var w = new BinaryWriter(body, System.Text.Encoding.UTF8, leaveOpen: true);
        Section(w, () => SaveModel(w, model));
        Section(w, () => optimizer.Save(w));
        using var state = random.get_rng_state();
        Section(w, () => w.Write(state.bytes));
    }

    /// <summary>Writes a serialized body and its checksum to a temp file, syncs it to disk and renames it over <paramref name="path"/>.</summary>
    public static void WriteBody(string path, ArraySegment<byte> body)
    {
        var hash = XxHash128.Hash(body);
        AtomicFile.Write(path, stream =>
        {
            stream.Write(body);
            stream.Write(hash);
            ((FileStream)stream).Flush(flushToDisk: true);
        });
    }

    /// <summary>Reads and verifies a checkpoint; a damaged one is an <see cref="InvalidDataException"/> saying what is wrong.</summary>
    public static CheckpointFile Read(string path)
    {
        // A link or a FIFO named checkpoint.bin is not one this trial wrote (and a FIFO would block the worker).
        using var stream = SafeFiles.OpenOwn(path) ?? throw new InvalidDataException("it is not a regular file");
        var bytes = new byte[stream.Length];
        stream.ReadExactly(bytes);
        var magic = CheckpointHeader.Magic;
        if (bytes.Length < magic.Length + 4 + ChecksumLength || !bytes.AsSpan(0, magic.Length).SequenceEqual(magic))
            throw new InvalidDataException("it is not a Hypergrid checkpoint (or is truncated to nothing)");
        var bodyLength = bytes.Length - ChecksumLength;
        // The header first: a checkpoint of another format (closed by another checksum) is said as such, not as damage.
        var header = CheckpointHeader.FromStart(bytes.AsSpan(0, bodyLength), out var at);
        // Said as an earlier format only when that format's own checksum (a sha256) closes it: a header damaged into reading
        // as one is damage. A later format's checksum is not known here: a newer build wrote it.
        if (header is not null && header.Format != CheckpointHeader.FormatVersion)
            throw new InvalidDataException(header.Format > CheckpointHeader.FormatVersion || ClosedBySha256(bytes)
                ? $"it has format {header.Format}, this build reads {CheckpointHeader.FormatVersion}"
                : "its checksum does not match (truncated or corrupt)");
        if (!XxHash128.Hash(bytes.AsSpan(0, bodyLength)).AsSpan().SequenceEqual(bytes.AsSpan(bodyLength)))
            throw new InvalidDataException("its checksum does not match (truncated or corrupt)");
        if (header is null) throw new InvalidDataException("its header is not readable");
        byte[] Next()
        {
            var length = BinaryPrimitives.ReadInt64LittleEndian(bytes.AsSpan(at));
            at += 8;
            if (length < 0 || at + length > bodyLength) throw new InvalidDataException("a section runs past the end");
            var section = bytes.AsSpan(at, (int)length).ToArray();
            at += (int)length;
            return section;
        }
        return new CheckpointFile(header, Next(), Next(), Next());
    }

    // Formats 1 and 2 ended in a sha256 of everything before it.
    private static bool ClosedBySha256(byte[] bytes) =>
        bytes.Length > 32 && System.Security.Cryptography.SHA256.HashData(bytes.AsSpan(0, bytes.Length - 32)).AsSpan().SequenceEqual(bytes.AsSpan(bytes.Length - 32));

    /// <summary>Puts the model, the optimizer and the generator back where the checkpoint left them (the generator last).</summary>
    public void Restore(nn.Module model, Optimizers.IStepper optimizer)
    {
        try
        {
            using (var r = new BinaryReader(new MemoryStream(this.model))) LoadModel(r, model);
            using (var r = new BinaryReader(new MemoryStream(this.optimizer))) optimizer.Load(r);
            using var state = tensor(rng, ScalarType.Byte);
            random.set_rng_state(state);
        }
        catch (Exception ex) when (ex is ArgumentException or InvalidDataException or EndOfStreamException or ExternalException)
        {
            throw new InvalidDataException($"its state does not fit this trial's model or optimizer ({ex.Message})", ex);
        }
    }

    // The state dict by name, each tensor's bytes copied into the model's own tensor on restore: the tensors stay where they
    // are (device, and the flat buffers the parameters are views of), which TorchSharp's Module.load does not promise.
    private static void SaveModel(BinaryWriter w, nn.Module model)
    {
        var state = model.state_dict();
        w.Write(state.Count);
        foreach (var (name, t) in state)
        {
            w.Write(name);
            Optimizers.TensorBytes.Write(w, t);
        }
    }

    private static void LoadModel(BinaryReader r, nn.Module model)
    {
        var state = model.state_dict();
        var count = r.ReadInt32();
        if (count != state.Count) throw new InvalidDataException($"it holds {count} tensors, this model has {state.Count}");
        for (var i = 0; i < count; i++)
        {
            var name = r.ReadString();
            if (!state.TryGetValue(name, out var t)) throw new InvalidDataException($"it holds '{name}', which this model does not have");
            Optimizers.TensorBytes.Read(r, t);
        }
    }

    // A section is its length (8 bytes) and its bytes: the length is written last, over a placeholder, so the bytes are copied once.
    private static void Section(BinaryWriter w, Action write)
    {
        w.Flush();
        var stream = w.BaseStream;
        var at = stream.Position;
        w.Write(0L);
        write();
        w.Flush();
        var end = stream.Position;
        stream.Position = at;
        w.Write(end - at - 8);
        w.Flush();
        stream.Position = end;
    }
}
