using GastroRef.Content;
using Microsoft.Extensions.Primitives;

namespace GastroRef.Web.Atlas;

/// <summary>A plate as asked for by <c>?highlight=…</c>, shared by /atlas/{plate} and /embed/atlas/{plate}: the rendered
/// figure, the highlighted structure's title, or the message for a highlight that names nothing (the plate is then
/// shown without one and the page answers 400).</summary>
public sealed record PlateRequest(PlateFigure Figure, string? HighlightTitle, string? Error)
{
    public static PlateRequest For(AtlasSnapshot atlas, PlateView view, StringValues requested)
    {
        ArgumentNullException.ThrowIfNull(atlas);
        ArgumentNullException.ThrowIfNull(view);
        string? highlight = null;
        string? title = null;
        string? error = null;
        if (requested.Count > 1)
        {
            error = "Give one structure to highlight.";
        }
        else if (requested.Count == 1)
        {
            if (IsStructure(atlas, requested[0]))
            {
                highlight = requested[0]!;
                title = atlas.Graph.Find(highlight)!.Title;
            }
            else
            {
                error = $"There is no structure '{Truncate(requested[0] ?? "")}' to highlight; the plate is shown without one.";
            }
        }

        var set = highlight is null ? new HashSet<string>() : PlateHighlights.For(atlas.Graph, highlight);
        var figure = new PlateFigure(view, PlateRenderer.Render(view, atlas.Graph, set, highlight), highlight);
        return new(figure, title, error);
    }

    public static bool IsStructure(AtlasSnapshot atlas, string? slug)
    {
        ArgumentNullException.ThrowIfNull(atlas);
        return slug is not null && FrontMatterReader.SlugPattern().IsMatch(slug) && atlas.Graph.Find(slug) is not null;
    }

    private static string Truncate(string text) => text.Length <= 60 ? text : text[..60] + "…";
}
