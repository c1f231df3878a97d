namespace Hypergrid.Training.Trainers;

/// <summary>The learning rate at each step: optional linear warm-up, then constant, step decay or cosine decay.</summary>
public sealed record LrSchedule(string Kind, double Lr, int WarmupSteps, int StepSize, double Gamma, double MinLr)
{
    public static readonly string[] Kinds = ["constant", "step", "cosine"];

    /// <summary>The rate for a 0-based global step in a 0-based epoch, given the run's total steps.</summary>
    public double At(int step, int epoch, int totalSteps)
    {
        if (step < WarmupSteps) return Lr * (step + 1) / WarmupSteps;
        return Kind switch
        {
            "step" => Lr * Math.Pow(Gamma, epoch / StepSize),
            "cosine" => MinLr + (Lr - MinLr) * 0.5 * (1 + Math.Cos(Math.PI * (step - WarmupSteps) / Math.Max(1, totalSteps - WarmupSteps))),
            _ => Lr,
        };
    }
}
