using GastroRef.Content;

namespace GastroRef.Web.Data;

/// <summary>Tables derived from the content that live in the store beside the pages (the search index). The
/// store creates their schema and the seeder writes them inside its transaction, so readers see them change
/// together with the pages. An interface here, implemented by the feature, keeps the store from depending on it.</summary>
public interface IContentIndex
{
    Task CreateSchemaAsync(GastroRefDbContext db, CancellationToken cancellationToken);

    /// <summary>Indexes <paramref name="written"/> (new or changed), drops <paramref name="removed"/> (slugs) and stores the
    /// synonyms. Returns true when something changed that no page shows (the synonyms).</summary>
    Task<bool> UpdateAsync(
        GastroRefDbContext db,
        IReadOnlyList<StructureDocument> written,
        IReadOnlyList<string> removed,
        IReadOnlyDictionary<string, IReadOnlyList<string>> synonyms,
        CancellationToken cancellationToken);
}
