using GastroRef.Content;
using GastroRef.Web.Data;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;

namespace GastroRef.Web.Pages;

public sealed class IndexModel(StoreState state) : PageModel
{
    public sealed record TypeCount(string Type, string Label, int Count);

    public StructureLink? Featured { get; private set; }

    public string? FeaturedSummary { get; private set; }

    public IReadOnlyList<TypeCount> Counts { get; private set; } = [];

    /// <summary>The outermost regions and the regions just inside them (lower limb › thigh, leg…).</summary>
    public IReadOnlyList<RegionBranch> Regions { get; private set; } = [];

    public IActionResult OnGet()
    {
        var all = state.Snapshot.Structures;

        var featured = all.FirstOrDefault(s => s.Slug == "gastrocnemius") ?? (all.Count > 0 ? all[0] : null);
        if (featured is not null)
        {
            Featured = new StructureLink(featured.Slug, featured.Title, featured.Type);
            FeaturedSummary = featured.Summary;
        }

        Counts = [.. ContentSchema.Types
            .Select(t => new TypeCount(t, BrowseLabels.Plural(t), all.Count(s => s.Type == t)))
            .Where(c => c.Count > 0)];
        Regions = [.. state.Snapshot.Graph.RegionTree.Select(root => root with { Children = [.. root.Children.Select(child => child with { Children = [] })] })];
        return Page();
    }
}
