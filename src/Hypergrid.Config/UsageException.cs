namespace Hypergrid.Config;

/// <summary>A mistake in how a command was called or in its input files; the message says what to do. Exit code 2.</summary>
public sealed class UsageException(string message) : Exception(message);
