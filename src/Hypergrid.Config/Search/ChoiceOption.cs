using Hypergrid.Config.Tree;

namespace Hypergrid.Config.Search;

/// <summary>
/// One option of a choice: its name (the value its key takes), the keys it brings in the order written (fixed values
/// and ranges alike), and the parameters among them (each key of an option is written once).
/// </summary>
public sealed record ChoiceOption(string Name, IReadOnlyList<MergedEntry> Entries, IReadOnlyList<SpaceParameter> Parameters);
