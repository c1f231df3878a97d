using Hypergrid.Training.Settings;

namespace Hypergrid.Training.Trainers;

/// <summary>The trainer registry: folder name under cfg/&lt;mode&gt;/&lt;dataset&gt;/&lt;model&gt;/ → parser of its keys.</summary>
public static class Trainers
{
    public static readonly Registry<Func<ConfigReader, ITrainerFactory>> All = new("trainer")
    {
        ["sgd"] = Sgd.Parse,
        ["adam"] = Adam.Parse,
    };
}
