using Hypergrid.Config.Yaml;

namespace Hypergrid.Config.Tree;

/// <summary>A key of a merged config, with the file whose value won.</summary>
public sealed record MergedEntry(string Key, CfgNode Value, string File, SourceMark KeyMark);
