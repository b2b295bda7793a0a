using GastroRef.Web.Atlas;
using GastroRef.Web.Discovery;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;

namespace GastroRef.Web.Pages.Atlas;

/// <summary>/atlas/{plate}: one plate, large, with the label controls; <c>?highlight={slug}</c> picks a structure out.</summary>
public sealed class PlateModel(PlateCatalog catalog, SiteUrls urls) : PageModel
{
    /// <summary>This page's absolute address, highlight included, for the oEmbed discovery link.</summary>
    public string AbsoluteUrl { get; private set; } = "";

    public PlateFigure Figure { get; private set; } = null!;

    public string? HighlightTitle { get; private set; }

    public string? Error { get; private set; }

    public PlateView? Previous { get; private set; }

    public PlateView? Next { get; private set; }

    public async Task<IActionResult> OnGetAsync(string plate, CancellationToken cancellationToken)
    {
        var atlas = await catalog.GetAsync(cancellationToken);
        if (atlas.Find(plate) is not { } view)
        {
            return NotFound();
        }

        var index = atlas.Plates.ToList().IndexOf(view);
        Previous = index > 0 ? atlas.Plates[index - 1] : null;
        Next = index + 1 < atlas.Plates.Count ? atlas.Plates[index + 1] : null;
        var request = PlateRequest.For(atlas, view, Request.Query["highlight"]);
        (Figure, HighlightTitle, Error) = (request.Figure, request.HighlightTitle, request.Error);
        if (Error is not null)
        {
            Response.StatusCode = StatusCodes.Status400BadRequest;
        }

        AbsoluteUrl = urls.Absolute(Request, Figure.Url);
        return Page();
    }
}
