using System.Globalization;
using System.Text.RegularExpressions;
using YamlDotNet.Core;
using YamlDotNet.RepresentationModel;

namespace GastroRef.Content;

/// <summary>Splits a content file into YAML front matter and Markdown body and reads the front matter
/// into a <see cref="FrontMatter"/>, reporting every problem with the line it is on.</summary>
public static partial class FrontMatterReader
{
    private static readonly HashSet<string> KnownKeys =
    [
        "title", "type", "slug", "latin", "pronunciation", "aliases", "summary", "key_facts", "relations",
        "ids", "sources", "redirect_from", "retired_ids", "updated", "draft", "order",
    ];

    [GeneratedRegex("^[a-z0-9]+(-[a-z0-9]+)*$")]
    public static partial Regex SlugPattern();

    public sealed record Result(FrontMatter? FrontMatter, string Body, int BodyStartLine);

    public static Result Read(string path, string text, List<ContentProblem> problems)
    {
        ArgumentNullException.ThrowIfNull(text);
        ArgumentNullException.ThrowIfNull(problems);
        var lines = text.Split('\n');
        if (lines.Length == 0 || lines[0].TrimEnd('\r', ' ') != "---")
        {
            problems.Add(new(path, 1, "the file must start with YAML front matter: a line '---', the fields, and a closing '---'"));
            return new(null, text, 1);
        }

        var closing = Array.FindIndex(lines, 1, l => l.TrimEnd('\r', ' ') == "---");
        if (closing < 0)
        {
            problems.Add(new(path, 1, "the front matter is not closed: add a line '---' after the last field"));
            return new(null, "", lines.Length);
        }

        var yaml = string.Join('\n', lines[1..closing]);
        var body = string.Join('\n', lines[(closing + 1)..]);
        var bodyStartLine = closing + 2;
        YamlMappingNode root;
        try
        {
            var stream = new YamlStream();
            stream.Load(new StringReader(yaml));
            if (stream.Documents.Count == 0 || stream.Documents[0].RootNode is not YamlMappingNode mapping)
            {
                problems.Add(new(path, 2, "the front matter must be a set of 'key: value' fields"));
                return new(null, body, bodyStartLine);
            }

            root = mapping;
        }
        catch (YamlException e)
        {
            var line = (int)Math.Max(1, e.Start.Line) + 1;
            problems.Add(new(path, line, $"the front matter is not valid YAML: {FirstSentence(e.Message)}"));
            return new(null, body, bodyStartLine);
        }

        var reader = new NodeReader(path, problems);
        return new(reader.ReadRoot(root), body, bodyStartLine);
    }

    private static string FirstSentence(string message)
    {
        // YamlDotNet prefixes positions ("(Line: 3, Col: 1, Idx: 20) - (...): "); the line is reported separately.
        var colon = message.LastIndexOf("): ", StringComparison.Ordinal);
        return colon >= 0 ? message[(colon + 3)..] : message;
    }

    private sealed class NodeReader(string path, List<ContentProblem> problems)
    {
        // YAML lines count from the first line after the opening '---', which is file line 2.
        private static int LineOf(YamlNode node) => (int)node.Start.Line + 1;

        private void Error(YamlNode node, string message) => problems.Add(new(path, LineOf(node), message));

