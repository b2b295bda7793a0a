using GastroRef.Web.Atlas;
using GastroRef.Web.Data;

namespace GastroRef.Web.Practice;

/// <summary>The atlas's stored plates, for identify questions. Only drawn plates: the generated trees print every
/// structure's name inside its box, so they cannot ask which one is which.</summary>
public sealed class AtlasPracticePlates(PlateCatalog catalog) : IPracticePlates
{
    public IReadOnlyList<PracticePlate> DrawnPlates(ContentSnapshot snapshot) =>
        [.. catalog.For(snapshot).Plates
            .Where(p => p.Plate.Generated is null)
            .Select(p => new PracticePlate(p.Plate.Slug, p.Plate.Title, p.Plate.Structures, p.Svg))];
}
