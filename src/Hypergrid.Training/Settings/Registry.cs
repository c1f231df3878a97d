using System.Collections;
using Hypergrid.Config;

namespace Hypergrid.Training.Settings;

/// <summary>An explicit name → factory map; an unknown name is an error that lists the known ones.</summary>
public sealed class Registry<T>(string kind) : IEnumerable<KeyValuePair<string, T>>
{
    private readonly Dictionary<string, T> entries = new(StringComparer.Ordinal);

    public string Kind => kind;

    public T this[string name]
    {
        get => entries.TryGetValue(name, out var value) ? value
            : throw new UsageException($"unknown {kind} '{name}'; known: {string.Join(", ", Names)}");
        set => entries[name] = value;
    }

    public bool Contains(string name) => entries.ContainsKey(name);

    public IEnumerable<string> Names => entries.Keys.Order(StringComparer.Ordinal);

    public IEnumerator<KeyValuePair<string, T>> GetEnumerator() => entries.GetEnumerator();

    IEnumerator IEnumerable.GetEnumerator() => GetEnumerator();
}
