using GastroRef.Web.Atlas;
using GastroRef.Web.Data;
using GastroRef.Web.Discovery;
using GastroRef.Web.Infrastructure;
using GastroRef.Web.Pages;
using GastroRef.Web.Pages.Compare;
using GastroRef.Web.Search;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;

namespace GastroRef.Web.Pages.Anatomy;

/// <summary>/anatomy/{slug}: one structure. Mixed-case slugs, old slugs and other names of a page (/anatomy/achilles-tendon)
/// answer 301 so links made years ago, and addresses typed from a name, still land.</summary>
public sealed class ArticleModel(StructureQueries queries, StructureGraph graph, SiteUrls urls, TimeProvider time, StoreState state, SearchEngine search, IConfiguration configuration, PlateCatalog plates) : PageModel
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

    public string CanonicalUrl => urls.Absolute(Request, $"/anatomy/{Structure.Slug}");

    /// <summary>schema.org JSON-LD, already escaped for a script element.</summary>
    public string JsonLd { get; private set; } = "";

    public Citation Citation { get; private set; } = null!;

    public async Task<IActionResult> OnGetAsync(string slug, CancellationToken cancellationToken)
    {
        var lower = slug.ToLowerInvariant();
        if (lower != slug)
        {
            return RedirectPermanent($"/anatomy/{Uri.EscapeDataString(lower)}{Request.QueryString}");
        }

        // One consistent read: the page, its connections and the graph all from the same content version.
        var read = await state.ReadConsistentlyAsync<(StructureView View, IReadOnlyList<ConnectionGroup> Connections, GraphSnapshot Graph)?>(
            async ct => await queries.FindAsync(slug, ct) is { } found
                ? (found, await queries.ConnectionsAsync(slug, ct), await graph.GetAsync(ct))
                : null,
            cancellationToken);
        if (read is not { } page)
        {
            var target = await queries.FindRedirectAsync(slug, cancellationToken)
                ?? await StructureNames.PageForAliasAsync(search, slug, cancellationToken);
            return target is null ? NotFound() : RedirectPermanent($"/anatomy/{target}{Request.QueryString}");
        }

        (Structure, Document) = page.View;
        Connections = page.Connections;
        var snapshot = page.Graph;
        Breadcrumbs = snapshot.Breadcrumbs(slug);
        CompareWith = snapshot.CompareCandidates(slug, 3);
        CanCompare = snapshot.All.Any(n => CompareKinds.Comparable(n.Type, Structure.Type) && n.Slug != slug);
        JsonLd = StructureJsonLd.Build(new(urls.BaseUrl(Request), Structure, Document, Connections, Breadcrumbs));
        Figures = ArticleFigures.For(await plates.GetAsync(cancellationToken), slug);
        Citation = Citation.For(Structure.Title, CanonicalUrl, Structure.Updated, DateOnly.FromDateTime(time.GetUtcNow().UtcDateTime), CitationPublisher.From(configuration));
        if (HttpCaching.IsNotModified(HttpContext, HttpCaching.EntityTag(HttpContext, EntityTagParts())))
        {
            return StatusCode(StatusCodes.Status304NotModified);
        }

        return Page();
    }

    /// <summary>Everything the page shows beyond the build and its address: the stored page (its fingerprint
    /// covers the rendered document), the JSON-LD and citation built from it (the citation carries today's
    /// date), and what other pages lend it: breadcrumbs, connections and comparison candidates.
    /// Anything new the page shows must be added here, or browsers keep a stale copy.</summary>
    private IEnumerable<string?> EntityTagParts()
    {
        yield return Structure.Fingerprint;
        yield return CanonicalUrl;
        yield return JsonLd;
        yield return Citation.Apa;
        yield return Citation.Vancouver;
        foreach (var crumb in Breadcrumbs)
        {
            yield return crumb.Title;
            yield return crumb.Url;
        }

        foreach (var group in Connections)
        {
            yield return group.Kind;
            yield return group.Label;
            foreach (var link in group.Structures)
            {
                yield return link.Slug;
                yield return link.Title;
                yield return link.Type;
            }
        }

        foreach (var figure in Figures)
        {
            yield return figure.View.Plate.ContentHash;
            yield return figure.InlineSvg;
        }

        yield return CanCompare ? "compare" : "";
        foreach (var other in CompareWith)
        {
            yield return other.Slug;
            yield return other.Title;
        }
    }
}
