using GastroRef.Web.Instructors;
using Microsoft.AspNetCore.WebUtilities;

namespace GastroRef.Web.Atlas;

/// <summary>oEmbed for plates: <c>/atlas/{plate}</c> and <c>/embed/atlas/{plate}</c>, with an optional
/// <c>?highlight={slug}</c>, embed <c>/embed/atlas/{plate}</c>. A highlight that names nothing embeds nothing (404),
/// rather than quietly embedding a plate without the structure the link was about.</summary>
public sealed class PlateEmbedResolver(PlateCatalog catalog) : IEmbedTargetResolver
{
    /// <summary>Room for the title, caption and credit under the drawing, in CSS pixels.</summary>
    private const int TextHeight = 140;

    public async Task<EmbedTarget?> ResolveAsync(string path, string query, string fragment, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(path);
        var slug = path.Trim('/').Split('/') switch
        {
            ["atlas", var s] => s,
            ["embed", "atlas", var s] => s,
            _ => null,
        };
        if (slug is null)
        {
            return null;
        }

        var atlas = await catalog.GetAsync(cancellationToken);
        if (atlas.Find(slug.ToLowerInvariant()) is not { } view)
        {
            return null;
        }

        var highlights = QueryHelpers.ParseQuery(query).GetValueOrDefault("highlight");
        if (highlights.Count > 1 || (highlights.Count == 1 && !PlateRequest.IsStructure(atlas, highlights[0])))
        {
            return null;
        }

        var highlight = highlights.Count == 1 ? highlights[0] : null;

        var figure = new PlateFigure(view, null, highlight);
        var title = highlight is null ? view.Plate.Title : $"{view.Plate.Title}: {atlas.Graph.Find(highlight)!.Title}";
        var drawingHeight = (int)Math.Round(OEmbed.DefaultWidth * view.Size.Height / Math.Max(1, view.Size.Width));
        return new($"/embed{figure.Url}", title, drawingHeight + TextHeight);
    }
}
