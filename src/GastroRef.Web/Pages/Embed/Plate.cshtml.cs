using GastroRef.Web.Atlas;
using GastroRef.Web.Discovery;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;

namespace GastroRef.Web.Pages.Embed;

/// <summary>/embed/atlas/{plate}?highlight={slug}: one plate for an iframe, rendered as the atlas page renders it. An
/// unknown plate is a 404; a highlight that names nothing is a 400 with a message and the plate without highlight.</summary>
public sealed class PlateModel(PlateCatalog catalog, SiteUrls urls) : PageModel
{
    public PlateRequest Plate { get; private set; } = null!;

    public string FullUrl { get; private set; } = "";

    public async Task<IActionResult> OnGetAsync(string plate, CancellationToken cancellationToken)
    {
        var atlas = await catalog.GetAsync(cancellationToken);
        if (atlas.Find(plate) is not { } view)
        {
            return NotFound();
        }

        Plate = PlateRequest.For(atlas, view, Request.Query["highlight"]);
        if (Plate.Error is not null)
        {
            Response.StatusCode = StatusCodes.Status400BadRequest;
        }

        FullUrl = urls.Absolute(Request, Plate.Figure.Url);
        return Page();
    }
}
