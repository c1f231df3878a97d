namespace Hypergrid.Findings;

/// <summary>One column of a report table: its head and its cell for a group, both plain text (each format escapes them).</summary>
public sealed record ReportColumn(string Head, Func<GroupRow, string> Cell);
