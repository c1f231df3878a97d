using YamlDotNet.Core;
using YamlDotNet.Core.Events;

namespace Hypergrid.Config.Yaml;

/// <summary>Reads YAML into <see cref="CfgNode"/> values, keeping marks and refusing duplicate keys.</summary>
public static class YamlLoader
{
    /// <summary>Loads a file whose top level must be a mapping; an empty file is <c>{}</c>. Errors go to <paramref name="errors"/>.</summary>
    public static CfgMap? LoadMappingFile(string path, string displayPath, List<ConfigError> errors)
    {
        string text;
        try { text = File.ReadAllText(path); }
        catch (Exception ex) when (ex is IOException or UnauthorizedAccessException) { errors.Add(Errors.Unreadable(displayPath, ex.Message)); return null; }
        return LoadMapping(text, displayPath, errors);
    }

    /// <summary>Parses text whose top level must be a mapping.</summary>
    public static CfgMap? LoadMapping(string text, string displayPath, List<ConfigError> errors)
    {
        var before = errors.Count;
        CfgNode? root;
        var reader = new Reader(text, displayPath, errors);
        try { root = reader.ReadStream(); }
        catch (YamlException ex)
        {
            var at = new SourceMark(displayPath, (int)ex.Start.Line, (int)ex.Start.Column);
            // YamlDotNet marks the mapping that contains a tab, not the tab: point at the line indented with one.
            if (ex.Message.Contains("tab", StringComparison.OrdinalIgnoreCase) && FirstTabIndent(text) is { } line) at = at with { Line = line, Column = 1 };
            errors.Add(Errors.BadYaml(at, Clean(ex.Message)));
            return null;
        }
        catch (InvalidOperationException)
        {
            // YamlDotNet's scanner throws this (not a YamlException) on some unterminated flow collections.
            errors.Add(Errors.BadYaml(reader.LastMark, "a '[' or '{' opened here is never closed"));
            return null;
        }
        if (errors.Count > before) return null;
        switch (root)
        {
            case null: return new CfgMap([], new SourceMark(displayPath, 1, 1));
            case CfgScalar { Kind: ScalarKind.Null } s: return new CfgMap([], s.Mark);
            case CfgMap map: return map;
            default:
                errors.Add(Errors.TopLevelNotMapping(root.Mark, root is CfgList ? "a list" : "a scalar"));
                return null;
        }
    }

    private static int? FirstTabIndent(string text)
    {
        var lines = text.Split('\n');
        for (var i = 0; i < lines.Length; i++)
        {
            var indent = lines[i].AsSpan(0, lines[i].Length - lines[i].TrimStart(" \t").Length);
            if (indent.Contains('\t')) return i + 1;
        }
        return null;
    }

    private static string Clean(string message)
    {
        // YamlDotNet prefixes messages with "(Line: 3, Col: 1, Idx: 20) - (...)"; the mark already says that.
        var i = message.IndexOf("): ", StringComparison.Ordinal);
        return i >= 0 ? message[(i + 3)..] : message;
    }

    /// <summary>Values a file may expand to, aliases counted at their full size: a 438-byte alias bomb is refused, not expanded.</summary>
    public const int MaxValues = 100_000;

    /// <summary>How deep lists and mappings may nest.</summary>
    public const int MaxDepth = 64;

    private sealed class Reader(string text, string file, List<ConfigError> errors)
    {
        private readonly Parser parser = new(new StringReader(text));
        private readonly Dictionary<string, (CfgNode Node, long Size)> anchors = [];
        private long values;
        private int depth;

        /// <summary>Where the last collection opened: the best guess at the culprit when the scanner gives up.</summary>
        public SourceMark LastMark { get; private set; } = new(file, 1, 1);

        public CfgNode? ReadStream()
        {
            parser.Consume<StreamStart>();
            if (parser.TryConsume<StreamEnd>(out _)) return null;
            parser.Consume<DocumentStart>();
            var root = ReadNode();
            parser.Consume<DocumentEnd>();
            if (!parser.TryConsume<StreamEnd>(out _))
            {
                errors.Add(Errors.BadYaml(MarkOf(parser.Current!), "more than one YAML document ('---') in a config file"));
            }
            return root;
        }

