namespace Hypergrid.Dashboard.Api;

/// <summary>A metric column of the batch logs as /api/trials lists it: its name, how an epoch reduces it, what it means.</summary>
public sealed record TrialListMetric(string Name, string Reduction, string? Meaning);
