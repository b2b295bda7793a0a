using System.Globalization;
using System.Text;
using GastroRef.Content;
using GastroRef.Web.Data;
using Microsoft.Data.Sqlite;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Storage;

namespace GastroRef.Web.Search;

/// <summary>Writes the search index (<see cref="SearchSchema"/>) inside the seeding transaction.</summary>
public sealed partial class SearchIndexWriter : IContentIndex
{
    // 16 MiB: a first seeding of 10,000 structures writes its full-text rows in about half the time of 1 MiB (64 MiB was no faster).
    private const int BulkHashSize = 16 << 20;

    public Task CreateSchemaAsync(GastroRefDbContext db, CancellationToken cancellationToken) => SearchSchema.CreateAsync(db, cancellationToken);

    /// <inheritdoc/>
    public async Task<bool> UpdateAsync(
        GastroRefDbContext db,
        IReadOnlyList<StructureDocument> written,
        IReadOnlyList<string> removed,
        IReadOnlyDictionary<string, IReadOnlyList<string>> synonyms,
        CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(db);
        ArgumentNullException.ThrowIfNull(written);
        ArgumentNullException.ThrowIfNull(removed);
        ArgumentNullException.ThrowIfNull(synonyms);
        var connection = (SqliteConnection)db.Database.GetDbConnection();
        var transaction = (SqliteTransaction?)db.Database.CurrentTransaction?.GetDbTransaction();
        await using var writer = new Writer(connection, transaction);

        // FTS5 flushes its pending writes whenever a statement touches another table, so the full-text rows are
        // written all together, after the plain tables (interleaving them made seeding ten times slower).
        var existing = await writer.DocumentsAsync(cancellationToken);
        var replaced = written.Select(d => d.Slug).Concat(removed).Where(existing.ContainsKey).Select(slug => existing[slug]).ToList();

        // A few pages changed: keep the text of their full-text rows as they were, so the terms a page gained or lost can be
        // noted for the vocabulary of the new version (see TermChanges). Read before anything is deleted.
        var noteTerms = transaction is not null && written.Count + removed.Count <= TermChanges.PageLimit;
        var before = new Dictionary<long, List<string>>();
        if (noteTerms)
        {
            foreach (var (id, _) in replaced)
            {
                before[id] = await writer.IndexedTextAsync(id, cancellationToken);
            }
        }

        foreach (var (id, type) in replaced)
        {
            await writer.DeleteStructureAsync(id, type, cancellationToken);
        }

        foreach (var (id, _) in replaced)
        {
            await writer.DeleteSectionsAsync(id, cancellationToken);
        }

        foreach (var slug in removed.Where(existing.ContainsKey))
        {
            await writer.DeleteDocumentAsync(existing[slug].Id, cancellationToken);
        }

        var rows = new List<(long RowId, string[] Values)>(written.Count);
        var after = new Dictionary<long, string[]>();
        foreach (var document in InIdOrder(written, existing))
        {
            var id = await writer.UpsertDocumentAsync(existing.TryGetValue(document.Slug, out var old) ? old.Id : null, document, cancellationToken);
            rows.Add((SearchSchema.RowId(id, document.Type), await IndexSectionsAsync(writer, id, document, cancellationToken)));
            after[id] = rows[^1].Values;
        }

        // FTS5 writes its pending terms out as a new segment whenever they pass 'hashsize', and merges segments as they pile
        // up: a large batch gets a larger buffer, and the default is put back in the same transaction (a rollback undoes both).
        var bulk = rows.Count > TermChanges.PageLimit;
        if (bulk)
        {
            await writer.SetHashSizeAsync(BulkHashSize, cancellationToken);
        }

        foreach (var (rowId, values) in rows)
        {
            await writer.InsertStructureAsync(rowId, values, cancellationToken);
        }

        if (bulk)
        {
            await writer.SetHashSizeAsync(SearchSchema.DefaultHashSize, cancellationToken);
        }

        if (noteTerms)
        {
            var pages = before.Keys.Union(after.Keys)
                .Select(id => ((IReadOnlyList<string>)(before.GetValueOrDefault(id) ?? []), (IReadOnlyList<string>)(after.GetValueOrDefault(id) ?? [])))
                .ToList();
            TermChanges.Note(transaction!, new TermChanges(await writer.VersionAsync(cancellationToken), await writer.ChangedTermsAsync(pages, cancellationToken)));
        }

        return await writer.ReplaceSynonymsAsync(synonyms, cancellationToken);
    }

