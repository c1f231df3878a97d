using Hypergrid.Training.Settings;
using TorchSharp;
using TorchSharp.Modules;
using static TorchSharp.torch;

namespace Hypergrid.Training.Models;

/// <summary>
/// A deep equilibrium layer: z* = tanh(W z* + U x), solved per sample by fixed-point iteration until
/// the relative residual |f(z) - z| / |f(z)| is under <c>tol</c> or <c>iter_budget</c> is spent,
/// then a linear head on z*. Backward goes through the iterations ("unroll") or takes one step
/// from the detached fixed point ("implicit", the Jacobian-free one-step implicit gradient).
/// </summary>
public sealed class Deq : nn.Module<Tensor, Tensor>, ISolverModel
{
    private readonly Linear inject;
    private readonly Linear mix;
    private readonly Linear head;
    private readonly Factory settings;

    public Deq(int inputs, int classes, Factory settings) : base("deq")
    {
        this.settings = settings;
        inject = nn.Linear(inputs, settings.Width);
        mix = nn.Linear(settings.Width, settings.Width, hasBias: false);
        head = nn.Linear(settings.Width, classes);
        RegisterComponents();
        // Start well inside the contraction region (tanh is 1-Lipschitz) so the solve converges from the first batch.
        using (no_grad()) mix.weight!.mul_(0.5);
        IterBudget = settings.IterBudget;
    }

    public int IterBudget { get; private set; }

    public SolverStats? LastStats { get; private set; }

    public void StartEpoch(int epoch, int epochs)
    {
        if (settings.IterBudgetEnd is not { } end) return;
        var t = epochs <= 1 ? 1.0 : (double)epoch / (epochs - 1);
        IterBudget = (int)Math.Round(settings.IterBudget + (end - settings.IterBudget) * t);
    }

    // Every Scalar this loop hands libtorch is held (see HeldScalars): it runs budget x batches times an epoch.
    private Tensor F(Tensor z, Tensor u) => tanh(mix.forward(z).add(u, HeldScalars.One));

    public override Tensor forward(Tensor x)
    {
        var u = inject.forward(x.flatten(1));
        var n = u.shape[0];
        var unroll = settings.Backward == "unroll" && is_grad_enabled();
        Tensor z = zeros_like(u), residual = zeros(n), iterations = zeros(n, ScalarType.Int32);
        using (var solve = unroll ? null : no_grad())
        {
            var active = ones(n, ScalarType.Bool);
            using var tiny = 1e-8.ToScalar();
            using var tol = settings.Tol.ToScalar();
            for (var k = 1; k <= IterBudget; k++)
            {
                var fz = F(z, u);
                using (no_grad())
                {
                    using var step = k.ToScalar();
                    var r = fz.sub(z).norm(1) / fz.norm(1).add(tiny, HeldScalars.One);
                    residual = where(active, r, residual);
                    iterations = where(active, full(n, step, ScalarType.Int32), iterations);
                }
                z = where(active.unsqueeze(1), fz, z);
                active = active & residual.ge(tol);
                if (!active.any().item<bool>()) break;
            }
        }
        if (!unroll && is_grad_enabled()) z = F(z.detach(), u);
        LastStats = new SolverStats(residual.data<float>().ToArray(), iterations.data<int>().ToArray());
        return head.forward(z);
    }

    /// <summary>The deq keys with their defaults.</summary>
    public sealed record Factory(int Width, int IterBudget, int? IterBudgetEnd, double Tol, string Backward) : IModelFactory
    {
        public static IModelFactory Parse(ConfigReader r) => new Factory(
            r.Int("width", 64, min: 1, max: 1 << 16),                      // size of the equilibrium state z
            r.Int("iter_budget", 20, min: 1, max: 100_000),                 // fixed-point iterations allowed per sample
            r.OptionalInt("iter_budget_end", min: 1, max: 100_000),         // if set, the budget moves linearly to this by the last epoch
            r.Double("tol", 1e-3, min: 0, max: 1),                        // stop a sample once its relative residual is below this
            r.String("backward", "implicit", "implicit", "unroll")); // gradient: one implicit step, or through every iteration

        public nn.Module<Tensor, Tensor> Create(int[] shape, int classes) => new Deq(shape.Aggregate(1, (a, b) => a * b), classes, this);
    }
}
