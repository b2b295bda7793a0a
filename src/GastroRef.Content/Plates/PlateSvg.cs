using System.Text.RegularExpressions;
using System.Xml;
using System.Xml.Linq;

namespace GastroRef.Content.Plates;

/// <summary>Reads and checks a plate's SVG. The site inlines plates into its pages, so a plate runs in the site's
/// origin: anything that could run script, fetch something from elsewhere or break the page's links is refused,
/// by looking at the parsed tree (not the text), with DTDs never processed.</summary>
public static partial class PlateSvg
{
    public const string Namespace = "http://www.w3.org/2000/svg";
    public const string XlinkNamespace = "http://www.w3.org/1999/xlink";
    public const int MaxBytes = 512 * 1024;

    /// <summary>Elements that run script, embed other documents or fetch something, and links (the site adds its own;
    /// links cannot nest). Animation elements can rewrite an href after the checks, so they go too.</summary>
    private static readonly Dictionary<string, string> RefusedElements = new(StringComparer.OrdinalIgnoreCase)
    {
        ["script"] = "<script> is not allowed in a plate",
        ["foreignObject"] = "<foreignObject> is not allowed in a plate",
        ["image"] = "<image> is not allowed in a plate: draw the shapes",
        ["style"] = "<style> is not allowed in a plate: colours come from the site's CSS through the s-… classes",
        ["a"] = "<a> is not allowed in a plate: the site links each data-structure group itself",
        ["iframe"] = "<iframe> is not allowed in a plate",
        ["set"] = "<set> is not allowed in a plate (animation can change links after they are checked)",
        ["animate"] = "<animate> is not allowed in a plate (animation can change links after they are checked)",
        ["animateMotion"] = "<animateMotion> is not allowed in a plate",
        ["animateTransform"] = "<animateTransform> is not allowed in a plate",
    };

    [GeneratedRegex(@"^#[A-Za-z_][A-Za-z0-9_.:-]*$")]
    private static partial Regex LocalReference();

    [GeneratedRegex(@"url\(\s*(['""]?)(?<target>[^)'""]*)\1\s*\)", RegexOptions.IgnoreCase)]
    private static partial Regex UrlFunction();

    [GeneratedRegex(@"(^|;)\s*(fill|stroke)\s*:\s*(?!none\b|currentcolor\b|inherit\b)", RegexOptions.IgnoreCase)]
    private static partial Regex ColourInStyle();

    /// <summary>Settings for every parse of plate SVG: DTDs prohibited (a DOCTYPE is an error, never resolved), no resolver.</summary>
    public static XmlReaderSettings ReaderSettings => new()
    {
        DtdProcessing = DtdProcessing.Prohibit,
        XmlResolver = null,
        IgnoreComments = true,
        IgnoreProcessingInstructions = true,
        MaxCharactersInDocument = MaxBytes * 2L,
    };

    /// <summary>Parses SVG text with the safe settings, keeping line numbers.</summary>
    public static XDocument Parse(string text)
    {
        using var reader = XmlReader.Create(new StringReader(text), ReaderSettings);
        return XDocument.Load(reader, LoadOptions.SetLineInfo | LoadOptions.PreserveWhitespace);
    }

    /// <summary>What a plate shows: its structure slugs in drawing order, and its labels.</summary>
    public sealed record Contents(IReadOnlyList<string> Structures, IReadOnlyList<string> Labels);