        private SourceMark MarkOf(ParsingEvent e) => new(file, (int)e.Start.Line, (int)e.Start.Column);

        private CfgNode ReadNode()
        {
            var current = parser.Current ?? throw new YamlException("unexpected end of YAML");
            if (current is NodeEvent { Tag.IsEmpty: false } tagged)
                throw new YamlException(tagged.Start, tagged.End, $"the tag {tagged.Tag.Value} is not supported (tags would be dropped or change types silently); write the value plainly, quoted if it must be a string");
            var before = values;
            switch (current)
            {
                case AnchorAlias alias:
                    parser.MoveNext();
                    if (!anchors.TryGetValue(alias.Value.Value, out var target))
                        throw new YamlException(alias.Start, alias.End, $"alias *{alias.Value} refers to no anchor");
                    Count(target.Size, alias);
                    return target.Node;
                case Scalar scalar:
                    parser.MoveNext();
                    Count(1, scalar);
                    return Remember(scalar.Anchor, new CfgScalar(scalar.Value, KindOf(scalar), MarkOf(scalar)), before);
                case SequenceStart start:
                    LastMark = MarkOf(start);
                    Enter(start);
                    parser.MoveNext();
                    var items = new List<CfgNode>();
                    while (!parser.TryConsume<SequenceEnd>(out _)) items.Add(ReadNode());
                    depth--;
                    return Remember(start.Anchor, new CfgList(items, MarkOf(start)), before);
                case MappingStart mapStart:
                    LastMark = MarkOf(mapStart);
                    Enter(mapStart);
                    parser.MoveNext();
                    var map = ReadMapping(MarkOf(mapStart));
                    depth--;
                    return Remember(mapStart.Anchor, map, before);
                default:
                    throw new YamlException(current.Start, current.End, $"unexpected {current.GetType().Name}");
            }
        }

        private void Enter(ParsingEvent e)
        {
            Count(1, e);
            if (++depth > MaxDepth)
                throw new YamlException(e.Start, e.End, $"lists and mappings nest deeper than {MaxDepth} levels; a config never needs that");
        }

        private void Count(long size, ParsingEvent e)
        {
            values += size;
            if (values > MaxValues)
                throw new YamlException(e.Start, e.End, $"the file expands to more than {MaxValues:N0} values (aliases counted in full); write it without repeated aliases");
        }

        private CfgMap ReadMapping(SourceMark mark)
        {
            var entries = new List<CfgEntry>();
            var seen = new Dictionary<string, SourceMark>();
            while (!parser.TryConsume<MappingEnd>(out _))
            {
                var keyEvent = parser.Current!;
                var keyNode = ReadNode();
                var value = ReadNode();
                if (keyNode is CfgScalar { Text: "<<" } merge)
                {
                    errors.Add(Errors.BadYaml(merge.Mark, "YAML merge keys ('<<') are not supported; write the keys out, or put shared keys in a parent cfg.yaml"));
                    continue;
                }
                if (keyNode is not CfgScalar key)
                {
                    errors.Add(Errors.BadYaml(MarkOf(keyEvent), "a mapping key must be a plain string, not a list or mapping"));
                    continue;
                }
                if (seen.TryGetValue(key.Text, out var first))
                {
                    errors.Add(Errors.DuplicateKey(key.Mark, key.Text, first));
                    continue;
                }
                seen[key.Text] = key.Mark;
                entries.Add(new CfgEntry(key.Text, value, key.Mark));
            }
            return new CfgMap(entries, mark);
        }

        private CfgNode Remember(YamlDotNet.Core.AnchorName anchor, CfgNode node, long before)
        {
            if (!anchor.IsEmpty) anchors[anchor.Value] = (node, values - before);
            return node;
        }

        private static ScalarKind KindOf(Scalar s) => s.Style == ScalarStyle.Plain ? ScalarResolver.Resolve(s.Value) : ScalarKind.String;
    }
}
