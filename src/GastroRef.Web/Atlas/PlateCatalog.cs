using GastroRef.Content.Plates;
using GastroRef.Web.Data;
using Microsoft.EntityFrameworkCore;

namespace GastroRef.Web.Atlas;

/// <summary>A plate ready to show: drawn plates as stored, generated ones drawn from the graph of the same version.</summary>
/// <param name="Number">The plate's number in the atlas: its <c>order</c>.</param>
public sealed record PlateView(Plate Plate, string Svg, IReadOnlySet<string> Structures, int Number)
{
    public string Url => $"/atlas/{Plate.Slug}";

    /// <summary>The width and height of the viewBox, so thumbnails reserve their space before they load.</summary>
    public (double Width, double Height) Size { get; init; }
}

/// <summary>Every plate at one store version, with the graph it was drawn against.</summary>
public sealed record AtlasSnapshot(long Version, IReadOnlyList<PlateView> Plates, GraphSnapshot Graph)
{
    public PlateView? Find(string slug) => Plates.FirstOrDefault(p => p.Plate.Slug == slug);
}

/// <summary>The plates of the current store version, read once per seeding that changed something.</summary>
public sealed class PlateCatalog(IDbContextFactory<GastroRefDbContext> dbFactory, StructureGraph graph, StoreState state) : IDisposable
{
    private readonly SemaphoreSlim _building = new(1, 1);
    private AtlasSnapshot? _current;

    public async Task<AtlasSnapshot> GetAsync(CancellationToken cancellationToken)
    {
        var version = state.Version;
        if (Volatile.Read(ref _current) is { } current && current.Version == version)
        {
            return current;
        }

        await _building.WaitAsync(cancellationToken);
        try
        {
            if (_current is { } built && built.Version == version)
            {
                return built;
            }

            var snapshot = await state.ReadConsistentlyAsync(async ct =>
            {
                await using var db = await dbFactory.CreateDbContextAsync(ct);
                var records = await db.Plates.AsNoTracking().OrderBy(p => p.Order).ThenBy(p => p.Slug).ToListAsync(ct);
                return (Records: records, Graph: await graph.GetAsync(ct));
            }, cancellationToken);
            var plates = snapshot.Records.Select(record => View(record.ToPlate(), snapshot.Graph)).ToList();
            var fresh = new AtlasSnapshot(version, plates, snapshot.Graph);
            Volatile.Write(ref _current, fresh);
            return fresh;
        }
        finally
        {
            _building.Release();
        }
    }

    private static PlateView View(Plate plate, GraphSnapshot graph)
    {
        var svg = plate.Generated is null ? plate.Svg : PlateTrees.Draw(plate, graph);
        var structures = plate.Generated is null ? plate.Structures : PlateTrees.Structures(plate, graph);
        var root = PlateSvg.Parse(svg).Root!;
        var box = (root.Attribute("viewBox")?.Value ?? "0 0 100 100").Split([' ', ','], StringSplitOptions.RemoveEmptyEntries);
        var size = box.Length == 4 && double.TryParse(box[2], System.Globalization.CultureInfo.InvariantCulture, out var w) && double.TryParse(box[3], System.Globalization.CultureInfo.InvariantCulture, out var h)
            ? (w, h) : (100d, 100d);
        return new PlateView(plate, svg, structures.ToHashSet(StringComparer.Ordinal), plate.Order) { Size = size };
    }

    public void Dispose() => _building.Dispose();
}
