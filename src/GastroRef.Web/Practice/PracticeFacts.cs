using System.Security.Cryptography;
using System.Text;
using System.Text.RegularExpressions;
using GastroRef.Content;
using GastroRef.Web.Data;

namespace GastroRef.Web.Practice;

/// <summary>One page as the generator reads it: its node in the graph, its key facts, the structures each fact links
/// and the section ids a link may point at.</summary>
internal sealed partial class PageFacts
{
    public PageFacts(GraphNode node, StoredDocument document)
    {
        Node = node;
        Document = document;
        Facts = document.KeyFacts.ToDictionary(f => f.Key, StringComparer.Ordinal);
        var ids = new HashSet<string>(StringComparer.Ordinal);
        foreach (var section in document.Sections)
        {
            ids.Add(section.Id);
            ids.UnionWith(section.RetiredIds);
            ids.UnionWith(section.Subsections.Select(s => s.Id));
        }

        if (document.KeyFacts.Count > 0)
        {
            ids.Add("key-facts");
        }

        SectionIds = ids;
        var text = new StringBuilder();
        foreach (var fact in document.KeyFacts)
        {
            text.Append(fact.Text).Append('\n');
        }

        text.Append(document.Lead.Text).Append('\n');
        foreach (var section in document.Sections)
        {
            text.Append(section.Text).Append('\n');
        }

        FullText = text.ToString();
        AllLinks = new HashSet<string>(LinkedSlugs(document.Lead.Html)
            .Concat(document.KeyFacts.SelectMany(f => LinkedSlugs(f.Html)))
            .Concat(document.Sections.SelectMany(s => LinkedSlugs(s.Html))), StringComparer.Ordinal);
    }

    public GraphNode Node { get; }

    public string Slug => Node.Slug;

    public StoredDocument Document { get; }

    public IReadOnlyDictionary<string, RenderedKeyFact> Facts { get; }

    public IReadOnlySet<string> SectionIds { get; }

    /// <summary>Every word the page shows (key facts, lead, sections).</summary>
    public string FullText { get; }

    /// <summary>Every structure the page links to anywhere.</summary>
    public IReadOnlySet<string> AllLinks { get; }

    /// <summary>A key fact's text, without the space that link text leaves before punctuation ("fibula ; small slip").</summary>
    public string? FactText(string key) => Facts.GetValueOrDefault(key)?.Text is { } text ? Tidy(text) : null;

    public static string Tidy(string text) => SpaceBeforePunctuation().Replace(text.Trim(), "$1");

    /// <summary>The structures one key fact links to (empty when the page has no such fact).</summary>
    public IReadOnlySet<string> FactLinks(string key) =>
        Facts.TryGetValue(key, out var fact) ? LinkedSlugs(fact.Html) : new HashSet<string>();

    /// <summary>The first of <paramref name="preferred"/> that is a section of this page, else the key facts.</summary>
    public string? Section(params string[] preferred) =>
        preferred.FirstOrDefault(SectionIds.Contains) ?? (SectionIds.Contains("key-facts") ? "key-facts" : null);

    public static IReadOnlySet<string> LinkedSlugs(string html) =>
        AnatomyLink().Matches(html).Select(m => m.Groups[1].Value).ToHashSet(StringComparer.Ordinal);

    [GeneratedRegex(@"\s+([;,.:)])")]
    private static partial Regex SpaceBeforePunctuation();

    [GeneratedRegex("""href="/anatomy/([a-z0-9]+(?:-[a-z0-9]+)*)""")]
    private static partial Regex AnatomyLink();
}

/// <summary>Movements named in function facts ("flexes the knee", "plantar flexion"). A movement is a right answer for a
/// nerve lesion only when a muscle the nerve alone supplies names it, and a wrong one only when no muscle it supplies does.</summary>
internal static partial class Movements
{
    public sealed record Movement(string Key, string Text, Regex Pattern);

