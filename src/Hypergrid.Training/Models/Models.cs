using Hypergrid.Training.Settings;

namespace Hypergrid.Training.Models;

/// <summary>The model registry: folder name under cfg/&lt;mode&gt;/&lt;dataset&gt;/ → parser of its keys.</summary>
public static class Models
{
    public static readonly Registry<Func<ConfigReader, IModelFactory>> All = new("model")
    {
        ["mlp"] = Mlp.Factory.Parse,
        ["cnn"] = Cnn.Factory.Parse,
        ["deq"] = Deq.Factory.Parse,
    };
}
