using System.Globalization;
using System.Security.Cryptography;
using System.Text;
using YamlDotNet.Core;
using YamlDotNet.RepresentationModel;

namespace GastroRef.Content.Plates;

/// <summary>Reads <c>plates/</c> under the content folder: each plate is a sidecar <c>{slug}.yml</c> with its SVG
/// <c>{slug}.svg</c> beside it, or a sidecar alone with <c>generated:</c> for a figure the site draws from the
/// relations. A plate with errors is reported and left out (the site keeps its last good version).</summary>
public static class PlateLoader
{
    public const string Folder = "plates";

    /// <summary>Generated figures the site knows how to draw.</summary>
    public static readonly IReadOnlyList<string> GeneratedKinds = ["vessels", "nerves"];

    private static readonly string[] TreeTypes = ["artery", "vein", "nerve"];

    private static readonly HashSet<string> KnownKeys =
        ["title", "order", "view", "side", "caption", "sources", "checked", "licence", "generated", "context"];

    private static readonly UTF8Encoding StrictUtf8 = new(encoderShouldEmitUTF8Identifier: false, throwOnInvalidBytes: true);

    public static PlateSet Load(string contentRoot, IEnumerable<string> pageSlugs)
    {
        ArgumentNullException.ThrowIfNull(contentRoot);
        var folder = Path.Combine(contentRoot, Folder);
        if (!Directory.Exists(folder))
        {
            return PlateSet.Empty;
        }

        var slugs = pageSlugs.ToHashSet(StringComparer.Ordinal);
        var problems = new List<ContentProblem>();
        var plates = new List<Plate>();
        var rejected = new List<string>();
        var names = Directory.EnumerateFiles(folder)
            .Select(Path.GetFileName)
            .OfType<string>()
            .Where(n => !n.StartsWith('.') && !n.StartsWith('_') && !n.Equals("README.md", StringComparison.OrdinalIgnoreCase))
            .ToHashSet(StringComparer.Ordinal);
        foreach (var name in names.Where(n => !n.EndsWith(".yml", StringComparison.Ordinal) && !n.EndsWith(".svg", StringComparison.Ordinal)).Order(StringComparer.Ordinal))
        {
            problems.Add(new($"{Folder}/{name}", 1, "the plates folder holds only {slug}.svg drawings and their {slug}.yml sidecars", ProblemSeverity.Warning));
        }

        foreach (var svg in names.Where(n => n.EndsWith(".svg", StringComparison.Ordinal) && !names.Contains(n[..^4] + ".yml")).Order(StringComparer.Ordinal))
        {
            problems.Add(new($"{Folder}/{svg}", 1, $"the plate has no sidecar: add {Folder}/{svg[..^4]}.yml with its title, caption and sources"));
        }

        foreach (var sidecar in names.Where(n => n.EndsWith(".yml", StringComparison.Ordinal)).Order(StringComparer.Ordinal))
        {
            var slug = sidecar[..^4];
            var before = problems.Count;
            var plate = LoadPlate(folder, slug, names.Contains(slug + ".svg"), slugs, problems);
            if (plate is null || problems.Skip(before).Any(p => p.IsError))
            {
                rejected.Add(slug);
            }
            else
            {
                plates.Add(plate);
            }
        }

        var orders = plates.GroupBy(p => p.Order).Where(g => g.Count() > 1);
        foreach (var clash in orders)
        {
            problems.Add(new(clash.Skip(1).First().SidecarPath, 1, $"order {clash.Key} is also used by {string.Join(", ", clash.Select(p => p.SidecarPath).Take(1))}", ProblemSeverity.Warning));
        }

        return new([.. plates.OrderBy(p => p.Order).ThenBy(p => p.Slug, StringComparer.Ordinal)], problems, rejected);
    }

