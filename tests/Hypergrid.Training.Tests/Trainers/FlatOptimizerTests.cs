using Hypergrid.Training.Optimizers;
using TorchSharp;
using static TorchSharp.torch;

namespace Hypergrid.Training.Tests.Trainers;

/// <summary>
/// The flat optimizers against TorchSharp's own (the implementation they replace): the same model, data and steps
/// give the same weights within float tolerance, and the one-reduction gradient norm and clipping match the per-parameter ones.
/// </summary>
public class FlatOptimizerTests
{
    static FlatOptimizerTests() => Hypergrid.Training.Native.LibTorchLoader.EnsureLoaded();

    private static nn.Module<Tensor, Tensor> Model()
    {
        random.manual_seed(7);
        return nn.Sequential(("fc0", nn.Linear(12, 32)), ("act0", nn.Tanh()), ("fc1", nn.Linear(32, 16)), ("act1", nn.ReLU()), ("out", nn.Linear(16, 5)));
    }

    private static (Tensor X, Tensor Y) Batch(int step)
    {
        random.manual_seed(1000 + step);
        return (randn(24, 12), randint(0, 5, [24]));
    }

    private static Tensor Loss(nn.Module<Tensor, Tensor> model, int step)
    {
        var (x, y) = Batch(step);
        return nn.functional.cross_entropy(model.forward(x), y);
    }

    public static TheoryData<string> Optimizers => ["adam", "adamw", "sgd", "sgd-nesterov-wd"];

    private static Func<double, IStepper> Flat(string name, FlatParameters flat) => name switch
    {
        "adam" => _ => new FlatAdam(flat, 0.9, 0.999, 1e-8, 0),
        "adamw" => _ => new FlatAdam(flat, 0.9, 0.99, 1e-6, 0.05),
        "sgd" => _ => new FlatSgd(flat, 0.9, false, 0),
        _ => _ => new FlatSgd(flat, 0.8, true, 0.01),
    };

    private static optim.Optimizer Reference(string name, IEnumerable<TorchSharp.Modules.Parameter> ps, double lr) => name switch
    {
        "adam" => optim.Adam(ps, lr, 0.9, 0.999, 1e-8),
        "adamw" => optim.AdamW(ps, lr, 0.9, 0.99, 1e-6, 0.05),
        "sgd" => optim.SGD(ps, lr, 0.9),
        _ => optim.SGD(ps, lr, 0.8, dampening: 0, weight_decay: 0.01, nesterov: true),
    };

    [Theory]
    [MemberData(nameof(Optimizers))]
    public void A_flat_optimizer_follows_TorchSharps_step_for_step(string name)
    {
        const int steps = 60;
        var lrs = Enumerable.Range(0, steps).Select(s => (name.StartsWith("sgd") ? 0.05 : 0.003) * (1 + Math.Cos(s * 0.1)) / 2 + 1e-4).ToArray();
        using var reference = Model();
        var refParams = reference.parameters().ToArray();
        using var refOpt = Reference(name, refParams, lrs[0]);
        using var flatModel = Model();
        using var flat = FlatParameters.Adopt(flatModel.parameters());
        using var stepper = Flat(name, flat)(lrs[0]);
        for (var s = 0; s < steps; s++)
        {
            using var scope = NewDisposeScope();
            refOpt.zero_grad();
            Loss(reference, s).backward();
            foreach (var g in refOpt.ParamGroups) g.LearningRate = lrs[s];
            refOpt.step();

            flat.ZeroGrad();
            Loss(flatModel, s).backward();
            stepper.Step(lrs[s]);
        }
        var a = refParams.Select(p => p.data<float>().ToArray()).SelectMany(x => x).ToArray();
        var b = flatModel.parameters().Select(p => p.data<float>().ToArray()).SelectMany(x => x).ToArray();
        Assert.Equal(a.Length, b.Length);
        var worst = a.Zip(b, (x, y) => Math.Abs(x - y) / Math.Max(1e-3, Math.Abs(x))).Max();
        Assert.True(worst < 1e-4, $"largest relative difference {worst:G3} after {steps} steps");
        // The optimizer really moved the weights: the comparison is not between two untouched models.
        using var fresh = Model();
        var start = fresh.parameters().Select(p => p.data<float>().ToArray()).SelectMany(x => x).ToArray();
        Assert.True(a.Zip(start, (x, y) => Math.Abs(x - y)).Max() > 1e-3);
    }

    [Fact]
    public void The_gradient_norm_is_one_reduction_equal_to_the_per_parameter_sum_and_clipping_matches()
    {
        using var model = Model();
        using var flat = FlatParameters.Adopt(model.parameters());
        flat.ZeroGrad();
        Loss(model, 0).backward();
        var perParameter = Math.Sqrt(model.parameters().Sum(p => { using var g = p.grad!; return g.pow(2).sum().item<float>(); }));
        Assert.Equal(perParameter, flat.GradNorm(), 5);
        Assert.True(perParameter > 0);

        using var reference = Model();
        Loss(reference, 0).backward();
        var refNorm = nn.utils.clip_grad_norm_(reference.parameters(), 0.1);
        var norm = flat.ClipGradNorm(0.1);
        Assert.Equal(refNorm, norm, 5);
        var clipped = model.parameters().Select(p => { using var g = p.grad!; return g.data<float>().ToArray(); }).SelectMany(x => x).ToArray();
        var refClipped = reference.parameters().Select(p => { using var g = p.grad!; return g.data<float>().ToArray(); }).SelectMany(x => x).ToArray();
        Assert.All(clipped.Zip(refClipped), pair => Assert.Equal(pair.Second, pair.First, 5));
        Assert.Equal(0.1, flat.GradNorm(), 4);
    }

    [Fact]
    public void Backward_accumulates_into_the_flat_gradient_buffer_so_the_views_stay_the_gradients()
    {
        using var model = Model();
        using var flat = FlatParameters.Adopt(model.parameters());
        flat.ZeroGrad();
        Loss(model, 3).backward();
        var fromViews = model.parameters().Select(p => { using var g = p.grad!; return g.data<float>().ToArray(); }).SelectMany(x => x).ToArray();
        Assert.Equal(fromViews, flat.Grads.data<float>().ToArray());
        Assert.Contains(fromViews, v => v != 0);
    }
}
