using GastroRef.Content;
using GastroRef.Web.Data;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;

namespace GastroRef.Web.Pages.Anatomy;

/// <summary>/anatomy: every structure grouped by kind, filtered by <c>?type=</c> and <c>?region=</c> with a plain GET form,
/// so it works without JavaScript and every filtered view has an address to share. A filter value that names nothing
/// answers 400 with the reason and the form, never an error page.</summary>
public sealed class IndexModel(StoreState state) : PageModel
{
    public sealed record TypeGroup(string Type, string Label, IReadOnlyList<GraphNode> Structures);

    public sealed record FilterOption(string Value, string Label, int Count, int Depth = 0);

    public IReadOnlyList<TypeGroup> Groups { get; private set; } = [];

    public int Total { get; private set; }

    /// <summary>The kind filter, when valid.</summary>
    public string? Type { get; private set; }

    /// <summary>The region filter, when valid.</summary>
    public GraphNode? Region { get; private set; }

    public IReadOnlyList<FilterOption> TypeOptions { get; private set; } = [];

    public IReadOnlyList<FilterOption> RegionOptions { get; private set; } = [];

    /// <summary>The regions to show as a nested list: every region when nothing is filtered, the regions inside the
    /// chosen region when one is.</summary>
    public IReadOnlyList<RegionBranch> RegionBranches { get; private set; } = [];

    /// <summary>What was wrong with the query string, for the reader.</summary>
    public IReadOnlyList<string> Problems { get; private set; } = [];

    public string Heading { get; private set; } = "Browse structures";

    public string CanonicalPath { get; private set; } = "/anatomy";

    public IActionResult OnGet()
    {
        var snapshot = state.Snapshot.Graph;
        var problems = new List<string>();
        var type = ReadFilter("type", "kind", problems);
        var region = ReadFilter("region", "region", problems);

        if (type is not null && !ContentSchema.Types.Contains(type))
        {
            problems.Add($"There is no kind \"{QuotedText.Shorten(type)}\". Choose one of: {string.Join(", ", ContentSchema.Types.Select(ContentSchema.TypeLabel))}.");
            type = null;
        }

        GraphNode? regionNode = null;
        if (region is not null)
        {
            regionNode = snapshot.Find(region);
            if (regionNode is null)
            {
                problems.Add($"No region has the slug \"{QuotedText.Shorten(region)}\". Regions: {string.Join(", ", snapshot.Regions.Select(r => r.Slug))}.");
            }
            else if (regionNode.Type != "region")
            {
                problems.Add($"{regionNode.Title} is {ContentSchema.WithArticle(regionNode.Type)}, not a region. Regions: {string.Join(", ", snapshot.Regions.Select(r => r.Slug))}.");
                regionNode = null;
            }
        }

        Problems = problems;
        Type = type;
        Region = regionNode;
        var inRegion = regionNode is null ? snapshot.All : snapshot.InRegion(regionNode.Slug);
        TypeOptions = [.. ContentSchema.Types
            .Select(t => new FilterOption(t, BrowseLabels.Plural(t), inRegion.Count(n => n.Type == t)))
            .Where(o => o.Count > 0 || o.Value == type)];
        RegionOptions = [.. snapshot.RegionTree.SelectMany(b => b.Flatten())
            .Select(p => new FilterOption(p.Branch.Region.Slug, p.Branch.Region.Title, snapshot.InRegion(p.Branch.Region.Slug).Count(n => type is null || n.Type == type), p.Depth))];
        RegionBranches = regionNode is null
            ? snapshot.RegionTree
            : snapshot.RegionTree.SelectMany(b => b.Flatten()).FirstOrDefault(p => p.Branch.Region.Slug == regionNode.Slug).Branch?.Children ?? [];

        if (problems.Count > 0)
        {
            // The caller's mistake: say what was wrong, keep the form, list nothing that could be mistaken for an answer.
            Response.StatusCode = StatusCodes.Status400BadRequest;
            Heading = "Browse structures";
            return Page();
        }

        var shown = inRegion.Where(n => type is null || n.Type == type).ToList();
        Total = shown.Count;
        Groups = [.. ContentSchema.Types
            .Select(t => new TypeGroup(t, BrowseLabels.Plural(t), [.. shown.Where(s => s.Type == t)]))
            .Where(g => g.Structures.Count > 0)];

        var kind = type is null ? "Structures" : BrowseLabels.Plural(type);
        Heading = (type, regionNode) switch
        {
            (null, null) => "Browse structures",
            (_, null) => kind,
            _ => $"{kind} in the {InSentence(regionNode.Title)}",
        };
        var query = new List<string>();
        if (type is not null)
        {
            query.Add($"type={Uri.EscapeDataString(type)}");
        }

        if (regionNode is not null)
        {
            query.Add($"region={Uri.EscapeDataString(regionNode.Slug)}");
        }

        CanonicalPath = query.Count == 0 ? "/anatomy" : $"/anatomy?{string.Join("&", query)}";
        return Page();
    }

    /// <summary>One value of a filter, trimmed and lower-cased; empty means no filter (the form's "All" option).</summary>
    private string? ReadFilter(string name, string noun, List<string> problems)
    {
        var (value, count) = QueryValue.Read(Request.Query, name);
        if (count > 1)
        {
            problems.Add($"Choose one {noun} at a time (the address gives {count}).");
            return null;
        }

        return value;
    }

    /// <summary>A region's title inside a sentence ("in the popliteal fossa"), leaving names that start with a
    /// proper noun ("Hunter's canal") as they are.</summary>
    public static string InSentence(string title)
    {
        ArgumentNullException.ThrowIfNull(title);
        var first = title.Split(' ')[0];
        return first.Contains('\'', StringComparison.Ordinal) || first.Length < 2 || !first[1..].All(char.IsLower)
            ? title
            : char.ToLowerInvariant(title[0]) + title[1..];
    }
}