    private static Plate? LoadPlate(string folder, string slug, bool hasSvg, HashSet<string> pageSlugs, List<ContentProblem> problems)
    {
        var sidecarPath = $"{Folder}/{slug}.yml";
        if (!FrontMatterReader.SlugPattern().IsMatch(slug))
        {
            problems.Add(new(sidecarPath, 1, $"the plate name '{slug}' is not a valid slug: use lowercase kebab-case"));
            return null;
        }

        var sidecarBytes = ReadBytes(Path.Combine(folder, slug + ".yml"), sidecarPath, problems);
        if (sidecarBytes is null || ReadText(sidecarBytes, sidecarPath, problems) is not { } sidecarText)
        {
            return null;
        }

        var meta = ReadSidecar(sidecarPath, sidecarText, pageSlugs, problems);
        if (meta is null)
        {
            return null;
        }

        string svg = "";
        IReadOnlyList<string> structures;
        byte[] svgBytes = [];
        if (meta.Generated is not null)
        {
            if (hasSvg)
            {
                problems.Add(new(sidecarPath, meta.GeneratedLine, $"a generated plate has no drawing: remove {Folder}/{slug}.svg or the 'generated' key"));
            }

            structures = [];
        }
        else if (!hasSvg)
        {
            problems.Add(new(sidecarPath, 1, $"the drawing {Folder}/{slug}.svg is missing (or set 'generated: vessels|nerves')"));
            return null;
        }
        else
        {
            var svgPath = $"{Folder}/{slug}.svg";
            svgBytes = ReadBytes(Path.Combine(folder, slug + ".svg"), svgPath, problems) ?? [];
            if (svgBytes.Length > PlateSvg.MaxBytes)
            {
                problems.Add(new(svgPath, 1, $"the drawing is {svgBytes.Length / 1024} KiB; the limit is {PlateSvg.MaxBytes / 1024} KiB"));
                return null;
            }

            if (svgBytes.Length == 0 || ReadText(svgBytes, svgPath, problems) is not { } text)
            {
                if (svgBytes.Length == 0)
                {
                    problems.Add(new(svgPath, 1, "the drawing is empty"));
                }

                return null;
            }

            var contents = PlateSvg.Check(svgPath, slug, text, pageSlugs, problems);
            if (contents is null)
            {
                return null;
            }

            svg = text;
            structures = contents.Structures;
        }

        var hash = Convert.ToHexStringLower(SHA256.HashData([.. sidecarBytes, .. svgBytes]));
        return new Plate
        {
            Slug = slug,
            Title = meta.Title ?? slug,
            Order = meta.Order,
            View = meta.View ?? "",
            Side = meta.Side ?? "",
            Caption = meta.Caption ?? "",
            Sources = meta.Sources,
            Checked = meta.Checked,
            Licence = meta.Licence ?? "",
            Svg = svg,
            Generated = meta.Generated,
            Context = meta.Context,
            Structures = structures,
            ContentHash = hash,
            SidecarPath = sidecarPath,
        };
    }

    private static byte[]? ReadBytes(string fullPath, string path, List<ContentProblem> problems)
    {
        try
        {
            return File.ReadAllBytes(fullPath);
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            problems.Add(new(path, 1, $"the file cannot be read: {e.Message}"));
            return null;
        }
    }

    private static string? ReadText(byte[] bytes, string path, List<ContentProblem> problems)
    {
        try
        {
            return StrictUtf8.GetString(bytes).TrimStart('\uFEFF').Replace("\r\n", "\n", StringComparison.Ordinal);
        }
        catch (DecoderFallbackException)
        {
            problems.Add(new(path, 1, "the file is not valid UTF-8 text"));
            return null;
        }
    }

    private sealed class Sidecar
    {
        public string? Title { get; set; }
        public int Order { get; set; } = int.MaxValue;
        public string? View { get; set; }
        public string? Side { get; set; }
        public string? Caption { get; set; }
        public List<string> Sources { get; } = [];
        public string? Checked { get; set; }
        public string? Licence { get; set; }
        public string? Generated { get; set; }
        public int GeneratedLine { get; set; } = 1;
        public List<PlateContextNode> Context { get; } = [];
    }

    private static Sidecar? ReadSidecar(string path, string text, HashSet<string> pageSlugs, List<ContentProblem> problems)
    {
        YamlMappingNode root;
        try
        {
            var stream = new YamlStream();
            stream.Load(new StringReader(text));
            if (stream.Documents.Count == 0 || stream.Documents[0].RootNode is not YamlMappingNode mapping)
            {
                problems.Add(new(path, 1, "the sidecar must be a set of 'key: value' fields (title, caption, sources, …)"));
                return null;
            }

            root = mapping;
        }
        catch (YamlException e)
        {
            problems.Add(new(path, (int)Math.Max(1, e.Start.Line), $"the sidecar is not valid YAML: {e.Message[(e.Message.LastIndexOf("): ", StringComparison.Ordinal) + 1)..].Trim(' ', ':')}"));
            return null;
        }

        var sidecar = new Sidecar();
        YamlNode? contextNode = null;
        foreach (var (keyNode, value) in root.Children)
        {
            var key = (keyNode as YamlScalarNode)?.Value ?? "";
            switch (key)
            {
                case "title": sidecar.Title = Scalar(path, key, value, problems); break;
                case "view": sidecar.View = Scalar(path, key, value, problems); break;
                case "side": sidecar.Side = Scalar(path, key, value, problems); break;
                case "caption": sidecar.Caption = Scalar(path, key, value, problems); break;
                case "checked": sidecar.Checked = Scalar(path, key, value, problems); break;
                case "licence": sidecar.Licence = Scalar(path, key, value, problems); break;
                case "order":
                    if (int.TryParse(Scalar(path, key, value, problems), NumberStyles.None, CultureInfo.InvariantCulture, out var order))
                    {
                        sidecar.Order = order;
                    }
                    else
                    {
                        problems.Add(new(path, LineOf(value), "order must be a whole number (the plate's position in the atlas)"));
                    }

                    break;
                case "sources":
                    if (value is YamlSequenceNode list)
                    {
                        sidecar.Sources.AddRange(list.Children.Select(s => Scalar(path, key, s, problems)).OfType<string>());
                    }
                    else
                    {
                        problems.Add(new(path, LineOf(value), "sources must be a list, one reference a line"));
                    }

                    break;
                case "generated":
                    sidecar.Generated = Scalar(path, key, value, problems);
                    sidecar.GeneratedLine = LineOf(value);
                    if (sidecar.Generated is not null && !GeneratedKinds.Contains(sidecar.Generated))
                    {
                        problems.Add(new(path, LineOf(value), $"generated must be one of: {string.Join(", ", GeneratedKinds)}"));
                    }

                    break;
                case "context":
                    contextNode = value;
                    break;
                default:
                    problems.Add(new(path, LineOf(keyNode), $"unknown key '{key}'; a plate sidecar has: {string.Join(", ", KnownKeys.Order(StringComparer.Ordinal))}"));
                    break;
            }
        }

