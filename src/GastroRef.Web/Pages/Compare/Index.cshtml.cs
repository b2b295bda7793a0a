using System.Net;
using System.Text.RegularExpressions;
using GastroRef.Content;
using GastroRef.Web.Data;
using GastroRef.Web.Search;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;

namespace GastroRef.Web.Pages.Compare;

public enum CompareStatus
{
    Same,
    SameStructures,
    Differs,
    OnlyA,
    OnlyB,
}

/// <summary>One key fact of both structures. <see cref="A"/>/<see cref="B"/> are null where a page does not give it.</summary>
public sealed record FactRow(string Key, string Label, RenderedKeyFact? A, RenderedKeyFact? B, CompareStatus Status);

/// <summary>A connected structure in one column; <see cref="Shared"/> when the other column lists it too.</summary>
public sealed record ComparedLink(StructureLink Link, bool Shared);

public sealed record ConnectionRow(string Label, IReadOnlyList<ComparedLink> A, IReadOnlyList<ComparedLink> B, CompareStatus Status);

public sealed record PickerGroup(string Type, string Label, IReadOnlyList<GraphNode> Structures);

/// <summary>/compare?a=gastrocnemius&amp;b=soleus: the key facts and connections of two structures of the same kind (or kinds
/// <see cref="CompareKinds"/> pairs) side by side, each row saying whether they are the same or differ. A GET form with two
/// pickers makes it work without JavaScript; with it, the pickers say at once when a pair cannot be compared.
/// Unknown slugs answer 404, kinds that do not compare or the same structure twice 400, each with the reason and the form.</summary>
public sealed partial class IndexModel(StructureQueries queries, SearchEngine search) : PageModel
{
    /// <summary>Slugs are short; anything longer is refused before any lookup, so no value costs more than a name does.</summary>
    public const int MaxSlugLength = StructureNames.MaxAddressLength;

    /// <summary>Words that name a nerve, vessel or other part in a key fact's plain text (not linked): a fact using them
    /// names more than its links, so two facts linking the same pages may still name different structures
    /// ("gastrocnemius veins" and "soleal venous sinuses", both into the popliteal vein).</summary>
    private static readonly HashSet<string> StructureNouns = new(StringComparer.OrdinalIgnoreCase)
    {
        "nerve", "nerves", "division", "divisions", "plexus", "artery", "arteries", "arterial", "vein", "veins", "venous",
        "sinus", "sinuses", "tendon", "tendons", "aponeurosis", "capsule", "ligament", "ligaments", "bursa", "retinaculum",
    };

    /// <summary>Key facts that name other structures (the nerve, the vessels, the bones): two of them worded differently
    /// may still name the same structures.</summary>
    private static readonly HashSet<string> StructureFacts =
        ["origin", "insertion", "innervation", "arterial_supply", "venous_drainage", "branches", "tributaries", "drains_into"];

    public StructureView? A { get; private set; }

    public StructureView? B { get; private set; }

    /// <summary>Why the comparison cannot be shown, for the reader.</summary>
    public string? Problem { get; private set; }

    public IReadOnlyList<PickerGroup> Picker { get; private set; } = [];

    public IReadOnlyList<FactRow> Facts { get; private set; } = [];

    public IReadOnlyList<ConnectionRow> Connections { get; private set; } = [];

    /// <summary>Structures to compare A with (or B, when the kinds differ), same kind, best first.</summary>
    public IReadOnlyList<GraphNode> SuggestionsForA { get; private set; } = [];

    public IReadOnlyList<GraphNode> SuggestionsForB { get; private set; } = [];

    /// <summary>Existing structures close to an unknown slug.</summary>
    public IReadOnlyList<StructureLink> DidYouMean { get; private set; } = [];

    public string? SelectedA { get; private set; }

    public string? SelectedB { get; private set; }

    public bool HasComparison => A is not null && B is not null && Problem is null;

