using GastroRef.Web.Data;
using GastroRef.Web.Discovery;
using GastroRef.Web.Instructors;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;

namespace GastroRef.Web.Pages.Embed;

/// <summary>/embed/anatomy/{slug}: a page's summary and key facts, what a pasted article link (no section) embeds as.</summary>
public sealed class SummaryModel(StructureQueries queries, SiteUrls urls) : PageModel
{
    public StructureView View { get; private set; } = null!;

    public string FullUrl { get; private set; } = "";

    public async Task<IActionResult> OnGetAsync(string slug, CancellationToken cancellationToken)
    {
        var lower = slug.ToLowerInvariant();
        if (!ReadingList.IsIdentifier(lower))
        {
            return NotFound();
        }

        await using var read = await queries.ReadAsync(cancellationToken);
        var view = await SectionFinder.FindPageAsync(read, lower, cancellationToken);

        if (view is null)
        {
            return NotFound();
        }

        View = view;
        FullUrl = urls.Absolute(Request, view.Url);
        return Page();
    }
}
