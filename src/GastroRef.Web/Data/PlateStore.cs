using System.Text.Json;
using GastroRef.Content.Plates;
using Microsoft.EntityFrameworkCore;

namespace GastroRef.Web.Data;

/// <summary>One atlas plate as stored: the validated plate as JSON, read whole.</summary>
public sealed class PlateRecord
{
    public required string Slug { get; set; }
    public int Order { get; set; }
    public required string SidecarPath { get; set; }

    /// <summary>SHA-256 of the sidecar and drawing; the plate is rewritten only when it changes.</summary>
    public required string ContentHash { get; set; }

    public required string Json { get; set; }

    public Plate ToPlate() => JsonSerializer.Deserialize<Plate>(Json, PlateStore.JsonOptions) ?? throw new InvalidDataException($"Empty stored plate '{Slug}'.");
}

/// <summary>Writes the plates of a seeding inside its transaction. A plate whose files are broken now keeps its
/// last good version; a plate whose files are gone is removed.</summary>
public static class PlateStore
{
    internal static readonly JsonSerializerOptions JsonOptions = new(JsonSerializerDefaults.Web);

    /// <summary>Returns whether anything changed.</summary>
    public static async Task<bool> WriteAsync(GastroRefDbContext db, PlateSet plates, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(db);
        ArgumentNullException.ThrowIfNull(plates);
        var stored = await db.Plates.AsNoTracking().Select(p => new { p.Slug, p.ContentHash }).ToDictionaryAsync(p => p.Slug, p => p.ContentHash, StringComparer.Ordinal, cancellationToken);
        var changed = false;
        foreach (var plate in plates.Plates)
        {
            if (stored.TryGetValue(plate.Slug, out var hash) && hash == plate.ContentHash)
            {
                continue;
            }

            var record = new PlateRecord
            {
                Slug = plate.Slug,
                Order = plate.Order,
                SidecarPath = plate.SidecarPath,
                ContentHash = plate.ContentHash,
                Json = JsonSerializer.Serialize(plate, JsonOptions),
            };
            if (stored.ContainsKey(plate.Slug))
            {
                db.Plates.Update(record);
            }
            else
            {
                db.Plates.Add(record);
            }

            changed = true;
        }

        var keep = plates.Plates.Select(p => p.Slug).Concat(plates.RejectedSlugs).ToHashSet(StringComparer.Ordinal);
        var removed = stored.Keys.Where(slug => !keep.Contains(slug)).ToList();
        if (removed.Count > 0)
        {
            await db.Plates.Where(p => removed.Contains(p.Slug)).ExecuteDeleteAsync(cancellationToken);
            changed = true;
        }

        await db.SaveChangesAsync(cancellationToken);
        return changed;
    }
}