    public async Task<IActionResult> OnGetAsync(CancellationToken cancellationToken)
    {
        await using var read = await queries.ReadAsync(cancellationToken);
        var snapshot = read.Snapshot.Graph;
        Picker = [.. ContentSchema.Types
            .Select(t => new PickerGroup(t, BrowseLabels.Plural(t), [.. snapshot.All.Where(n => n.Type == t)]))
            .Where(g => g.Structures.Count > 0)];

        var a = Read("a");
        var b = Read("b");
        if ((a.Problem ?? b.Problem) is { } many)
        {
            return Fail(StatusCodes.Status400BadRequest, many);
        }

        // Old slugs land on the structure's current address, like /anatomy/{old-slug} does.
        var renamedA = a.Slug is null || snapshot.Find(a.Slug) is not null ? null : await read.FindRedirectAsync(a.Slug, cancellationToken);
        var renamedB = b.Slug is null || snapshot.Find(b.Slug) is not null ? null : await read.FindRedirectAsync(b.Slug, cancellationToken);
        if (renamedA is not null || renamedB is not null)
        {
            return RedirectPermanent(Address(renamedA ?? a.Slug, renamedB ?? b.Slug));
        }

        SelectedA = a.Slug;
        SelectedB = b.Slug;
        A = a.Slug is null ? null : await read.FindAsync(a.Slug, cancellationToken);
        B = b.Slug is null ? null : await read.FindAsync(b.Slug, cancellationToken);
        foreach (var (slug, view) in new[] { (a.Slug, A), (b.Slug, B) })
        {
            if (slug is not null && view is null)
            {
                DidYouMean = [.. (await StructureNames.SuggestAsync(search, slug, 3, cancellationToken)).Select(s => s.Link)];
                return Fail(StatusCodes.Status404NotFound, $"No structure has the slug \"{QuotedText.Shorten(slug)}\".");
            }
        }

        if (A is not null)
        {
            SuggestionsForA = snapshot.CompareCandidates(A.Record.Slug, 5);
        }
        else if (B is not null)
        {
            SuggestionsForB = snapshot.CompareCandidates(B.Record.Slug, 5);
        }

        if (A is null || B is null)
        {
            return Page();
        }

        if (A.Record.Slug == B.Record.Slug)
        {
            return Fail(StatusCodes.Status400BadRequest, $"Choose two different structures: both sides are {A.Record.Title}.");
        }

        if (!CompareKinds.Comparable(A.Record.Type, B.Record.Type))
        {
            SuggestionsForB = snapshot.CompareCandidates(B.Record.Slug, 5);
            return Fail(StatusCodes.Status400BadRequest, CompareKinds.Refusal(A.Record.Title, A.Record.Type, B.Record.Title, B.Record.Type));
        }

        var connectionsA = await read.ConnectionsAsync(A.Record.Slug, cancellationToken);
        var connectionsB = await read.ConnectionsAsync(B.Record.Slug, cancellationToken);
        Facts = CompareFacts(A, B);
        Connections = CompareConnections(A.Record.Slug, B.Record.Slug, connectionsA, connectionsB);
        return Page();
    }

    public static string Address(string? a, string? b)
    {
        var query = new List<string>();
        if (a is not null)
        {
            query.Add($"a={Uri.EscapeDataString(a)}");
        }

        if (b is not null)
        {
            query.Add($"b={Uri.EscapeDataString(b)}");
        }

        return query.Count == 0 ? "/compare" : $"/compare?{string.Join("&", query)}";
    }

    public string StatusText(CompareStatus status) => status switch
    {
        CompareStatus.Same => "Same",
        CompareStatus.SameStructures => "Same structures",
        CompareStatus.Differs => "Differs",
        CompareStatus.OnlyA => $"Only {A?.Record.Title}",
        CompareStatus.OnlyB => $"Only {B?.Record.Title}",
        _ => "",
    };

    internal static IReadOnlyList<FactRow> CompareFacts(StructureView a, StructureView b)
    {
        // A's facts in the order of its type, then those only B's type has (an artery's branches, a vein's tributaries).
        var order = KeyOrder(a.Record.Type).Concat(KeyOrder(b.Record.Type)).Distinct().ToList();
        var keys = a.Document.KeyFacts.Select(f => f.Key).Union(b.Document.KeyFacts.Select(f => f.Key))
            .OrderBy(k => order.IndexOf(k) is var i and >= 0 ? i : int.MaxValue);
        var rows = new List<FactRow>();
        foreach (var key in keys)
        {
            var factA = a.Document.KeyFacts.FirstOrDefault(f => f.Key == key);
            var factB = b.Document.KeyFacts.FirstOrDefault(f => f.Key == key);
            var status = (factA, factB) switch
            {
                (null, _) => CompareStatus.OnlyB,
                (_, null) => CompareStatus.OnlyA,
                _ when Normalise(factA.Text) == Normalise(factB.Text) => CompareStatus.Same,
                _ when StructureFacts.Contains(key) && NameSameStructures(factA, factB, a.Record.Slug, b.Record.Slug) => CompareStatus.SameStructures,
                _ => CompareStatus.Differs,
            };
            rows.Add(new(key, ContentSchema.KeyFactLabel(key), factA, factB, status));
        }

        return rows;
    }

