using Hypergrid.Config.Programs;
using Hypergrid.Config.Search;
using Hypergrid.Config.Tree;
using Hypergrid.Config.Yaml;

namespace Hypergrid.Config.Expansion;

/// <summary>Applies the mode rules to one leaf's merged config and finds its axes. Pure: no I/O.</summary>
public static class LeafValidator
{
    public static LeafPlan? Plan(Leaf leaf, IReadOnlyList<(CfgMap Map, string File)> chain, List<ConfigError> errors)
    {
        var before = errors.Count;
        var pathValues = new Dictionary<string, string>
        {
            ["mode"] = leaf.Mode, ["dataset"] = leaf.Dataset, ["model"] = leaf.Model, ["trainer"] = leaf.Trainer,
        };
        foreach (var (map, _) in chain)
            foreach (var e in map.Entries)
                if (pathValues.TryGetValue(e.Key, out var expected) && (e.Value is not CfgScalar s || s.Text != expected))
                    errors.Add(Errors.ContradictsPath(e.KeyMark, e.Key, e.Value.Canonical, expected));

        var merged = Merge.Shallow(chain);
        var entries = new List<MergedEntry>();
        // A path key is written by its folder: a mistake in it names that folder (cfg/sweep/mnistx), not a line.
        var leafFolder = Path.GetDirectoryName(leaf.File.DisplayPath) ?? "";
        for (var k = 0; k < Modes.PathKeys.Count; k++)
        {
            var folder = leafFolder;
            for (var up = k; up < Modes.PathKeys.Count - 1; up++) folder = Path.GetDirectoryName(folder) ?? folder;
            var mark = new SourceMark(folder + "/", 0, 0);
            entries.Add(new MergedEntry(Modes.PathKeys[k], CfgScalar.Plain(pathValues[Modes.PathKeys[k]], mark), leaf.File.DisplayPath, mark));
        }
        entries.AddRange(merged.Where(e => !pathValues.ContainsKey(e.Key)));

        CheckSeed(leaf, merged, errors);
        var declaration = ProgramKeyCheck.Check(leaf, entries, errors);
        CheckCommand(entries, declaration, errors);
        // search: checked once per leaf here (its epochs when written; the built-in default is checked with the trial).
        var epochsNode = entries.FirstOrDefault(e => e.Key == "epochs")?.Value as CfgScalar;
        var searchEntry = entries.FirstOrDefault(e => e.Key == Search.SearchSpec.Key);
        Search.SearchSpec.Parse(searchEntry?.Value, leaf.Mode, epochsNode?.Integer, errors);
        var search = SearchOf(searchEntry, entries, leaf.Mode, errors);
        var seeds = SeedsSpec.Parse(entries.FirstOrDefault(e => e.Key == SeedsSpec.Key)?.Value, entries.FirstOrDefault(e => e.Key == "seed")?.Value, leaf.Mode, errors);
        var axes = new List<Axis>();
        foreach (var e in entries)
        {
            // Adaptive seeds: the seed axis holds every seed a group may get; expansion makes those admitted so far.
            if (seeds is not null && e.Key == "seed")
            {
                IReadOnlyList<CfgNode> values = e.Value is CfgList given ? given.Items.Take(seeds.Max).ToList() : seeds.Seeds.Select(v => (CfgNode)CfgScalar.Of(v, e.Value.Mark)).ToList();
                axes.Add(new Axis(e.Key, values, e.File));
                continue;
            }
            if (e.Value is not CfgList list || Modes.StructuralLists.Contains(e.Key) || e.Key == ProgramKeys.Command) continue;
            // A one-value list does not vary, so experiment mode accepts it: that is how a fixed list
            // hyperparameter (hidden: [[256, 128]]) is written in any mode.
            if (leaf.Mode == Modes.Experiment && e.Key != "seed" && list.Items.Count != 1)
                errors.Add(Errors.ListInExperiment(e.KeyMark, e.Key));
            if (leaf.Mode == Modes.Sweep && e.Key == "seed") continue; // reported by CheckSeed
            if (list.Items.Count == 0) errors.Add(Errors.EmptyList(e.KeyMark, e.Key));
            var seen = new HashSet<string>();
            foreach (var item in list.Items)
                if (!seen.Add(item.Canonical)) errors.Add(Errors.RepeatedValue(item.Mark, e.Key, item.Canonical));
            axes.Add(new Axis(e.Key, list.Items, e.File));
        }
        return errors.Count > before ? null : new LeafPlan(leaf, entries, axes) { Search = search, Seeds = seeds };
    }

    // The leaf's ranges and the method proposing their values (null for a grid), with the proposals made from the seed.
    private static SearchPlan? SearchOf(MergedEntry? searchEntry, List<MergedEntry> entries, string mode, List<ConfigError> errors)
    {
        var methodNode = (searchEntry?.Value as CfgMap)?["method"] as CfgScalar;
        var spec = mode == Modes.Sweep ? ProposalSpec.Parse(searchEntry?.Value, errors) : null;
        var space = SpaceParser.Parse(entries, mode, mode == Modes.Sweep ? methodNode?.Text : null, methodNode?.Mark ?? searchEntry?.KeyMark ?? default, errors);
        return space is null || spec is null ? null : new SearchPlan(space, spec, Proposer.FromSeed(space, spec));
    }

    // A command is one string whose {key} placeholders name keys every trial of the leaf has.
    // With declared parameters a placeholder names one of them (or a key of Hypergrid's with a value: {seed}, {dataset}).
    private static void CheckCommand(List<MergedEntry> entries, Programs.ParamDeclaration? declaration, List<ConfigError> errors)
    {
        if (entries.FirstOrDefault(e => e.Key == ProgramKeys.Command) is not { } command) return;
        if (command.Value is not CfgScalar { Kind: ScalarKind.String } s)
        {
            errors.Add(Errors.CommandNotString(command.KeyMark, command.Value.Canonical));
            return;
        }
        if (CommandTemplate.TryParse(s.Text, out var problem) is not { } template)
        {
            errors.Add(Errors.BadCommand(command.KeyMark, problem!));
            return;
        }
        var keys = declaration is null
            ? entries.Select(e => e.Key).ToHashSet()
            : [.. declaration.ByName.Keys, .. entries.Select(e => e.Key).Where(k => HypergridKeys.All.Contains(k) && !HypergridKeys.NotDeclarable.Contains(k))];
        foreach (var name in template.Keys.Where(k => !keys.Contains(k)))
            errors.Add(Errors.UnknownPlaceholder(command.KeyMark, name, keys, declared: declaration is not null));
    }

    private static void CheckSeed(Leaf leaf, IReadOnlyList<MergedEntry> merged, List<ConfigError> errors)
    {
        var seed = merged.FirstOrDefault(e => e.Key == "seed");
        switch (seed?.Value)
        {
            case null:
                errors.Add(Errors.SeedMissing(leaf.File.DisplayPath));
                break;
            case CfgList when leaf.Mode == Modes.Sweep:
                errors.Add(Errors.SeedListInSweep(seed.KeyMark));
                break;
            case CfgList list:
                foreach (var item in list.Items) CheckSeedValue(item, errors);
                break;
            default:
                CheckSeedValue(seed.Value, errors);
                break;
        }
    }

    private static void CheckSeedValue(CfgNode node, List<ConfigError> errors)
    {
        if (node is not CfgScalar s || !s.TryGetLong(out var value))
            errors.Add(Errors.SeedNotInteger(node.Mark, node.Canonical));
        else if (value < 0)
            errors.Add(Errors.SeedNegative(node.Mark, s.Text));
    }
}