    /// <summary>Checks the SVG of plate <paramref name="plateSlug"/>; returns what it shows, or null when it cannot
    /// be read at all. Problems go to <paramref name="problems"/> with the line they are on.</summary>
    public static Contents? Check(string path, string plateSlug, string text, IReadOnlySet<string> pageSlugs, List<ContentProblem> problems)
    {
        ArgumentNullException.ThrowIfNull(text);
        ArgumentNullException.ThrowIfNull(pageSlugs);
        ArgumentNullException.ThrowIfNull(problems);
        XDocument document;
        try
        {
            document = Parse(text);
        }
        catch (XmlException e)
        {
            var line = Math.Max(1, e.LineNumber);
            var isDoctype = e.Message.Contains("DTD", StringComparison.OrdinalIgnoreCase);
            if (isDoctype)
            {
                // The reader stops before the DOCTYPE's position is known; the line that starts it is the one to fix.
                var lines = text.Split('\n');
                var index = Array.FindIndex(lines, l => l.Contains("<!DOCTYPE", StringComparison.OrdinalIgnoreCase));
                line = index >= 0 ? index + 1 : line;
            }

            var message = isDoctype
                ? "a DOCTYPE is not allowed in a plate (DTDs are never read)"
                : $"the SVG is not well-formed XML: {WithoutPosition(e.Message)}";
            problems.Add(new(path, line, message));
            return null;
        }

        var root = document.Root!;
        if (root.Name != XName.Get("svg", Namespace))
        {
            problems.Add(new(path, LineOf(root), $"the root element must be <svg xmlns=\"{Namespace}\">"));
        }

        if (root.Attribute("viewBox") is null)
        {
            problems.Add(new(path, LineOf(root), "the <svg> element needs a viewBox (\"0 0 W H\")"));
        }

        foreach (var size in root.Attributes().Where(a => a.Name.LocalName is "width" or "height" && a.Name.Namespace == XNamespace.None))
        {
            problems.Add(new(path, LineOf(size), $"remove '{size.Name.LocalName}' from <svg>: the site sizes plates from the viewBox"));
        }

        var structures = new List<string>();
        var labels = new List<(string Slug, int Line)>();
        var ids = new Dictionary<string, int>(StringComparer.Ordinal);
        var idPrefix = plateSlug + "-";
        foreach (var element in root.DescendantsAndSelf())
        {
            var line = LineOf(element);
            if (RefusedElements.TryGetValue(element.Name.LocalName, out var refused))
            {
                problems.Add(new(path, line, refused));
                continue;
            }

            foreach (var attribute in element.Attributes())
            {
                CheckAttribute(path, attribute, idPrefix, ids, problems);
            }

            if (element.Attribute("data-structure") is { } structure)
            {
                var slug = structure.Value;
                if (element.Ancestors().Any(a => a.Attribute("data-structure") is not null))
                {
                    problems.Add(new(path, line, $"data-structure '{slug}' is inside another data-structure group: groups may not nest (each becomes a link)"));
                }

                if (!pageSlugs.Contains(slug))
                {
                    problems.Add(new(path, line, UnknownPage("data-structure", slug, pageSlugs)));
                }
                else if (!structures.Contains(slug))
                {
                    structures.Add(slug);
                }

                if (element.Attribute("class")?.Value.Split(' ', StringSplitOptions.RemoveEmptyEntries).Any(c => c.StartsWith("s-", StringComparison.Ordinal)) != true)
                {
                    problems.Add(new(path, line, $"give data-structure '{slug}' a class such as s-muscle, s-nerve or s-artery, so it takes the atlas colour", ProblemSeverity.Warning));
                }

                CheckNoColours(path, element, problems);
            }

            if (element.Attribute("data-label-for") is { } label)
            {
                labels.Add((label.Value, line));
            }
        }

        var shapes = root.Descendants().Select(e => e.Attribute("data-structure")?.Value).OfType<string>().ToHashSet(StringComparer.Ordinal);
        foreach (var (slug, line) in labels.Where(l => !shapes.Contains(l.Slug)))
        {
            problems.Add(new(path, line, $"the label for '{slug}' has no shape with data-structure=\"{slug}\" on this plate"));
        }

        return new(structures, [.. labels.Select(l => l.Slug).Distinct(StringComparer.Ordinal)]);
    }

