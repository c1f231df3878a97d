namespace Hypergrid.Config.Yaml;

/// <summary>Where a value was written: file, 1-based line and column.</summary>
public readonly record struct SourceMark(string File, int Line, int Column)
{
    public override string ToString() => Line > 0 ? $"{File}:{Line}:{Column}" : File;
}
