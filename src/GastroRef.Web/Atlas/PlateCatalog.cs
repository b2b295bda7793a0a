using GastroRef.Content.Plates;
using GastroRef.Web.Data;
using System.Text.Json;
using Microsoft.Data.Sqlite;

namespace GastroRef.Web.Atlas;

/// <summary>A plate ready to show: drawn plates as stored, generated ones drawn from the graph of the same version.</summary>
/// <param name="Number">The plate's number in the atlas: its <c>order</c>.</param>
public sealed record PlateView(Plate Plate, string Svg, IReadOnlySet<string> Structures, int Number)
{
    public string Url => $"/atlas/{Plate.Slug}";

    /// <summary>The width and height of the viewBox, so thumbnails reserve their space before they load.</summary>
    public (double Width, double Height) Size { get; init; }

    /// <summary>The width the plate keeps on a phone (<see cref="PlateRenderer.PhoneWidthClass"/>), worked out once per
    /// version rather than on every render.</summary>
    public string PhoneWidthClass { get; init; } = "plate-min-34";
}

/// <summary>Every plate at one store version, with the graph it was drawn against.</summary>
public sealed record AtlasSnapshot(long Version, IReadOnlyList<PlateView> Plates, GraphSnapshot Graph)
{
    public PlateView? Find(string slug) => Plates.FirstOrDefault(p => p.Plate.Slug == slug);
}

/// <summary>The plates a content version stores: a part of its <see cref="ContentSnapshot"/>, read inside the
/// transaction of the seeding that made the version.</summary>
public sealed record StoredPlates(IReadOnlyList<Plate> Plates);

/// <summary>The plates of a content snapshot, ready to show. Generated plates are drawn from that snapshot's graph, so
/// a page, its connections and its figures always come from one version.</summary>
public sealed class PlateCatalog(StoreState state) : IContentSnapshotPart
{
    private AtlasSnapshot? _current;

    async Task<object> IContentSnapshotPart.LoadAsync(SqliteConnection connection, SqliteTransaction transaction, long version, ContentSnapshot previous, CancellationToken cancellationToken)
    {
        var plates = new List<Plate>();
        await using var command = connection.CreateCommand();
        command.Transaction = transaction;
        command.CommandText = "SELECT Json FROM Plates ORDER BY \"Order\", Slug";
        await using var reader = await command.ExecuteReaderAsync(cancellationToken);
        while (await reader.ReadAsync(cancellationToken))
        {
            plates.Add(JsonSerializer.Deserialize<Plate>(reader.GetString(0), PlateStore.JsonOptions)
                ?? throw new InvalidDataException("An empty stored plate."));
        }

        return new StoredPlates(plates);
    }

    /// <summary>The plates of the snapshot being served.</summary>
    public Task<AtlasSnapshot> GetAsync(CancellationToken cancellationToken) => Task.FromResult(For(state.Snapshot));

    /// <summary>The plates of <paramref name="snapshot"/>, drawn once per version.</summary>
    public AtlasSnapshot For(ContentSnapshot snapshot)
    {
        ArgumentNullException.ThrowIfNull(snapshot);
        if (Volatile.Read(ref _current) is { } current && current.Version == snapshot.Version)
        {
            return current;
        }

        var stored = snapshot.Part<StoredPlates>()?.Plates ?? [];
        var fresh = new AtlasSnapshot(snapshot.Version, [.. stored.Select(plate => View(plate, snapshot.Graph))], snapshot.Graph);
        Volatile.Write(ref _current, fresh);
        return fresh;
    }

    private static PlateView View(Plate plate, GraphSnapshot graph)
    {
        var svg = plate.Generated is null ? plate.Svg : PlateTrees.Draw(plate, graph);
        var structures = plate.Generated is null ? plate.Structures : PlateTrees.Structures(plate, graph);
        var root = PlateSvg.Parse(svg).Root!;
        var box = (root.Attribute("viewBox")?.Value ?? "0 0 100 100").Split([' ', ','], StringSplitOptions.RemoveEmptyEntries);
        (double Width, double Height) size = box.Length == 4 && double.TryParse(box[2], System.Globalization.CultureInfo.InvariantCulture, out var w) && double.TryParse(box[3], System.Globalization.CultureInfo.InvariantCulture, out var h)
            ? (w, h) : (100d, 100d);
        return new PlateView(plate, svg, structures.ToHashSet(StringComparer.Ordinal), plate.Order)
        {
            Size = size,
            PhoneWidthClass = PlateRenderer.PhoneWidthClass(root, size.Width),
        };
    }

}
