namespace Hypergrid.Running.Doctor;

/// <summary>One property of a study's out/log that <c>hypergrid doctor</c> tests, and what it found.</summary>
/// <param name="Name">The property ("exclusive create (O_EXCL)").</param>
/// <param name="Required">Whether Hypergrid needs it (a failure makes doctor exit non-zero).</param>
/// <param name="Passed">Whether it holds here.</param>
/// <param name="Detail">What was found, in a few words.</param>
public sealed record FolderCheck(string Name, bool Required, bool Passed, string Detail)
{
    /// <summary>"ok", "FAIL" (a required property that does not hold) or "note" (one Hypergrid does not need).</summary>
    public string Mark => Passed ? "ok" : Required ? "FAIL" : "note";
}
