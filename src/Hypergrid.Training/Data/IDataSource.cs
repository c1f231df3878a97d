namespace Hypergrid.Training.Data;

/// <summary>A dataset chosen and configured by a trial; loading happens once per process and is shared.</summary>
public interface IDataSource
{
    /// <summary>The input shape the models will see, known before loading (for validation).</summary>
    int[] Shape { get; }

    DataBundle Load(string dataDir);

    /// <summary>A line a run prints once about where this data comes from (null: nothing worth saying).</summary>
    string? Describe(string dataDir) => null;
}
