using Hypergrid.Config.Search;

namespace Hypergrid.Config.Tests.Search;

public class ProposerTests
{
    private const string Mixed = "lr: {log_uniform: [1e-5, 1e-1]}\ndropout: {uniform: [0, 0.5]}\nlayers: {int_uniform: [1, 4]}\n"
        + "optimizer: {choice: {adam: {beta1: {uniform: [0.8, 0.99]}}, sgd: {momentum: {uniform: [0, 0.99]}, nesterov: true}}}";

    [Theory]
    [InlineData(ProposalMethod.Random)]
    [InlineData(ProposalMethod.Sobol)]
    [InlineData(ProposalMethod.Tpe)]
    public void The_same_space_seed_and_results_give_the_same_proposals(ProposalMethod method)
    {
        var space = Spaces.Parse(Mixed);
        var a = Spaces.Run(space, Spaces.Spec(method, 16, seed: 5, startup: 6, batch: 3), x => x[0] + x[1]);
        var b = Spaces.Run(Spaces.Parse(Mixed), Spaces.Spec(method, 16, seed: 5, startup: 6, batch: 3), x => x[0] + x[1]);
        var c = Spaces.Run(space, Spaces.Spec(method, 16, seed: 6, startup: 6, batch: 3), x => x[0] + x[1]);
        Assert.Equal(a, b);
        Assert.NotEqual(a, c);
    }

    [Theory]
    [InlineData(ProposalMethod.Random)]
    [InlineData(ProposalMethod.Sobol)]
    [InlineData(ProposalMethod.Tpe)]
    public void Raising_trials_keeps_the_proposals_made_so_far(ProposalMethod method)
    {
        var space = Spaces.Parse(Mixed);
        var few = Spaces.Run(space, Spaces.Spec(method, 14, seed: 2, startup: 5, batch: 2), x => Math.Sin(x[0]) + x[2]);
        var more = Spaces.Run(space, Spaces.Spec(method, 30, seed: 2, startup: 5, batch: 2), x => Math.Sin(x[0]) + x[2]);
        Assert.Equal(few, more.Take(14));
    }

    [Fact]
    public void Log_uniform_proposals_are_uniform_in_each_decade()
    {
        var space = Spaces.Parse("lr: {log_uniform: [1e-5, 1e-1]}");
        var values = Proposer.FromSeed(space, Spaces.Spec(ProposalMethod.Random, 4000, seed: 1)).Select(x => Math.Exp(x[0])).ToList();
        Assert.All(values, v => Assert.InRange(v, 1e-5, 1e-1));
        for (var decade = -5; decade < -1; decade++)
        {
            var share = values.Count(v => v >= Math.Pow(10, decade) && v < Math.Pow(10, decade + 1)) / 4000.0;
            Assert.InRange(share, 0.22, 0.28);
        }
    }

    [Fact]
    public void Int_uniform_proposes_every_whole_number_of_the_range_ends_included_equally_often()
    {
        var space = Spaces.Parse("layers: {int_uniform: [1, 4]}");
        var counts = Proposer.FromSeed(space, Spaces.Spec(ProposalMethod.Random, 4000, seed: 9)).GroupBy(x => x[0]).ToDictionary(g => g.Key, g => g.Count());
        Assert.Equal([1.0, 2.0, 3.0, 4.0], counts.Keys.Order());
        Assert.All(counts.Values, c => Assert.InRange(c, 900, 1100));
    }

    [Fact]
    public void Proposed_floats_keep_six_significant_digits_and_stay_in_their_range()
    {
        var space = Spaces.Parse("dropout: {uniform: [0.1, 0.2]}\nlr: {log_uniform: [0.001, 0.01]}");
        foreach (var x in Proposer.FromSeed(space, Spaces.Spec(ProposalMethod.Sobol, 200, seed: 4)))
        {
            Assert.InRange(x[0], 0.1, 0.2);
            Assert.Equal(RangeParameter.Round(x[0]), x[0]);
            var lr = ((Hypergrid.Config.Yaml.CfgScalar)space.Parameters[1].ToNode(x[1], default)).Number!.Value;
            Assert.InRange(lr, 0.001, 0.01);
            Assert.Equal(RangeParameter.Round(lr), lr);
        }
    }

    [Theory]
    [InlineData(1)]
    [InlineData(4)]
    public void Tpe_finds_a_1d_optimum_closer_than_random_search(int batch)
    {
        var space = Spaces.Parse("x: {uniform: [-5, 5]}");
        Func<double[], double> f = x => (x[0] - 1.2345) * (x[0] - 1.2345);
        AssertTpeBeatsRandom(space, f, optimum: 0, trials: 40, batch);
    }

    [Theory]
    [InlineData(1, 60)]
    [InlineData(4, 100)] // rounds of 4 learn from fewer rounds: more trials to the same closeness
    public void Tpe_finds_the_Branin_minimum_closer_than_random_search(int batch, int trials)
    {
        var space = Spaces.Parse("x1: {uniform: [-5, 10]}\nx2: {uniform: [0, 15]}");
        AssertTpeBeatsRandom(space, x => Branin(x[0], x[1]), optimum: 0.397887, trials, batch);
    }

    [Fact]
    public void Tpe_learns_which_option_of_a_choice_is_best_and_tunes_its_own_keys()
    {
        var space = Spaces.Parse("opt: {choice: {a: {p: {uniform: [0, 1]}}, b: {q: {uniform: [0, 1]}}, c: {}}}");
        var chosen = new List<double[]>();
        Func<double[], double> f = x =>
        {
            chosen.Add(x);
            return x[0] switch { 0 => 1 + x[1], 1 => (x[2] - 0.7) * (x[2] - 0.7), _ => 2 };
        };
        Spaces.Run(space, Spaces.Spec(ProposalMethod.Tpe, 60, seed: 3), f);
        var late = chosen.Skip(20).ToList();
        Assert.True(late.Count(x => x[0] == 1) > late.Count * 0.6, $"option b chosen {late.Count(x => x[0] == 1)} of {late.Count} times after the startup");
        Assert.True(late.Where(x => x[0] == 1).Average(x => Math.Abs(x[2] - 0.7)) < 0.15);
    }

    public static double Branin(double x1, double x2)
    {
        const double a = 1, b = 5.1 / (4 * Math.PI * Math.PI), c = 5 / Math.PI, r = 6, s = 10, t = 1 / (8 * Math.PI);
        return a * Math.Pow(x2 - b * x1 * x1 + c * x1 - r, 2) + s * (1 - t) * Math.Cos(x1) + s;
    }

    private static void AssertTpeBeatsRandom(SearchSpace space, Func<double[], double> f, double optimum, int trials, int batch)
    {
        var tpe = new List<double>();
        var random = new List<double>();
        for (var seed = 0; seed < 10; seed++)
        {
            tpe.Add(Spaces.BestAfter(Spaces.Run(space, Spaces.Spec(ProposalMethod.Tpe, trials, seed, batch), f), trials) - optimum);
            random.Add(Spaces.BestAfter(Spaces.Run(space, Spaces.Spec(ProposalMethod.Random, trials, seed), f), trials) - optimum);
        }
        var t = Median(tpe);
        var r = Median(random);
        Assert.True(t < r / 2, $"median distance of the best value to the optimum after {trials} trials: tpe {t:g4}, random {r:g4}");
    }

    private static double Median(List<double> xs)
    {
        var s = xs.Order().ToList();
        return (s[(s.Count - 1) / 2] + s[s.Count / 2]) / 2;
    }
}
