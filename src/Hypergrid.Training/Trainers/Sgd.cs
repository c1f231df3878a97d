using Hypergrid.Training.Settings;
using TorchSharp;
using static TorchSharp.torch;

namespace Hypergrid.Training.Trainers;

/// <summary>Stochastic gradient descent with momentum and optional Nesterov momentum.</summary>
public sealed record Sgd(TrainerSettings Settings, double Momentum, bool Nesterov) : ITrainerFactory
{
    public static ITrainerFactory Parse(ConfigReader r)
    {
        var settings = TrainerSettings.Parse(r, defaultLr: 0.1);
        var sgd = new Sgd(settings,
            r.Double("momentum", 0.9, min: 0, max: 1),  // heavy-ball momentum
            r.Bool("nesterov", false));                 // Nesterov momentum (needs momentum > 0)
        if (sgd.Nesterov && sgd.Momentum == 0) r.Problem("nesterov", "is true but momentum is 0", "set momentum > 0 or nesterov: false");
        return sgd;
    }

    public Optimizers.IStepper Create(Optimizers.FlatParameters parameters) =>
        new Optimizers.FlatSgd(parameters, Momentum, Nesterov, Settings.WeightDecay);
}
