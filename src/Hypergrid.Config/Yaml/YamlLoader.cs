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
        catch (IOException ex) { errors.Add(Errors.Unreadable(displayPath, ex.Message)); return null; }
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
            errors.Add(Errors.BadYaml(new SourceMark(displayPath, (int)ex.Start.Line, (int)ex.Start.Column), Clean(ex.Message)));
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

    private static string Clean(string message)
    {
        // YamlDotNet prefixes messages with "(Line: 3, Col: 1, Idx: 20) - (...)"; the mark already says that.
        var i = message.IndexOf("): ", StringComparison.Ordinal);
        return i >= 0 ? message[(i + 3)..] : message;
    }

    private sealed class Reader(string text, string file, List<ConfigError> errors)
    {
        private readonly Parser parser = new(new StringReader(text));
        private readonly Dictionary<string, CfgNode> anchors = [];

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
            switch (current)
            {
                case AnchorAlias alias:
                    parser.MoveNext();
                    if (anchors.TryGetValue(alias.Value.Value, out var target)) return target;
                    throw new YamlException(alias.Start, alias.End, $"alias *{alias.Value} refers to no anchor");
                case Scalar scalar:
                    parser.MoveNext();
                    return Remember(scalar.Anchor, new CfgScalar(scalar.Value, KindOf(scalar), MarkOf(scalar)));
                case SequenceStart start:
                    LastMark = MarkOf(start);
                    parser.MoveNext();
                    var items = new List<CfgNode>();
                    while (!parser.TryConsume<SequenceEnd>(out _)) items.Add(ReadNode());
                    return Remember(start.Anchor, new CfgList(items, MarkOf(start)));
                case MappingStart mapStart:
                    LastMark = MarkOf(mapStart);
                    parser.MoveNext();
                    return Remember(mapStart.Anchor, ReadMapping(MarkOf(mapStart)));
                default:
                    throw new YamlException(current.Start, current.End, $"unexpected {current.GetType().Name}");
            }
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

        private CfgNode Remember(YamlDotNet.Core.AnchorName anchor, CfgNode node)
        {
            if (!anchor.IsEmpty) anchors[anchor.Value] = node;
            return node;
        }

        private static ScalarKind KindOf(Scalar s)
        {
            if (!s.Tag.IsEmpty && s.Tag.Value == "tag:yaml.org,2002:str") return ScalarKind.String;
            return s.Style == ScalarStyle.Plain ? ScalarResolver.Resolve(s.Value) : ScalarKind.String;
        }
    }
}
