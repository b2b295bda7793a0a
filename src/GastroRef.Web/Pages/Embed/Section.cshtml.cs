using GastroRef.Web.Data;
using GastroRef.Web.Discovery;
using GastroRef.Web.Instructors;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;

namespace GastroRef.Web.Pages.Embed;

/// <summary>/embed/anatomy/{slug}/{section}: one section for an iframe in a course page. Resolves old slugs, retired
/// section ids and subsection ids as the article does; anything else is a 404.</summary>
public sealed class SectionModel(StructureQueries queries, SiteUrls urls) : PageModel
{
    public FoundSection Found { get; private set; } = null!;

    public string Html { get; private set; } = "";

    public string FullUrl { get; private set; } = "";

    public async Task<IActionResult> OnGetAsync(string slug, string section, CancellationToken cancellationToken)
    {
        if (!ReadingList.IsIdentifier(slug.ToLowerInvariant()) || !ReadingList.IsIdentifier(section.ToLowerInvariant()))
        {
            return NotFound();
        }

        await using var read = await queries.ReadAsync(cancellationToken);
        var (found, _) = await SectionFinder.FindAsync(read, slug.ToLowerInvariant(), section.ToLowerInvariant(), cancellationToken);
        if (found is null)
        {
            return NotFound();
        }

        Found = found;
        Html = SectionHtml.Relocate(found.Section.Html, found.PageUrl, sourcePrefix: null, idPrefix: "embed-");
        FullUrl = urls.Absolute(Request, found.Url);
        return Page();
    }
}