        Require(path, sidecar.Title, "title", "the plate's title", problems);
        Require(path, sidecar.Caption, "caption", "a caption that says the side and the view", problems);
        Require(path, sidecar.Side, "side", "the side drawn (right, left or both)", problems);
        Require(path, sidecar.View, "view", "the view (anterior, posterior, medial, lateral, cross-section, schematic…)", problems);
        Require(path, sidecar.Licence, "licence", "the licence, e.g. \"Own work, CC BY 4.0\"", problems);
        if (sidecar.Sources.Count < 2)
        {
            problems.Add(new(path, 1, "list at least two sources the plate was checked against under 'sources'"));
        }

        if (sidecar.Order == int.MaxValue)
        {
            problems.Add(new(path, 1, "add 'order: N', the plate's position in the atlas", ProblemSeverity.Warning));
        }

        if (contextNode is not null)
        {
            ReadContext(path, contextNode, sidecar, pageSlugs, problems);
        }

        return sidecar;
    }

    /// <summary>Context nodes of a generated tree: <c>- {name: Femoral artery, type: artery, children: [popliteal-artery]}</c>.</summary>
    private static void ReadContext(string path, YamlNode node, Sidecar sidecar, HashSet<string> pageSlugs, List<ContentProblem> problems)
    {
        if (sidecar.Generated is null)
        {
            problems.Add(new(path, LineOf(node), "context is only for generated plates"));
            return;
        }

        if (node is not YamlSequenceNode entries)
        {
            problems.Add(new(path, LineOf(node), "context must be a list of nodes, each with name, type and parent or children"));
            return;
        }

        var read = new List<(PlateContextNode Node, int Line)>();
        foreach (var entry in entries.Children)
        {
            if (entry is not YamlMappingNode fields)
            {
                problems.Add(new(path, LineOf(entry), "each context node is a map: {name: …, type: …, parent: … or children: […]}"));
                continue;
            }

            string? name = null, type = null, parent = null;
            var children = new List<string>();
            foreach (var (keyNode, value) in fields.Children)
            {
                switch ((keyNode as YamlScalarNode)?.Value)
                {
                    case "name": name = Scalar(path, "name", value, problems); break;
                    case "type": type = Scalar(path, "type", value, problems); break;
                    case "parent": parent = Scalar(path, "parent", value, problems); break;
                    case "children":
                        if (value is YamlSequenceNode list)
                        {
                            children.AddRange(list.Children.Select(c => Scalar(path, "children", c, problems)).OfType<string>());
                        }
                        else if (Scalar(path, "children", value, problems) is { } single)
                        {
                            children.Add(single);
                        }

                        break;
                    default:
                        problems.Add(new(path, LineOf(keyNode), "a context node has name, type, parent and children"));
                        break;
                }
            }

            if (name is null || type is null || !TreeTypes.Contains(type))
            {
                problems.Add(new(path, LineOf(entry), $"a context node needs a name and a type ({string.Join(", ", TreeTypes)})"));
                continue;
            }

            if (parent is null && children.Count == 0)
            {
                problems.Add(new(path, LineOf(entry), $"the context node '{name}' joins nothing: give it a parent or children"));
                continue;
            }

            read.Add((new PlateContextNode(name, type, parent, children), LineOf(entry)));
        }

        var names = read.Select(r => r.Node.Name).ToHashSet(StringComparer.Ordinal);
        foreach (var (contextNode, line) in read)
        {
            foreach (var target in contextNode.Children.Append(contextNode.Parent).OfType<string>())
            {
                if (!names.Contains(target) && !pageSlugs.Contains(target))
                {
                    problems.Add(new(path, line, PlateSvg.UnknownPage($"the context node '{contextNode.Name}' joins", target, pageSlugs) + " and no context node"));
                }
            }

            sidecar.Context.Add(contextNode);
        }
    }

    private static void Require(string path, string? value, string key, string what, List<ContentProblem> problems)
    {
        if (string.IsNullOrWhiteSpace(value))
        {
            problems.Add(new(path, 1, $"add '{key}': {what}"));
        }
    }

    private static string? Scalar(string path, string key, YamlNode node, List<ContentProblem> problems)
    {
        if (node is YamlScalarNode { Value: var value })
        {
            return string.IsNullOrWhiteSpace(value) ? null : value.Trim();
        }

        problems.Add(new(path, LineOf(node), $"'{key}' must be text"));
        return null;
    }

    private static int LineOf(YamlNode node) => (int)Math.Max(1, node.Start.Line);
}
