using static TorchSharp.torch;

namespace Hypergrid.Training.Optimizers;

/// <summary>A state tensor's raw bytes in a checkpoint, length-prefixed; read back into a tensor of the same size on any device.</summary>
internal static class TensorBytes
{
    public static void Write(BinaryWriter writer, Tensor t)
    {
        using var cpu = t.cpu();
        var bytes = cpu.bytes;
        writer.Write(bytes.Length);
        writer.Write(bytes);
    }

    public static void Read(BinaryReader reader, Tensor into)
    {
        var length = reader.ReadInt32();
        // cpu() is a new handle (the same storage on the CPU); the clone is what the bytes are written into.
        using var onCpu = into.cpu();
        using var cpu = onCpu.clone();
        if (length != cpu.bytes.Length) throw new InvalidDataException($"a state tensor has {length} bytes, this model needs {cpu.bytes.Length}");
        cpu.bytes = reader.ReadBytes(length);
        using (no_grad()) into.copy_(cpu);
    }
}