    /// <summary>New structures get their ids in order of how many other written pages link to them, so the most
    /// connected come first; very broad queries rank a first window of matches in id order.</summary>
    private static IEnumerable<StructureDocument> InIdOrder(IReadOnlyList<StructureDocument> written, Dictionary<string, (long Id, string Type)> existing)
    {
        var links = new Dictionary<string, int>(StringComparer.Ordinal);
        foreach (var slug in written.SelectMany(d => d.LinkedSlugs.Concat(d.Relations.Select(r => r.TargetSlug)).Distinct(StringComparer.Ordinal)))
        {
            links[slug] = links.GetValueOrDefault(slug) + 1;
        }

        return written
            .OrderBy(d => existing.ContainsKey(d.Slug) ? 0 : 1)
            .ThenByDescending(d => links.GetValueOrDefault(d.Slug))
            .ThenBy(d => d.Slug, StringComparer.Ordinal);
    }

    /// <summary>Writes the structure's section rows and returns its full-text row (title, aliases, Latin, summary,
    /// headings, body, kind).</summary>
    private static async Task<string[]> IndexSectionsAsync(Writer writer, long id, StructureDocument document, CancellationToken cancellationToken)
    {
        var sections = new List<(string SectionId, string SectionTitle, string Heading, string Body)>
        {
            (SearchSchema.OverviewSection, "", "", OverviewText(document)),
        };
        foreach (var section in document.Sections)
        {
            sections.AddRange(SplitSection(section));
        }

        // Cleaned once: the section rows and the full-text row hold the same text.
        var cleaned = sections.Select(s => (s.SectionId, s.SectionTitle, Heading: SearchText.CleanForIndex(s.Heading), Body: SearchText.CleanForIndex(s.Body))).ToList();
        await writer.InsertSectionsAsync(id, cleaned, cancellationToken);

        return
        [
            SearchText.CleanForIndex(document.Title),
            SearchText.CleanForIndex(string.Join(SearchSchema.NameSeparator, document.Aliases)),
            SearchText.CleanForIndex(document.Latin),
            SearchText.CleanForIndex(document.Summary),
            string.Join(SearchSchema.NameSeparator, cleaned.Skip(1).Select(s => s.Heading)),
            string.Join(SearchSchema.NameSeparator, cleaned.Select(s => s.Body)),
            SearchSchema.KindToken(document.Type),
        ];
    }

    /// <summary>What the top of the page says besides the summary: the key facts and the opening paragraphs.</summary>
    private static string OverviewText(StructureDocument document)
    {
        var text = new StringBuilder();
        foreach (var fact in document.KeyFacts)
        {
            text.Append(fact.Label).Append(": ").Append(fact.Text).Append(". ");
        }

        text.Append(document.Lead.Text);
        return text.ToString().Trim();
    }

    /// <summary>A section's own text and each <c>###</c> subsection as separate rows, so results can link
    /// straight to <c>#deep-vein-thrombosis</c> rather than to the whole Clinical notes section.</summary>
    internal static IEnumerable<(string SectionId, string SectionTitle, string Heading, string Body)> SplitSection(ArticleSection section)
    {
        ArgumentNullException.ThrowIfNull(section);
        yield return (section.Id, section.Title, section.Title, section.OwnText);
        foreach (var subsection in section.Subsections)
        {
            yield return (subsection.Id, $"{section.Title} › {subsection.Title}", $"{section.Title} {subsection.Title}", subsection.Text);
        }
    }

    /// <summary>Prepared statements reused for every row of one seeding.</summary>
    private sealed class Writer(SqliteConnection connection, SqliteTransaction? transaction) : IAsyncDisposable
    {
        private const int MaxSectionsPerStatement = 64;

        private readonly Dictionary<int, SqliteCommand> _insertSections = [];
        private SqliteCommand? _insertStructure;
        private SqliteCommand? _upsertDocument;

        public async ValueTask DisposeAsync()
        {
            foreach (var command in _insertSections.Values)
            {
                await command.DisposeAsync();
            }

            if (_upsertDocument is not null)
            {
                await _upsertDocument.DisposeAsync();
            }

            if (_insertStructure is not null)
            {
                await _insertStructure.DisposeAsync();
            }
        }

