using GastroRef.Content;
using Microsoft.EntityFrameworkCore;

namespace GastroRef.Web.Data;

/// <summary>The FTS5 index: one row per section of every structure, plus a row for its title, aliases,
/// Latin name, summary and key facts. It is written inside the seeding transaction.</summary>
public sealed class SearchIndex
{
    public const string OverviewSection = "";

    public static async Task CreateSchemaAsync(GastroRefDbContext db, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(db);
        await db.Database.ExecuteSqlRawAsync(
            """
            CREATE VIRTUAL TABLE IF NOT EXISTS SearchSections USING fts5(
                slug UNINDEXED, section_id UNINDEXED, title, aliases, latin, heading, body,
                tokenize = 'unicode61 remove_diacritics 2', prefix = '2 3');
            """,
            cancellationToken);
    }

    public async Task UpdateAsync(
        GastroRefDbContext db,
        IReadOnlyList<StructureDocument> written,
        IReadOnlyList<string> removed,
        IReadOnlyDictionary<string, IReadOnlyList<string>> synonyms,
        CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(db);
        ArgumentNullException.ThrowIfNull(written);
        ArgumentNullException.ThrowIfNull(removed);
        _ = synonyms;
        foreach (var slug in written.Select(d => d.Slug).Concat(removed))
        {
            await db.Database.ExecuteSqlAsync($"DELETE FROM SearchSections WHERE slug = {slug}", cancellationToken);
        }

        foreach (var document in written)
        {
            var aliases = string.Join(" ; ", document.Aliases);
            var overview = string.Join(" ", new[] { document.Summary ?? "", document.Lead.Text }.Concat(document.KeyFacts.Select(f => f.Text)));
            await InsertAsync(db, document.Slug, OverviewSection, document.Title, aliases, document.Latin ?? "", "", overview, cancellationToken);
            foreach (var section in document.Sections)
            {
                await InsertAsync(db, document.Slug, section.Id, document.Title, "", "", section.Title, section.Text, cancellationToken);
            }
        }
    }

    private static Task<int> InsertAsync(
        GastroRefDbContext db, string slug, string sectionId, string title, string aliases, string latin, string heading, string body, CancellationToken cancellationToken) =>
        db.Database.ExecuteSqlAsync(
            $"INSERT INTO SearchSections (slug, section_id, title, aliases, latin, heading, body) VALUES ({slug}, {sectionId}, {title}, {aliases}, {latin}, {heading}, {body})",
            cancellationToken);
}
