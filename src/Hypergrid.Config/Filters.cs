namespace Hypergrid.Config;

/// <summary>Which leaves to take: null or empty means all (the original run_trials' modes/datasets arguments).</summary>
public sealed record Filters(
    IReadOnlyCollection<string>? Modes = null,
    IReadOnlyCollection<string>? Datasets = null,
    IReadOnlyCollection<string>? Models = null,
    IReadOnlyCollection<string>? Trainers = null)
{
    public static readonly Filters All = new();

    public bool Matches(Tree.Leaf leaf) => Matches(leaf.Mode, leaf.Dataset, leaf.Model, leaf.Trainer);

    public bool Matches(string mode, string dataset, string model, string trainer) =>
        Has(Modes, mode) && Has(Datasets, dataset) && Has(Models, model) && Has(Trainers, trainer);

    private static bool Has(IReadOnlyCollection<string>? set, string value) => set is null || set.Count == 0 || set.Contains(value);

    public override string ToString()
    {
        var parts = new List<string>();
        void Add(string name, IReadOnlyCollection<string>? set)
        {
            if (set is { Count: > 0 }) parts.Add($"--{name} {string.Join(",", set)}");
        }
        Add("mode", Modes); Add("dataset", Datasets); Add("model", Models); Add("trainer", Trainers);
        return parts.Count == 0 ? "(no filter)" : string.Join(" ", parts);
    }
}