        public async Task<Dictionary<string, (long Id, string Type)>> DocumentsAsync(CancellationToken cancellationToken)
        {
            var documents = new Dictionary<string, (long, string)>(StringComparer.Ordinal);
            await using var command = Command("SELECT Slug, Id, Type FROM SearchDocuments");
            await using var reader = await command.ExecuteReaderAsync(cancellationToken);
            while (await reader.ReadAsync(cancellationToken))
            {
                documents[reader.GetString(0)] = (reader.GetInt64(1), reader.GetString(2));
            }

            return documents;
        }

        /// <summary>Every text a structure's full-text row was made of, as stored: its names, summary and type in
        /// SearchDocuments, its headings and bodies in SearchSections (the row itself is contentless).</summary>
        public async Task<List<string>> IndexedTextAsync(long id, CancellationToken cancellationToken)
        {
            var texts = new List<string>();
            await using (var command = Command("SELECT Title, Aliases, Latin, Summary, Type FROM SearchDocuments WHERE Id = $id"))
            {
                command.Parameters.AddWithValue("$id", id);
                await using var reader = await command.ExecuteReaderAsync(cancellationToken);
                while (await reader.ReadAsync(cancellationToken))
                {
                    texts.AddRange([reader.GetString(0), reader.GetString(1), reader.GetString(2), reader.GetString(3), SearchSchema.KindToken(reader.GetString(4))]);
                }
            }

            await using (var command = Command("SELECT Heading, Body FROM SearchSections WHERE DocumentId = $id"))
            {
                command.Parameters.AddWithValue("$id", id);
                await using var reader = await command.ExecuteReaderAsync(cancellationToken);
                while (await reader.ReadAsync(cancellationToken))
                {
                    texts.AddRange([reader.GetString(0), reader.GetString(1)]);
                }
            }

            return texts;
        }

        /// <summary>The terms each page holds before or after, but not both: the only terms whose number of pages
        /// changed. FTS5's own tokenizer makes the terms, in a temporary table of this connection, so no word is split
        /// differently than in the index.</summary>
        public async Task<IReadOnlyCollection<string>> ChangedTermsAsync(List<(IReadOnlyList<string> Before, IReadOnlyList<string> After)> pages, CancellationToken cancellationToken)
        {
            await using (var create = Command(
                $"""
                CREATE VIRTUAL TABLE IF NOT EXISTS temp.SearchChangedText USING fts5(text, tokenize = '{SearchSchema.Tokenizer}');
                CREATE VIRTUAL TABLE IF NOT EXISTS temp.SearchChangedTerms USING fts5vocab('temp', 'SearchChangedText', 'instance');
                DELETE FROM temp.SearchChangedText;
                """))
            {
                await create.ExecuteNonQueryAsync(cancellationToken);
            }

            // Page i's text before is row 2i, after is row 2i + 1.
            await using (var insert = Command("INSERT INTO temp.SearchChangedText (rowid, text) VALUES ($row, $text)"))
            {
                var row = insert.Parameters.Add("$row", SqliteType.Integer);
                var text = insert.Parameters.Add("$text", SqliteType.Text);
                for (var i = 0; i < pages.Count; i++)
                {
                    (row.Value, text.Value) = (2L * i, string.Join('\n', pages[i].Before));
                    await insert.ExecuteNonQueryAsync(cancellationToken);
                    (row.Value, text.Value) = ((2L * i) + 1, string.Join('\n', pages[i].After));
                    await insert.ExecuteNonQueryAsync(cancellationToken);
                }
            }

            var termsOfRow = new Dictionary<long, HashSet<string>>();
            await using (var read = Command("SELECT DISTINCT doc, term FROM temp.SearchChangedTerms"))
            await using (var reader = await read.ExecuteReaderAsync(cancellationToken))
            {
                while (await reader.ReadAsync(cancellationToken))
                {
                    var row = reader.GetInt64(0);
                    if (!termsOfRow.TryGetValue(row, out var terms))
                    {
                        termsOfRow[row] = terms = new HashSet<string>(StringComparer.Ordinal);
                    }

                    terms.Add(reader.GetString(1));
                }
            }

            await using (var clear = Command("DELETE FROM temp.SearchChangedText"))
            {
                await clear.ExecuteNonQueryAsync(cancellationToken);
            }

            var changed = new HashSet<string>(StringComparer.Ordinal);
            for (var i = 0; i < pages.Count; i++)
            {
                var gained = termsOfRow.GetValueOrDefault((2L * i) + 1) ?? [];
                gained.SymmetricExceptWith(termsOfRow.GetValueOrDefault(2L * i) ?? []);
                changed.UnionWith(gained);
            }

            return changed;
        }

