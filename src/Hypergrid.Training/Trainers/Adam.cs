using Hypergrid.Training.Settings;
using TorchSharp;
using static TorchSharp.torch;

namespace Hypergrid.Training.Trainers;

/// <summary>Adam; with weight_decay it is AdamW (decoupled decay).</summary>
public sealed record Adam(TrainerSettings Settings, double Beta1, double Beta2, double Eps) : ITrainerFactory
{
    public static ITrainerFactory Parse(ConfigReader r) => new Adam(
        TrainerSettings.Parse(r, defaultLr: 1e-3),
        r.Double("beta1", 0.9, min: 0, max: 1),   // first-moment decay
        r.Double("beta2", 0.999, min: 0, max: 1), // second-moment decay
        r.Double("eps", 1e-8, min: 0, max: 1));           // denominator epsilon

    // With weight decay it is AdamW (decay decoupled from the moments).
    public Optimizers.IStepper Create(Optimizers.FlatParameters parameters) =>
        new Optimizers.FlatAdam(parameters, Beta1, Beta2, Eps, Settings.WeightDecay);
}
