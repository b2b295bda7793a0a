using GastroRef.Web.Data;
using System.Xml.Linq;
using GastroRef.Content.Plates;
using GastroRef.Web.Instructors;

namespace GastroRef.Web.Atlas;

public static class AtlasSetup
{
    public static IServiceCollection AddAtlas(this IServiceCollection services) => services
        .AddSingleton<PlateCatalog>()
        .AddSingleton<IContentSnapshotPart>(provider => provider.GetRequiredService<PlateCatalog>())
        .AddSingleton<IEmbedTargetResolver, PlateEmbedResolver>();

    /// <summary>/atlas/{plate}/thumbnail.svg: the plate without labels or links, coloured with presentation
    /// attributes (an SVG shown as an image cannot use the page's CSS), for the atlas list and figure links.</summary>
    public static IEndpointRouteBuilder MapAtlas(this IEndpointRouteBuilder endpoints)
    {
        endpoints.MapGet("/atlas/{plate}/thumbnail.svg", async (string plate, PlateCatalog catalog, HttpContext context, CancellationToken cancellationToken) =>
        {
            var atlas = await catalog.GetAsync(cancellationToken);
            if (atlas.Find(plate) is not { } view)
            {
                return Results.NotFound();
            }

            context.Response.Headers.CacheControl = "public, max-age=300";
            return Results.Text(Thumbnail(view.Svg), "image/svg+xml; charset=utf-8");
        });
        return endpoints;
    }

    private static readonly Dictionary<string, (string Fill, string Stroke)> Colours = new(StringComparer.Ordinal)
    {
        ["s-muscle"] = ("#c4806f", "#6e3326"),
        ["s-tendon"] = ("#f4f0e4", "#7d755c"),
        ["s-bone"] = ("#efe5c6", "#857848"),
        ["s-artery"] = ("#cf3b30", "#7d1711"),
        ["s-vein"] = ("#3f6fc0", "#1b3a72"),
        ["s-nerve"] = ("#f0c93a", "#7a5f00"),
        ["s-ligament"] = ("#e3dccb", "#6f6652"),
        ["s-region"] = ("none", "#555555"),
        ["s-attachment-origin"] = ("#d9664f", "#7d1f10"),
        ["s-attachment-insertion"] = ("#4f82c9", "#173d73"),
    };

    internal static string Thumbnail(string svg)
    {
        var root = PlateSvg.Parse(svg).Root!;
        root.Descendants().Where(e => e.Attribute("class")?.Value.Split(' ').Contains("label") == true).ToList().ForEach(e => e.Remove());
        root.Elements(XName.Get("title", PlateSvg.Namespace)).Remove();
        root.SetAttributeValue("role", "img");
        foreach (var element in root.Descendants().ToList())
        {
            var classes = element.Attribute("class")?.Value.Split(' ', StringSplitOptions.RemoveEmptyEntries) ?? [];
            if (classes.FirstOrDefault(Colours.ContainsKey) is { } colour)
            {
                element.SetAttributeValue("fill", Colours[colour].Fill);
                element.SetAttributeValue("stroke", Colours[colour].Stroke);
                if (colour == "s-region")
                {
                    element.SetAttributeValue("stroke-dasharray", "6 4");
                }
            }
            else if (classes.Contains("context") || classes.Contains("orientation") || classes.Contains("tree-edge"))
            {
                element.SetAttributeValue("stroke", "#6b7580");
                element.SetAttributeValue("fill", "none");
            }
            else if (classes.Contains("detail"))
            {
                element.SetAttributeValue("fill", "none");
            }

            if (element.Name.LocalName == "text")
            {
                element.SetAttributeValue("fill", "#333333");
                element.SetAttributeValue("stroke", "none");
            }
        }

        root.SetAttributeValue("fill", "#ffffff");
        return root.ToString(SaveOptions.DisableFormatting);
    }
}
