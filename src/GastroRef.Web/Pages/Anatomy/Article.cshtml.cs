using GastroRef.Web.Data;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;

namespace GastroRef.Web.Pages.Anatomy;

/// <summary>/anatomy/{slug}: one structure. Mixed-case slugs and old slugs answer 301 so links made years ago still land.</summary>
public sealed class ArticleModel(StructureQueries queries) : PageModel
{
    public StructureRecord Structure { get; private set; } = null!;

    public StoredDocument Document { get; private set; } = null!;

    public IReadOnlyList<ConnectionGroup> Connections { get; private set; } = [];

    public IReadOnlyList<StructureLink> Breadcrumbs { get; private set; } = [];

    public string CanonicalUrl => $"{Request.Scheme}://{Request.Host}/anatomy/{Structure.Slug}";

    public async Task<IActionResult> OnGetAsync(string slug, CancellationToken cancellationToken)
    {
        var lower = slug.ToLowerInvariant();
        if (lower != slug)
        {
            return RedirectPermanent($"/anatomy/{Uri.EscapeDataString(lower)}{Request.QueryString}");
        }

        var view = await queries.FindAsync(slug, cancellationToken);
        if (view is null)
        {
            var target = await queries.FindRedirectAsync(slug, cancellationToken);
            return target is null ? NotFound() : RedirectPermanent($"/anatomy/{target}{Request.QueryString}");
        }

        (Structure, Document) = view;
        Connections = await queries.ConnectionsAsync(slug, cancellationToken);
        Breadcrumbs = await queries.BreadcrumbsAsync(slug, cancellationToken);
        return Page();
    }
}
