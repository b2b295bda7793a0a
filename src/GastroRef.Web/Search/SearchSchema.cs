using GastroRef.Content;
using GastroRef.Web.Data;
using Microsoft.EntityFrameworkCore;

namespace GastroRef.Web.Search;

/// <summary>The tables of the search index in the SQLite store (written by <see cref="SearchIndexWriter"/> inside the
/// seeding transaction, so readers see the old index or the new one, never a mix).
/// <list type="bullet">
/// <item><c>SearchSections</c>: one row per section and subsection of every structure, plus an overview row
/// (summary, key facts and opening text). Results link to the best of these rows.</item>
/// <item><c>SearchStructures</c> (FTS5, contentless): one row per structure with its title, aliases, Latin name,
/// summary, headings and body, ranked by bm25 with title and aliases above Latin, and headings above body.
/// Matching, counting and ranking happen here, over a few thousand rows rather than ten times as many section rows.
/// The row id is <c>document id × 16 + type number</c>, so counts by type need no lookups. It has no prefix indexes:
/// no query asks FTS5 for a prefix (words being typed are completed from the vocabulary), and they tripled the index's writes.</item>
/// <item><c>SearchDocuments</c>: id, slug, type and names of each structure, read into memory by <see cref="SearchEngine"/>.</item>
/// <item><c>SearchSynonyms</c>: content/synonyms.yml, so queries never read files.</item>
/// </list></summary>
public static class SearchSchema
{
    /// <summary>The section id of a structure's overview row (summary, key facts, opening text): results that
    /// link to it link to the page itself.</summary>
    public const string OverviewSection = "";

    /// <summary>The full-text columns that name a structure or a section, for matches that should not come from body text.</summary>
    internal const string NameAndHeadingColumns = "title aliases latin headings";

    /// <summary>bm25 with weights by column: title and aliases first, then Latin, then headings and the summary, then
    /// body text. The kind column only filters by type and never scores. Called in the statement rather than set as the
    /// table's <c>rank</c>: FTS5 prepares a statement of its own to read that setting's weights on every query, which
    /// made ranking take twice as long.</summary>
    internal const string Bm25 = "bm25(SearchStructures, 10.0, 8.0, 4.0, 2.0, 3.0, 1.0, 0.0)";

    internal const int TypeBits = 4;

    /// <summary>Separates aliases in the aliases column and in SearchDocuments.</summary>
    internal const char NameSeparator = '\n';

    /// <summary>How the full-text index splits text into terms: SearchStructures is created with it, and the search
    /// index writer tokenizes changed pages with it too.</summary>
    internal const string Tokenizer = "unicode61 remove_diacritics 2";

    /// <summary>FTS5's default 'hashsize' (1 MiB), which the index writer raises for a large batch and then puts back.</summary>
    internal const int DefaultHashSize = 1 << 20;

    public static async Task CreateAsync(GastroRefDbContext db, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(db);
        const string schema =
            $"""
            CREATE TABLE IF NOT EXISTS SearchDocuments (
                Id INTEGER PRIMARY KEY, Slug TEXT NOT NULL UNIQUE, Type TEXT NOT NULL,
                Title TEXT NOT NULL, Aliases TEXT NOT NULL, Latin TEXT NOT NULL, Summary TEXT NOT NULL);
            CREATE TABLE IF NOT EXISTS SearchSections (
                DocumentId INTEGER NOT NULL, Ordinal INTEGER NOT NULL, SectionId TEXT NOT NULL, SectionTitle TEXT NOT NULL,
                Heading TEXT NOT NULL, Body TEXT NOT NULL, PRIMARY KEY (DocumentId, Ordinal)) WITHOUT ROWID;
            CREATE TABLE IF NOT EXISTS SearchSynonyms (Term TEXT PRIMARY KEY, Equivalents TEXT NOT NULL);
            CREATE VIRTUAL TABLE IF NOT EXISTS SearchStructures USING fts5(
                title, aliases, latin, summary, headings, body, kind,
                content = '', contentless_delete = 1, tokenize = '{Tokenizer}');
            CREATE VIRTUAL TABLE IF NOT EXISTS SearchTerms USING fts5vocab(SearchStructures, row);
            """;
        await db.Database.ExecuteSqlRawAsync(schema, cancellationToken);
    }

    /// <summary>The token that marks a structure's type in the kind column ("muscle-head" → "kmusclehead").</summary>
    internal static string KindToken(string type) => "k" + type.Replace("-", "", StringComparison.Ordinal);

    internal static int TypeNumber(string type)
    {
        for (var i = 0; i < ContentSchema.Types.Count; i++)
        {
            if (ContentSchema.Types[i] == type)
            {
                return i;
            }
        }

        return (1 << TypeBits) - 1;
    }

    internal static long RowId(long documentId, string type) => (documentId << TypeBits) | (long)TypeNumber(type);
}