        /// <summary>The content version this transaction started from (the seeder raises it after the indexes).</summary>
        public async Task<long> VersionAsync(CancellationToken cancellationToken)
        {
            await using var command = Command("SELECT Version FROM ContentVersion");
            return Convert.ToInt64(await command.ExecuteScalarAsync(cancellationToken), CultureInfo.InvariantCulture);
        }

        public Task DeleteStructureAsync(long id, string type, CancellationToken cancellationToken) =>
            ExecuteAsync("DELETE FROM SearchStructures WHERE rowid = $value", SearchSchema.RowId(id, type), cancellationToken);

        public Task DeleteSectionsAsync(long id, CancellationToken cancellationToken) =>
            ExecuteAsync("DELETE FROM SearchSections WHERE DocumentId = $value", id, cancellationToken);

        public Task DeleteDocumentAsync(long id, CancellationToken cancellationToken) =>
            ExecuteAsync("DELETE FROM SearchDocuments WHERE Id = $value", id, cancellationToken);

        private async Task ExecuteAsync(string sql, long value, CancellationToken cancellationToken)
        {
            await using var command = Command(sql);
            command.Parameters.AddWithValue("$value", value);
            await command.ExecuteNonQueryAsync(cancellationToken);
        }

        public async Task<long> UpsertDocumentAsync(long? id, StructureDocument document, CancellationToken cancellationToken)
        {
            // "Id = $id" with a null $id inserts a new row with the next id; otherwise it replaces the row, keeping the id.
            if (_upsertDocument is null)
            {
                _upsertDocument = Command(
                    "INSERT INTO SearchDocuments (Id, Slug, Type, Title, Aliases, Latin, Summary) VALUES ($id, $slug, $type, $title, $aliases, $latin, $summary) " +
                    "ON CONFLICT (Id) DO UPDATE SET Slug = excluded.Slug, Type = excluded.Type, Title = excluded.Title, Aliases = excluded.Aliases, " +
                    "Latin = excluded.Latin, Summary = excluded.Summary RETURNING Id");
                _upsertDocument.Parameters.Add("$id", SqliteType.Integer);
                foreach (var name in new[] { "$slug", "$type", "$title", "$aliases", "$latin", "$summary" })
                {
                    _upsertDocument.Parameters.Add(name, SqliteType.Text);
                }

                _upsertDocument.Prepare();
            }

            object?[] values =
            [
                id, document.Slug, document.Type, SearchText.CleanForIndex(document.Title),
                string.Join(SearchSchema.NameSeparator, document.Aliases.Select(SearchText.CleanForIndex)),
                SearchText.CleanForIndex(document.Latin), SearchText.CleanForIndex(document.Summary),
            ];
            for (var i = 0; i < values.Length; i++)
            {
                _upsertDocument.Parameters[i].Value = values[i] ?? DBNull.Value;
            }

            return Convert.ToInt64(await _upsertDocument.ExecuteScalarAsync(cancellationToken), CultureInfo.InvariantCulture);
        }

