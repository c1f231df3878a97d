using Hypergrid.Trials;

namespace Hypergrid.Training.Data;

/// <summary>A dataset in memory: train and val splits as flat float features with int labels.</summary>
public sealed record DataBundle(
    string Name, string Source, int[] Shape, int Classes,
    float[] TrainX, long[] TrainY, float[] ValX, long[] ValY, string Checksum)
{
    public int TrainCount => TrainY.Length;
    public int ValCount => ValY.Length;

    public DataRecord Record => new(Name, Source, TrainCount, ValCount, Checksum);
}
