using GastroRef.Content;
using GastroRef.Web.Atlas;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;

namespace GastroRef.Web.Pages.Atlas;

/// <summary>/atlas/{plate}: one plate, large, with the label controls; <c>?highlight={slug}</c> picks a structure out.</summary>
public sealed class PlateModel(PlateCatalog catalog) : PageModel
{
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
        var requested = Request.Query["highlight"];
        string? highlight = null;
        if (requested.Count > 1 || (requested.Count == 1 && !(FrontMatterReader.SlugPattern().IsMatch(requested[0] ?? "") && atlas.Graph.Find(requested[0]!) is not null)))
        {
            Error = requested.Count > 1
                ? "Give one structure to highlight."
                : $"There is no structure '{Truncate(requested[0] ?? "")}' to highlight; the plate is shown without one.";
            Response.StatusCode = StatusCodes.Status400BadRequest;
        }
        else if (requested.Count == 1)
        {
            highlight = requested[0];
            HighlightTitle = atlas.Graph.Find(highlight!)!.Title;
        }

        var set = highlight is null ? new HashSet<string>() : PlateHighlights.For(atlas.Graph, highlight);
        Figure = new PlateFigure(view, PlateRenderer.Render(view.Svg, view.Plate.Title, atlas.Graph, set, highlight), highlight);
        return Page();
    }

    private static string Truncate(string text) => text.Length <= 60 ? text : text[..60] + "…";
}
