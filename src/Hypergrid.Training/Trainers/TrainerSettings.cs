using Hypergrid.Training.Settings;

namespace Hypergrid.Training.Trainers;

/// <summary>What every trainer shares: epochs, batch size, the learning-rate schedule, weight decay, clipping.</summary>
public sealed record TrainerSettings(int Epochs, int BatchSize, LrSchedule Schedule, double WeightDecay, double? ClipGrad)
{
    public static TrainerSettings Parse(ConfigReader r, double defaultLr) => new(
        r.Int("epochs", 5, min: 1, max: 1_000_000),                 // passes over the training split, each followed by a val pass
        r.Int("batch_size", 128, min: 1, max: 1 << 24),           // samples per batch (train and val)
        new LrSchedule(
            r.String("schedule", "constant", LrSchedule.Kinds), // constant, step (x gamma every step_size epochs) or cosine (to min_lr)
            r.Double("lr", defaultLr, min: 0, max: 1e6),      // peak learning rate
            r.Int("warmup_steps", 0, min: 0, max: int.MaxValue - 1),       // batches of linear warm-up from lr/warmup_steps to lr
            r.Int("step_size", 1, min: 1, max: 1_000_000),          // step schedule: epochs between decays
            r.Double("gamma", 0.1, min: 0, max: 1e6),         // step schedule: decay factor
            r.Double("min_lr", 0.0, min: 0, max: 1e6)),          // cosine schedule: final learning rate
        r.Double("weight_decay", 0.0, min: 0, max: 1e6),         // L2 penalty (decoupled for adam: AdamW)
        r.OptionalDouble("clip_grad", min: 0, max: 1e12));        // clip the global gradient norm to this (null: no clipping)
}
