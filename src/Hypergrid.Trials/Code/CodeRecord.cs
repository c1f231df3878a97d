namespace Hypergrid.Trials.Code;

/// <summary>
/// run.json's "code": which files of the study produced a program's result and their contents' hashes. The files are
/// the ones the command names inside the study folder (<c>python3 train.py</c>: train.py), or the matches of the
/// <c>code:</c> globs when the tree lists them. <see cref="Sha256"/> is the identity a reader compares with the same
/// files today; the git commit is provenance only (how to get the code back), never identity: a commit of a file the
/// study does not name must not make its results look trained by other code.
/// </summary>
public sealed record CodeRecord
{
    /// <summary>sha256 over the sorted "path NUL file-sha256 LF" lines of <see cref="Files"/>; null when no file was named.</summary>
    public string? Sha256 { get; init; }

    /// <summary>Each file's path relative to the study folder ('/' separated) and the sha256 of its bytes, sorted by path.</summary>
    public SortedDictionary<string, string> Files { get; init; } = new(StringComparer.Ordinal);

    /// <summary>The <c>code:</c> globs the files were matched by (null: the files the command names).</summary>
    public IReadOnlyList<string>? Globs { get; init; }

    /// <summary>The study folder (the one holding cfg/) the paths are relative to, absolute.</summary>
    public string Root { get; init; } = "";

    /// <summary>The study's git commit, when the study folder is in a git work tree (null otherwise, or without git).</summary>
    public string? GitCommit { get; init; }

    /// <summary>Whether any of the files differed from that commit (uncommitted edits, or not tracked at all).</summary>
    public bool? GitDirty { get; init; }

    /// <summary>The first eight hex digits of the identity, as the report and the page show it.</summary>
    public string Short => Sha256 is { Length: >= 8 } s ? s[..8] : "none";
}