        public FrontMatter ReadRoot(YamlMappingNode root)
        {
            var seen = new HashSet<string>();
            string? slug = null, title = null, type = null, latin = null, pronunciation = null, summary = null, ta2 = null, fma = null;
            IReadOnlyList<string> aliases = [];
            var keyFacts = new List<KeyFactSource>();
            var relations = new List<RelationSource>();
            IReadOnlyList<LineText> sources = [], redirectFrom = [];
            var retired = new Dictionary<string, string>();
            DateOnly? updated = null;
            var draft = false;
            int? order = null;

            foreach (var (keyNode, value) in root.Children)
            {
                var key = (keyNode as YamlScalarNode)?.Value ?? "";
                if (!seen.Add(key))
                {
                    Error(keyNode, $"'{key}' is given twice");
                    continue;
                }

                switch (key)
                {
                    case "title": title = Text(key, value); break;
                    case "type": type = Text(key, value); break;
                    case "slug": slug = Text(key, value); break;
                    case "latin": latin = Text(key, value); break;
                    case "pronunciation": pronunciation = Text(key, value); break;
                    case "summary": summary = Text(key, value); break;
                    case "aliases": aliases = [.. TextList(key, value, allowSingle: false).Select(t => t.Text)]; break;
                    case "sources": sources = TextList(key, value, allowSingle: false); break;
                    case "redirect_from": redirectFrom = TextList(key, value, allowSingle: true); break;
                    case "key_facts": ReadKeyFacts(value, keyFacts); break;
                    case "relations": ReadRelations(value, relations); break;
                    case "ids": ReadIds(value, ref ta2, ref fma); break;
                    case "retired_ids": ReadRetiredIds(value, retired); break;
                    case "updated": updated = Date(value); break;
                    case "draft": draft = Flag(key, value); break;
                    case "order": order = Order(value); break;
                    default:
                        Error(keyNode, $"unknown field '{key}' (allowed: {string.Join(", ", KnownKeys.Order())})");
                        break;
                }
            }

            if (string.IsNullOrWhiteSpace(title))
            {
                if (!seen.Contains("title")) problems.Add(new(path, 2, "'title' is required"));
            }

            if (type is null)
            {
                if (!seen.Contains("type")) problems.Add(new(path, 2, "'type' is required"));
            }
            else if (!ContentSchema.Types.Contains(type))
            {
                Error(Find(root, "type")!, $"unknown type '{type}' (allowed: {string.Join(", ", ContentSchema.Types)})");
                type = null;
            }

            if (type is not null)
            {
                var allowed = ContentSchema.KeyFactsByType[type];
                foreach (var fact in keyFacts.Where(f => !allowed.Contains(f.Key)))
                {
                    problems.Add(new(path, fact.Line, $"key fact '{fact.Key}' does not fit a {type} (allowed: {string.Join(", ", allowed)})"));
                }
            }

            if (slug is not null && !SlugPattern().IsMatch(slug))
            {
                Error(Find(root, "slug")!, $"slug '{slug}' must be lowercase kebab-case, like 'tibial-nerve'");
                slug = null;
            }

            if (order is not null && type is not null && type != "region")
            {
                Error(Find(root, "order")!, $"'order' places a region among the regions beside it; a {type} has none");
                order = null;
            }

            foreach (var old in redirectFrom.Where(r => !SlugPattern().IsMatch(r.Text)))
            {
                problems.Add(new(path, old.Line, $"redirect_from '{old.Text}' must be a lowercase kebab-case slug"));
            }

            return new FrontMatter
            {
                Slug = slug,
                Title = title ?? "",
                Type = type ?? "",
                Latin = latin,
                Pronunciation = pronunciation,
                Summary = summary,
                Aliases = aliases,
                KeyFacts = keyFacts,
                Relations = relations,
                Ta2 = ta2,
                Fma = fma,
                Sources = sources,
                RedirectFrom = [.. redirectFrom.Where(r => SlugPattern().IsMatch(r.Text))],
                RetiredIds = retired,
                Updated = updated,
                Draft = draft,
                Order = order,
            };
        }

        private static YamlNode? Find(YamlMappingNode map, string key) =>
            map.Children.FirstOrDefault(p => (p.Key as YamlScalarNode)?.Value == key).Value;

        private string? Text(string key, YamlNode node)
        {
            if (node is YamlScalarNode scalar)
            {
                var value = scalar.Value?.Trim();
                if (string.IsNullOrEmpty(value))
                {
                    Error(node, $"'{key}' is empty");
                    return null;
                }

                return value;
            }

            Error(node, $"'{key}' must be a single line of text, not a {Describe(node)}");
            return null;
        }

        private List<LineText> TextList(string key, YamlNode node, bool allowSingle)
        {
            var result = new List<LineText>();
            if (node is YamlScalarNode single && allowSingle && !string.IsNullOrWhiteSpace(single.Value))
            {
                result.Add(new(single.Value.Trim(), LineOf(single)));
                return result;
            }

            if (node is not YamlSequenceNode sequence)
            {
                Error(node, $"'{key}' must be a list, like [a, b] or lines starting with '- '");
                return result;
            }

            foreach (var item in sequence.Children)
            {
                if (item is YamlScalarNode scalar && !string.IsNullOrWhiteSpace(scalar.Value))
                {
                    result.Add(new(scalar.Value.Trim(), LineOf(item)));
                }
                else
                {
                    Error(item, $"each item of '{key}' must be a line of text");
                }
            }

            return result;
        }