        /// <summary>All of a structure's section rows in one statement (one per row took most of a seeding's index time).</summary>
        public async Task InsertSectionsAsync(long id, List<(string SectionId, string SectionTitle, string Heading, string Body)> rows, CancellationToken cancellationToken)
        {
            for (var start = 0; start < rows.Count; start += MaxSectionsPerStatement)
            {
                var count = Math.Min(MaxSectionsPerStatement, rows.Count - start);
                if (!_insertSections.TryGetValue(count, out var command))
                {
                    var values = string.Join(", ", Enumerable.Range(0, count).Select(i => $"($id, $o{i}, $s{i}, $t{i}, $h{i}, $b{i})"));
                    command = Command($"INSERT INTO SearchSections (DocumentId, Ordinal, SectionId, SectionTitle, Heading, Body) VALUES {values}");
                    command.Parameters.Add("$id", SqliteType.Integer);
                    for (var i = 0; i < count; i++)
                    {
                        command.Parameters.Add($"$o{i}", SqliteType.Integer);
                        command.Parameters.Add($"$s{i}", SqliteType.Text);
                        command.Parameters.Add($"$t{i}", SqliteType.Text);
                        command.Parameters.Add($"$h{i}", SqliteType.Text);
                        command.Parameters.Add($"$b{i}", SqliteType.Text);
                    }

                    command.Prepare();
                    _insertSections[count] = command;
                }

                command.Parameters[0].Value = id;
                for (var i = 0; i < count; i++)
                {
                    var (sectionId, sectionTitle, heading, body) = rows[start + i];
                    command.Parameters[1 + (i * 5)].Value = start + i;
                    command.Parameters[2 + (i * 5)].Value = sectionId;
                    command.Parameters[3 + (i * 5)].Value = sectionTitle;
                    command.Parameters[4 + (i * 5)].Value = heading;
                    command.Parameters[5 + (i * 5)].Value = body;
                }

                await command.ExecuteNonQueryAsync(cancellationToken);
            }
        }

        public async Task InsertStructureAsync(long rowid, string[] values, CancellationToken cancellationToken)
        {
            if (_insertStructure is null)
            {
                _insertStructure = Command(
                    "INSERT INTO SearchStructures (rowid, title, aliases, latin, summary, headings, body, kind) VALUES ($rowid, $p0, $p1, $p2, $p3, $p4, $p5, $p6)");
                _insertStructure.Parameters.Add("$rowid", SqliteType.Integer);
                for (var i = 0; i < values.Length; i++)
                {
                    _insertStructure.Parameters.Add($"$p{i}", SqliteType.Text);
                }

                _insertStructure.Prepare();
            }

            _insertStructure.Parameters[0].Value = rowid;
            for (var i = 0; i < values.Length; i++)
            {
                _insertStructure.Parameters[i + 1].Value = values[i];
            }

            await _insertStructure.ExecuteNonQueryAsync(cancellationToken);
        }

        /// <summary>Sets FTS5's 'hashsize' (bytes of pending terms held in memory before they are written as a segment).</summary>
        public async Task SetHashSizeAsync(int bytes, CancellationToken cancellationToken)
        {
            await using var command = Command("INSERT INTO SearchStructures (SearchStructures, rank) VALUES ('hashsize', $bytes)");
            command.Parameters.AddWithValue("$bytes", bytes);
            await command.ExecuteNonQueryAsync(cancellationToken);
        }

        /// <summary>Rewrites the stored synonyms when they differ from <paramref name="synonyms"/>; true if they did.</summary>
        public async Task<bool> ReplaceSynonymsAsync(IReadOnlyDictionary<string, IReadOnlyList<string>> synonyms, CancellationToken cancellationToken)
        {
            var wanted = synonyms.ToDictionary(p => p.Key, p => string.Join('\n', p.Value), StringComparer.Ordinal);
            var stored = new Dictionary<string, string>(StringComparer.Ordinal);
            await using (var read = Command("SELECT Term, Equivalents FROM SearchSynonyms"))
            await using (var reader = await read.ExecuteReaderAsync(cancellationToken))
            {
                while (await reader.ReadAsync(cancellationToken))
                {
                    stored[reader.GetString(0)] = reader.GetString(1);
                }
            }

            if (stored.Count == wanted.Count && wanted.All(p => stored.TryGetValue(p.Key, out var value) && value == p.Value))
            {
                return false;
            }

            await using (var clear = Command("DELETE FROM SearchSynonyms"))
            {
                await clear.ExecuteNonQueryAsync(cancellationToken);
            }

            await using var insert = Command("INSERT INTO SearchSynonyms (Term, Equivalents) VALUES ($term, $equivalents)");
            var term = insert.Parameters.Add("$term", SqliteType.Text);
            var equivalents = insert.Parameters.Add("$equivalents", SqliteType.Text);
            foreach (var (key, value) in wanted)
            {
                term.Value = key;
                equivalents.Value = value;
                await insert.ExecuteNonQueryAsync(cancellationToken);
            }

            return true;
        }

        private SqliteCommand Command(string sql)
        {
            var command = connection.CreateCommand();
            command.CommandText = sql;
            command.Transaction = transaction;
            return command;
        }
    }
}
