using Hypergrid.Training.Settings;

namespace Hypergrid.Training.Data;

/// <summary>The dataset registry: folder name under cfg/&lt;mode&gt;/ → parser of its keys. Add a dataset with one line.</summary>
public static class Datasets
{
    public static readonly Registry<Func<ConfigReader, IDataSource>> All = new("dataset")
    {
        ["mnist"] = MnistSource.Parse,
        ["synthetic"] = SyntheticSource.Parse,
    };
}
