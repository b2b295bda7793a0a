using YamlDotNet.Core;
using YamlDotNet.RepresentationModel;

namespace GastroRef.Content;

/// <summary>Reads <c>synonyms.yml</c>: a map of lowercase query term → lowercase equivalents to search as well.</summary>
public static class SynonymsReader
{
    public static IReadOnlyDictionary<string, IReadOnlyList<string>> Read(string root, List<ContentProblem> problems)
    {
        ArgumentNullException.ThrowIfNull(problems);
        var result = new Dictionary<string, IReadOnlyList<string>>(StringComparer.Ordinal);
        var path = Path.Combine(root, ContentLoader.SynonymsFile);
        if (!File.Exists(path))
        {
            return result;
        }

        var name = ContentLoader.SynonymsFile;
        var stream = new YamlStream();
        try
        {
            stream.Load(new StringReader(File.ReadAllText(path)));
        }
        catch (Exception e) when (e is YamlException or IOException)
        {
            var line = e is YamlException y ? (int)Math.Max(1, y.Start.Line) : 1;
            problems.Add(new(name, line, $"the synonyms are not valid YAML: {e.Message}"));
            return result;
        }

        if (stream.Documents.Count == 0)
        {
            return result;
        }

        if (stream.Documents[0].RootNode is not YamlMappingNode map)
        {
            problems.Add(new(name, 1, "synonyms.yml must be a map of 'term: [equivalents]'"));
            return result;
        }

        foreach (var (keyNode, value) in map.Children)
        {
            var key = (keyNode as YamlScalarNode)?.Value?.Trim() ?? "";
            var line = (int)keyNode.Start.Line;
            var equivalents = value switch
            {
                YamlSequenceNode list when list.Children.All(c => c is YamlScalarNode) =>
                    list.Children.Select(c => ((YamlScalarNode)c).Value?.Trim() ?? "").ToList(),
                YamlScalarNode single => [single.Value?.Trim() ?? ""],
                _ => null,
            };
            if (key.Length == 0 || equivalents is null || equivalents.Any(e => e.Length == 0))
            {
                problems.Add(new(name, line, "each synonym must be 'term: [equivalent, ...]' with text on both sides"));
                continue;
            }

            if (key.Any(char.IsUpper) || equivalents.Any(e => e.Any(char.IsUpper)))
            {
                problems.Add(new(name, line, $"synonyms are lowercase: '{key}'"));
                continue;
            }

            if (!result.TryAdd(key, equivalents))
            {
                problems.Add(new(name, line, $"'{key}' is listed twice"));
            }
        }

        return result;
    }
}
