namespace GastroRef.Web.Atlas;

/// <summary>One plate as a page shows it: the inlined SVG (already rendered with its highlights), or only a link.</summary>
public sealed record PlateFigure(PlateView View, string? InlineSvg, string? Highlight)
{
    public string Url => Highlight is null ? View.Url : $"{View.Url}?highlight={Uri.EscapeDataString(Highlight)}";

    public string ThumbnailUrl => $"{View.Url}/thumbnail.svg";

    /// <summary>Thumbnail size in CSS pixels at a fixed height, so the page reserves the space (no layout shift).</summary>
    public (int Width, int Height) ThumbnailSize(int height) =>
        ((int)Math.Round(height * View.Size.Width / Math.Max(1, View.Size.Height)), height);
}

/// <summary>The Figures section of an article: the plates on which the page's structure appears, best first (drawings
/// before generated trees, then those showing the structure itself, then those showing most of its parts). The
/// best is always inlined; others while the inlined SVG stays within <see cref="InlineBudgetChars"/>; the rest linked,
/// so an article stays well under its 150 KB page budget however many plates show it.</summary>
public static class ArticleFigures
{
    public const int InlineBudgetChars = 60_000;
    public const int MaxInline = 2;

    public static IReadOnlyList<PlateFigure> For(AtlasSnapshot atlas, string slug)
    {
        ArgumentNullException.ThrowIfNull(atlas);
        var highlight = PlateHighlights.For(atlas.Graph, slug);
        var ranked = atlas.Plates
            .Select(p => (View: p, Own: p.Structures.Contains(slug), Count: p.Structures.Count(highlight.Contains)))
            .Where(p => p.Count > 0)
            .OrderBy(p => p.View.Plate.Generated is null ? 0 : 1) // a drawing shows where a thing lies; a tree only what it joins
            .ThenByDescending(p => p.Own)
            .ThenByDescending(p => p.Count)
            .ThenBy(p => p.View.Number)
            .ToList();

        var figures = new List<PlateFigure>();
        var used = 0;
        foreach (var (view, _, _) in ranked)
        {
            string? svg = null;
            if (figures.Count(f => f.InlineSvg is not null) < MaxInline)
            {
                var rendered = PlateRenderer.Render(view, atlas.Graph, highlight, slug);
                if (figures.Count == 0 || used + rendered.Length <= InlineBudgetChars)
                {
                    svg = rendered;
                    used += rendered.Length;
                }
            }

            figures.Add(new PlateFigure(view, svg, slug));
        }

        return figures;
    }
}