    private static void CheckAttribute(string path, XAttribute attribute, string idPrefix, Dictionary<string, int> ids, List<ContentProblem> problems)
    {
        var name = attribute.Name.LocalName;
        var line = LineOf(attribute);
        if (attribute.IsNamespaceDeclaration)
        {
            return;
        }

        if (name.StartsWith("on", StringComparison.OrdinalIgnoreCase))
        {
            problems.Add(new(path, line, $"the event attribute '{name}' is not allowed in a plate"));
            return;
        }

        if (name == "href" && (attribute.Name.Namespace == XNamespace.None || attribute.Name.Namespace == XlinkNamespace))
        {
            if (!LocalReference().IsMatch(attribute.Value.Trim()))
            {
                var shown = attribute.Name.Namespace == XNamespace.None ? "href" : "xlink:href";
                problems.Add(new(path, line, $"{shown}=\"{QuotedText.Shorten(attribute.Value)}\" is not allowed: a plate may only refer to its own elements (#{idPrefix}…)"));
            }

            return;
        }

        if (name == "id" && attribute.Name.Namespace == XNamespace.None)
        {
            if (!attribute.Value.StartsWith(idPrefix, StringComparison.Ordinal))
            {
                problems.Add(new(path, line, $"the id '{attribute.Value}' must start with '{idPrefix}' so that two plates on one page never share an id"));
            }

            if (!ids.TryAdd(attribute.Value, line))
            {
                problems.Add(new(path, line, $"the id '{attribute.Value}' is already used on line {ids[attribute.Value]}"));
            }
        }

        if (attribute.Value.Contains("@import", StringComparison.OrdinalIgnoreCase))
        {
            problems.Add(new(path, line, $"@import is not allowed in a plate ('{name}')"));
        }

        foreach (Match url in UrlFunction().Matches(attribute.Value))
        {
            if (!LocalReference().IsMatch(url.Groups["target"].Value.Trim()))
            {
                problems.Add(new(path, line, $"url({QuotedText.Shorten(url.Groups["target"].Value)}) in '{name}' points outside the plate: only url(#id) is allowed"));
            }
        }
    }

    /// <summary>Colour on a structure comes from its s-… class, so that dark mode, print and highlighting work.</summary>
    private static void CheckNoColours(string path, XElement group, List<ContentProblem> problems)
    {
        foreach (var element in group.DescendantsAndSelf())
        {
            foreach (var attribute in element.Attributes())
            {
                var local = attribute.Name.LocalName;
                var coloured = local is "fill" or "stroke"
                    ? !attribute.Value.Trim().Equals("none", StringComparison.OrdinalIgnoreCase) && !attribute.Value.Trim().Equals("currentColor", StringComparison.OrdinalIgnoreCase)
                    : local == "style" && ColourInStyle().IsMatch(attribute.Value);
                if (coloured)
                {
                    problems.Add(new(path, LineOf(attribute), $"remove the colour '{local}=\"{QuotedText.Shorten(attribute.Value)}\"' from the structure shape: colour comes from its s-… class", ProblemSeverity.Warning));
                }
            }
        }
    }

    internal static string UnknownPage(string what, string slug, IReadOnlySet<string> pageSlugs)
    {
        var message = $"{what} '{slug}' names no page";
        var closest = pageSlugs
            .Select(s => (Slug: s, Distance: EditDistance.Between(slug, s)))
            .Where(p => p.Distance <= Math.Max(2, slug.Length / 4))
            .OrderBy(p => p.Distance)
            .ThenBy(p => p.Slug, StringComparer.Ordinal)
            .Select(p => p.Slug)
            .FirstOrDefault();
        return closest is null ? message : $"{message}; did you mean '{closest}'?";
    }

    private static int LineOf(IXmlLineInfo node) => node.HasLineInfo() ? node.LineNumber : 1;

    private static string WithoutPosition(string message)
    {
        var index = message.IndexOf(" Line ", StringComparison.Ordinal);
        return index > 0 ? message[..index] : message;
    }
}
