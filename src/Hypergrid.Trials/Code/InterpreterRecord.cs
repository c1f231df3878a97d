namespace Hypergrid.Trials.Code;

/// <summary>
/// run.json's "interpreter": the program that ran the code (the command's first word, or the #! line of a script the
/// command names), as found on PATH, its real path with links resolved (/usr/bin/python3 -> /usr/bin/python3.11), and its
/// version when it is a Python (asked once per worker).
/// </summary>
public sealed record InterpreterRecord(string Path, string? Real, string? Version);
