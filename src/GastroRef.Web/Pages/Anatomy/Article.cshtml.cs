using GastroRef.Content;
using GastroRef.Web.Atlas;
using GastroRef.Web.Data;
using GastroRef.Web.Discovery;
using GastroRef.Web.Pages;
using GastroRef.Web.Pages.Compare;
using GastroRef.Web.Search;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;

namespace GastroRef.Web.Pages.Anatomy;

/// <summary>/anatomy/{slug}: one structure. Mixed-case slugs, old slugs and other names of a page (/anatomy/achilles-tendon)
/// answer 301 so links made years ago, and addresses typed from a name, still land.</summary>
public sealed class ArticleModel(StructureQueries queries, SiteUrls urls, TimeProvider time, SearchEngine search, IConfiguration configuration, PlateCatalog plates) : PageModel
{
    /// <summary>The atlas plates that show this structure (the Figures section): the best inlined, the others linked.</summary>
    public IReadOnlyList<PlateFigure> Figures { get; private set; } = [];

    public StructureRecord Structure { get; private set; } = null!;

    public StoredDocument Document { get; private set; } = null!;

    public IReadOnlyList<ConnectionGroup> Connections { get; private set; } = [];

    /// <summary>The trail between "Anatomy" and this page: region › group.</summary>
    public IReadOnlyList<Crumb> Breadcrumbs { get; private set; } = [];

    /// <summary>Structures of the same type a student would compare this one with.</summary>
    public IReadOnlyList<GraphNode> CompareWith { get; private set; } = [];

    /// <summary>Whether another structure exists that this one can be compared with.</summary>
    public bool CanCompare { get; private set; }

    public string CanonicalUrl => urls.Absolute(Request, StructureUrls.Article(Structure.Slug));

    /// <summary>schema.org JSON-LD, already escaped for a script element.</summary>
    public string JsonLd { get; private set; } = "";

    public Citation Citation { get; private set; } = null!;

    public async Task<IActionResult> OnGetAsync(string slug, CancellationToken cancellationToken)
    {
        // A blank slug (/anatomy/%20, %09, %C2%A0) names no page.
        if (string.IsNullOrWhiteSpace(slug))
        {
            return NotFound();
        }

        var lower = slug.ToLowerInvariant();
        if (lower != slug)
        {
            return RedirectPermanent(StructureUrls.Article(Uri.EscapeDataString(lower)) + Request.QueryString);
        }

        // One read: the page, its connections and the graph all from the same content version.
        await using var read = await queries.ReadAsync(cancellationToken);
        if (await read.FindAsync(slug, cancellationToken) is not { } view)
        {
            var target = await read.FindRedirectAsync(slug, cancellationToken)
                ?? await StructureNames.PageForAliasAsync(search, slug, cancellationToken);
            return target is null ? NotFound() : RedirectPermanent(StructureUrls.Article(target) + Request.QueryString);
        }

        (Structure, Document) = view;
        Connections = await read.ConnectionsAsync(slug, cancellationToken);
        var snapshot = read.Snapshot.Graph;
        Breadcrumbs = snapshot.Breadcrumbs(slug);
        CompareWith = snapshot.CompareCandidates(slug, 3);
        CanCompare = snapshot.All.Any(n => CompareKinds.Comparable(n.Type, Structure.Type) && n.Slug != slug);
        JsonLd = StructureJsonLd.Build(new(urls.BaseUrl(Request), Structure, Document, Connections, Breadcrumbs));
        Figures = ArticleFigures.For(plates.For(read.Snapshot), slug);
        Citation = Citation.For(Structure.Title, CanonicalUrl, Structure.Updated, DateOnly.FromDateTime(time.GetUtcNow().UtcDateTime), CitationPublisher.From(configuration));
        return Page();
    }
}