        private void ReadKeyFacts(YamlNode node, List<KeyFactSource> facts)
        {
            if (node is not YamlMappingNode map)
            {
                Error(node, "'key_facts' must be a map of 'name: text' lines");
                return;
            }

            foreach (var (keyNode, value) in map.Children)
            {
                var key = (keyNode as YamlScalarNode)?.Value ?? "";
                if (!ContentSchema.KeyFactLabels.Any(p => p.Key == key))
                {
                    Error(keyNode, $"unknown key fact '{key}'");
                    continue;
                }

                var text = Text($"key_facts.{key}", value);
                if (text is not null)
                {
                    facts.Add(new(key, text, LineOf(value)));
                }
            }
        }

        private void ReadRelations(YamlNode node, List<RelationSource> relations)
        {
            if (node is not YamlMappingNode map)
            {
                Error(node, "'relations' must be a map of relation: [slugs]");
                return;
            }

            foreach (var (keyNode, value) in map.Children)
            {
                var kind = (keyNode as YamlScalarNode)?.Value ?? "";
                if (ContentSchema.FindRelationKind(kind) is null)
                {
                    Error(keyNode, $"unknown relation '{kind}' (allowed: {string.Join(", ", ContentSchema.RelationKinds.Select(k => k.Name))})");
                    continue;
                }

                foreach (var target in TextList($"relations.{kind}", value, allowSingle: true))
                {
                    if (SlugPattern().IsMatch(target.Text))
                    {
                        relations.Add(new(kind, target.Text, target.Line));
                    }
                    else
                    {
                        problems.Add(new(path, target.Line, $"'{target.Text}' in relations.{kind} is not a slug (lowercase kebab-case, like 'tibial-nerve')"));
                    }
                }
            }
        }

        private void ReadIds(YamlNode node, ref string? ta2, ref string? fma)
        {
            if (node is not YamlMappingNode map)
            {
                Error(node, "'ids' must be a map with ta2 and/or fma");
                return;
            }

            foreach (var (keyNode, value) in map.Children)
            {
                switch ((keyNode as YamlScalarNode)?.Value)
                {
                    case "ta2": ta2 = Text("ids.ta2", value); break;
                    case "fma": fma = Text("ids.fma", value); break;
                    default: Error(keyNode, "'ids' takes only ta2 and fma"); break;
                }
            }
        }

        private void ReadRetiredIds(YamlNode node, Dictionary<string, string> retired)
        {
            if (node is not YamlMappingNode map)
            {
                Error(node, "'retired_ids' must be a map of old-id: current-id");
                return;
            }

            foreach (var (keyNode, value) in map.Children)
            {
                var old = (keyNode as YamlScalarNode)?.Value ?? "";
                var current = Text($"retired_ids.{old}", value);
                if (!SlugPattern().IsMatch(old) || current is null || !SlugPattern().IsMatch(current))
                {
                    Error(keyNode, "each retired id must be 'old-id: current-id', both lowercase kebab-case");
                    continue;
                }

                retired[old] = current;
            }
        }

        private bool Flag(string key, YamlNode node)
        {
            if (node is YamlScalarNode { Value: "true" or "false" } scalar)
            {
                return scalar.Value == "true";
            }

            Error(node, $"'{key}' must be true or false");
            return false;
        }

        private int? Order(YamlNode node)
        {
            if (node is YamlScalarNode scalar && int.TryParse(scalar.Value, NumberStyles.None, CultureInfo.InvariantCulture, out var order) && order is >= 1 and <= 999)
            {
                return order;
            }

            Error(node, "'order' must be a whole number from 1 to 999");
            return null;
        }

        private DateOnly? Date(YamlNode node)
        {
            if (node is YamlScalarNode scalar &&
                DateOnly.TryParseExact(scalar.Value, "yyyy-MM-dd", CultureInfo.InvariantCulture, DateTimeStyles.None, out var date))
            {
                return date;
            }

            Error(node, "'updated' must be a date written YYYY-MM-DD");
            return null;
        }

        private static string Describe(YamlNode node) => node switch
        {
            YamlSequenceNode => "list",
            YamlMappingNode => "map",
            _ => "value",
        };
    }
}