    internal static IReadOnlyList<ConnectionRow> CompareConnections(
        string slugA, string slugB, IReadOnlyList<ConnectionGroup> connectionsA, IReadOnlyList<ConnectionGroup> connectionsB)
    {
        var typedA = connectionsA.Where(g => g.Kind != RelationRecord.BodyLink).ToList();
        var typedB = connectionsB.Where(g => g.Kind != RelationRecord.BodyLink).ToList();
        var rows = new List<ConnectionRow>();
        var labels = typedA.Select(g => g.Label).Concat(typedB.Select(g => g.Label)).Distinct(StringComparer.Ordinal);
        foreach (var label in labels)
        {
            // Each other's entries (gastrocnemius is a synergist of soleus) say nothing about a difference.
            var listA = typedA.Where(g => g.Label == label).SelectMany(g => g.Structures).Where(s => s.Slug != slugB).DistinctBy(s => s.Slug).ToList();
            var listB = typedB.Where(g => g.Label == label).SelectMany(g => g.Structures).Where(s => s.Slug != slugA).DistinctBy(s => s.Slug).ToList();
            if (listA.Count == 0 && listB.Count == 0)
            {
                continue;
            }

            var inA = listA.Select(s => s.Slug).ToHashSet(StringComparer.Ordinal);
            var inB = listB.Select(s => s.Slug).ToHashSet(StringComparer.Ordinal);
            var status = listA.Count == 0 ? CompareStatus.OnlyB
                : listB.Count == 0 ? CompareStatus.OnlyA
                : inA.SetEquals(inB) ? CompareStatus.Same
                : CompareStatus.Differs;
            rows.Add(new(label, [.. listA.Select(s => new ComparedLink(s, inB.Contains(s.Slug)))], [.. listB.Select(s => new ComparedLink(s, inA.Contains(s.Slug)))], status));
        }

        return rows;
    }

    private static IEnumerable<string> KeyOrder(string type) =>
        ContentSchema.KeyFactsByType.TryGetValue(type, out var keys) ? keys : ContentSchema.KeyFactLabels.Select(p => p.Key);

    /// <summary>Two differently worded facts name the same structures when they link the same pages (leaving out the
    /// two compared, which often mention each other) and neither names a nerve, vessel or other part in plain text
    /// besides: "[Tibial nerve], one branch to each head (S1–S2)" and "[Tibial nerve] (S1–S2)" do; "Gastrocnemius veins
    /// into the [popliteal vein]" and "Soleal venous sinuses … [popliteal vein]" do not, nor do "Medial [sural artery]"
    /// and "Lateral [sural artery]".</summary>
    internal static bool NameSameStructures(RenderedKeyFact a, RenderedKeyFact b, string slugA, string slugB)
    {
        var linksA = LinkedSlugs(a.Html, slugA, slugB);
        var linksB = LinkedSlugs(b.Html, slugA, slugB);
        return linksA.Count > 0 && linksA.SetEquals(linksB) && !NamesUnlinkedStructure(a.Html) && !NamesUnlinkedStructure(b.Html);
    }

    private static HashSet<string> LinkedSlugs(string html, string slugA, string slugB) =>
        [.. StructureHref().Matches(html).Select(m => m.Groups[1].Value).Where(s => s != slugA && s != slugB)];

    private static bool NamesUnlinkedStructure(string html)
    {
        // "Medial [sural artery]" names one of the two: the word before the link narrows what the link names.
        if (QualifiedLink().IsMatch(html))
        {
            return true;
        }

        var unlinked = WebUtility.HtmlDecode(Tag().Replace(Link().Replace(html, " "), " "));
        return Word().Matches(unlinked).Any(w => StructureNouns.Contains(w.Value));
    }

    [GeneratedRegex("""href="/anatomy/([a-z0-9-]+)""")]
    private static partial Regex StructureHref();

    [GeneratedRegex(@"<a\b[^>]*>.*?</a>", RegexOptions.Singleline)]
    private static partial Regex Link();

    [GeneratedRegex(@"\b(medial|lateral|anterior|posterior|superior|inferior|deep|superficial|left|right)\s+<a\b", RegexOptions.IgnoreCase)]
    private static partial Regex QualifiedLink();

    [GeneratedRegex("<[^>]*>")]
    private static partial Regex Tag();

    [GeneratedRegex(@"\p{L}+")]
    private static partial Regex Word();

    private static string Normalise(string text) =>
        string.Join(' ', text.ToLowerInvariant().Split((char[]?)null, StringSplitOptions.RemoveEmptyEntries)).TrimEnd('.', ';', ' ');

    private PageResult Fail(int status, string problem)
    {
        Problem = problem;
        Response.StatusCode = status;
        return Page();
    }

    /// <summary>One slug from the query string, lower-cased; empty means not chosen yet.</summary>
    private (string? Slug, string? Problem) Read(string name)
    {
        var (value, count) = QueryValue.Read(Request.Query, name);
        if (count > 1)
        {
            return (null, $"Give one structure for \"{name}\" (the address gives {count}).");
        }

        if (value is { Length: > MaxSlugLength })
        {
            return (null, $"\"{name}\" is too long for a structure's address: give at most {MaxSlugLength} characters.");
        }

        return (value, null);
    }
}