    public static readonly IReadOnlyList<Movement> All =
    [
        new("plantar-flexion", "Plantar flexion of the foot at the ankle", PlantarFlexion()),
        new("dorsiflexion", "Dorsiflexion of the foot at the ankle", Dorsiflexion()),
        new("knee-flexion", "Flexion of the knee", KneeFlexion()),
        new("knee-extension", "Extension of the knee", KneeExtension()),
        new("hip-extension", "Extension of the hip", HipExtension()),
        new("great-toe-flexion", "Flexion of the great toe", GreatToeFlexion()),
        new("toe-flexion", "Flexion of the lateral four toes", ToeFlexion()),
        new("toe-extension", "Extension of the toes", ToeExtension()),
        new("inversion", "Inversion of the foot", Inversion()),
        new("eversion", "Eversion of the foot", Eversion()),
        new("knee-unlocking", "Unlocking of the fully extended knee", KneeUnlocking()),
    ];

    public static IReadOnlySet<string> In(string? text) =>
        text is null ? new HashSet<string>() : All.Where(m => m.Pattern.IsMatch(text)).Select(m => m.Key).ToHashSet(StringComparer.Ordinal);

    public static Movement Find(string key) => All.First(m => m.Key == key);

    [GeneratedRegex(@"plantar[\s-]*flex", RegexOptions.IgnoreCase)]
    private static partial Regex PlantarFlexion();

    [GeneratedRegex(@"dorsi[\s-]*flex", RegexOptions.IgnoreCase)]
    private static partial Regex Dorsiflexion();

    [GeneratedRegex(@"(flexes|flexing|flexion\s+of|bends?)\s+the\s+knee|knee\s+flex", RegexOptions.IgnoreCase)]
    private static partial Regex KneeFlexion();

    [GeneratedRegex(@"(extends|extending|extension\s+of|straightens)\s+the\s+knee|knee\s+extens", RegexOptions.IgnoreCase)]
    private static partial Regex KneeExtension();

    [GeneratedRegex(@"(extends|extending|extension\s+of)\s+the\s+hip|hip\s+extens", RegexOptions.IgnoreCase)]
    private static partial Regex HipExtension();

    [GeneratedRegex(@"great\s+toe|hallu", RegexOptions.IgnoreCase)]
    private static partial Regex GreatToeFlexion();

    [GeneratedRegex(@"(lateral\s+four|second\s+to\s+fifth|flex\w*\s+(of\s+)?the)\s+toes", RegexOptions.IgnoreCase)]
    private static partial Regex ToeFlexion();

    [GeneratedRegex(@"(extends|extending|extension\s+of)\s+the\s+toes|toe\s+extens", RegexOptions.IgnoreCase)]
    private static partial Regex ToeExtension();

    [GeneratedRegex(@"invert|inversion", RegexOptions.IgnoreCase)]
    private static partial Regex Inversion();

    [GeneratedRegex(@"evert|eversion", RegexOptions.IgnoreCase)]
    private static partial Regex Eversion();

    [GeneratedRegex(@"unlock", RegexOptions.IgnoreCase)]
    private static partial Regex KneeUnlocking();
}

/// <summary>Spinal root ranges ("S1–S2", "L4–S3") as pages write them.</summary>
internal static partial class RootRanges
{
    /// <summary>Every range or single root in the text, normalised to an en dash, in order of appearance.</summary>
    public static IReadOnlyList<string> In(string? text) =>
        text is null ? [] : [.. Range().Matches(text).Select(m => m.Groups[2].Success ? $"{m.Groups[1].Value}–{m.Groups[2].Value}" : m.Groups[1].Value).Distinct()];

    [GeneratedRegex(@"\b([CLST][1-9])(?:\s*[–—-]\s*([CLST][1-9]))?\b")]
    private static partial Regex Range();
}

/// <summary>Deterministic numbers from text, so the same question and the same seed always come out the same,
/// whatever the platform or the runtime's string hashing.</summary>
internal static class StableHash
{
    public static ulong Of(string text) => BitConverter.ToUInt64(SHA256.HashData(Encoding.UTF8.GetBytes(text)), 0);

    public static string Id(string text) => Convert.ToHexStringLower(SHA256.HashData(Encoding.UTF8.GetBytes(text)))[..16];
}
