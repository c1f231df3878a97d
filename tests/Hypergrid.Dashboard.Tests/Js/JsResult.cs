namespace Hypergrid.Dashboard.Tests.Js;

/// <summary>One JS test's outcome as reporter.mjs writes it: its file, its name, whether it passed, in how many ms, and node's message when it failed.</summary>
public sealed record JsResult(string File, string Name, bool Ok, double Ms, string Message);
