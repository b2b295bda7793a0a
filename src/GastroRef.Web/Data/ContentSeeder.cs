using System.Diagnostics;
using System.Security.Cryptography;
using System.Text;
using System.Text.Json;
using GastroRef.Content;
using GastroRef.Web.Infrastructure;
using Microsoft.Data.Sqlite;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Storage;

namespace GastroRef.Web.Data;

public sealed record SeedReport(int Added, int Updated, int Removed, int Kept, int Unchanged, IReadOnlyList<ContentProblem> Problems)
{
    /// <summary>True when synonyms.yml changed, which changes search results without changing any page.</summary>
    public bool SynonymsChanged { get; init; }

    /// <summary>True when an atlas plate was added, changed or removed.</summary>
    public bool PlatesChanged { get; init; }

    public bool Changed => Added + Updated + Removed > 0 || SynonymsChanged || PlatesChanged;
}

/// <summary>Reads content/ into the store in one transaction, so readers see the old store or the new one,
/// never a mix. Unchanged pages are not rewritten; a file with errors keeps its last good version.</summary>
public sealed class ContentSeeder(
    IDbContextFactory<GastroRefDbContext> dbFactory,
    StoreOptions options,
    StoreState state,
    IEnumerable<IContentIndex> indexes,
    IEnumerable<IContentSnapshotPart> snapshotParts,
    ILogger<ContentSeeder> logger) : IDisposable
{
    // One writer at a time: SQLite 3.50 can corrupt WAL with two writers checkpointing at once.
    private readonly SemaphoreSlim _writer = new(1, 1);

    // What the last seeding read, so a reseed parses and renders only files that changed (or whose link targets did).
    private readonly ContentCache _cache = new();

    // False from the moment the store may have been replaced (Forget) until a snapshot read from the new store is
    // published: a rebuilt store starts at the published version without its content, so that snapshot is not its past.
    private bool _publishedMatchesStore;

    public async Task<SeedReport> SeedAsync(CancellationToken cancellationToken = default)
    {
        await _writer.WaitAsync(cancellationToken);
        try
        {
            var stopwatch = Stopwatch.StartNew();

            // The page that holds a slug in the store keeps it: a new file claiming the same slug gets the error.
            var owners = await SlugOwnersAsync(cancellationToken);
            var content = ContentLoader.Load(options.ContentPath, _cache, owners);
            foreach (var problem in content.Problems)
            {
                if (problem.IsError)
                {
                    Log.ContentError(logger, problem.ToString());
                }
                else
                {
                    Log.ContentWarning(logger, problem.ToString());
                }
            }

            SeedReport? report;
            try
            {
                report = await WriteAsync(content, cancellationToken);
                if (report is null)
                {
                    // The store lacks a structure the cache calls unchanged: read everything again.
                    _cache.Clear();
                    content = ContentLoader.Load(options.ContentPath, _cache, owners);
                    report = await WriteAsync(content, cancellationToken) ?? throw new InvalidOperationException("Seeding without a cache cannot find cached structures.");
                }
            }
            catch
            {
                // Nothing was stored, so the next seeding must not take the files it read for stored.
                _cache.Clear();
                throw;
            }

            state.Seeded(content.Problems);
            Log.Seeded(logger, report.Added, report.Updated, report.Removed, report.Unchanged, report.Kept, stopwatch.ElapsedMilliseconds);
            return report;
        }
        finally
        {
            _writer.Release();
        }
    }

    /// <summary>Publishes the snapshot of what the store holds now, without seeding (at start, so the store is served
    /// even while the content folder cannot be read).</summary>
    public async Task PublishStoredAsync(CancellationToken cancellationToken)
    {
        await _writer.WaitAsync(cancellationToken);
        try
        {
            await using var connection = new SqliteConnection(options.ConnectionString);
            await connection.OpenAsync(cancellationToken);
            await using var transaction = connection.BeginTransaction(deferred: true);
            var version = await ContentSnapshot.ReadVersionAsync(connection, transaction, cancellationToken);
            state.Publish(await ContentSnapshot.LoadAsync(connection, transaction, version, snapshotParts, ContentSnapshot.Empty, cancellationToken));
            _publishedMatchesStore = true;
        }
        finally
        {
            _writer.Release();
        }
    }

    /// <summary>Forgets what the last seeding read, so the next one reads every file (after the store was rebuilt), and
    /// builds the next snapshot without the published one.</summary>
    public void Forget()
    {
        _cache.Clear();
        _publishedMatchesStore = false;
    }

    public void Dispose() => _writer.Dispose();

    private async Task<Dictionary<string, string>> SlugOwnersAsync(CancellationToken cancellationToken)
    {
        await using var db = await dbFactory.CreateDbContextAsync(cancellationToken);
        // Two columns, not whole records: each record carries its rendered page (about 20 KB).
        return await db.Structures.AsNoTracking()
            .Select(s => new { s.Slug, s.SourcePath })
            .ToDictionaryAsync(s => s.Slug, s => s.SourcePath, StringComparer.Ordinal, cancellationToken);
    }

    /// <summary>Writes what changed; null when the store lacks a structure the load reported as unchanged (or holds
    /// it from another file), so the cache and the store never disagree.</summary>
    private async Task<SeedReport?> WriteAsync(ContentSet content, CancellationToken cancellationToken)
    {
        await using var db = await dbFactory.CreateDbContextAsync(cancellationToken);
        await using var transaction = await db.Database.BeginTransactionAsync(cancellationToken);
        var stored = await db.Structures.AsNoTracking()
            .Select(s => new { s.Slug, s.SourcePath, s.Fingerprint })
            .ToDictionaryAsync(s => s.Slug, StringComparer.Ordinal, cancellationToken);

        if (content.Unchanged.Any(u => !stored.TryGetValue(u.Slug, out var row) || row.SourcePath != u.SourcePath))
        {
            return null;
        }

        var rejected = content.RejectedPaths.ToHashSet(StringComparer.Ordinal);
        var incoming = content.Documents.Select(d => d.Slug).Concat(content.Unchanged.Select(u => u.Slug)).ToHashSet(StringComparer.Ordinal);

        // A page whose file is broken now keeps its last good version, even if its slug could not be read.
        var kept = stored.Values.Where(s => !incoming.Contains(s.Slug) && rejected.Contains(s.SourcePath)).Select(s => s.Slug).ToList();
        if (kept.Count > 0)
        {
            Log.KeptLastGood(logger, string.Join(", ", kept), kept.Count == 1 ? "its file has errors" : "their files have errors");
        }

        var removed = stored.Keys.Where(slug => !incoming.Contains(slug) && !kept.Contains(slug)).ToList();
        var written = new List<StructureDocument>();
        int added = 0, updated = 0;
        // Serializing and hashing every rendered page is the costly part of a first seeding: use every core.
        var records = content.Documents.AsParallel().AsOrdered().Select(ToRecord).ToList();
        for (var i = 0; i < content.Documents.Count; i++)
        {
            var document = content.Documents[i];
            var record = records[i];
            if (!stored.TryGetValue(document.Slug, out var existing))
            {
                db.Structures.Add(record);
                added++;
            }
            else if (existing.Fingerprint != record.Fingerprint)
            {
                db.Structures.Update(record);
                updated++;
            }
            else
            {
                continue;
            }

            written.Add(document);
        }

        var touched = written.Select(d => d.Slug).Concat(removed).ToList();
        if (touched.Count > 0)
        {
            Log.WritingPages(logger, touched.Count);
            // Only pages that were stored before can have rows to delete: a first seeding has none to look for.
            var replaced = touched.Where(stored.ContainsKey).ToList();
            var relations = await ChangedRelationsAsync(db, written, replaced, cancellationToken);
            await db.Redirects.Where(r => replaced.Contains(r.Slug)).ExecuteDeleteAsync(cancellationToken);
            await db.Structures.Where(s => removed.Contains(s.Slug)).ExecuteDeleteAsync(cancellationToken);
            var redirects = written.SelectMany(d => d.RedirectFrom.Select(old => new RedirectRecord { OldSlug = old, Slug = d.Slug })).ToList();
            await db.Redirects.Where(r => redirects.Select(x => x.OldSlug).Contains(r.OldSlug)).ExecuteDeleteAsync(cancellationToken);
            db.Redirects.AddRange(redirects);
            await db.SaveChangesAsync(cancellationToken);
            await InsertRelationsAsync(db, relations, cancellationToken);
        }

        var synonymsChanged = false;
        foreach (var index in indexes)
        {
            synonymsChanged |= await index.UpdateAsync(db, written, removed, content.Synonyms, cancellationToken);
        }

        var platesChanged = await PlateStore.WriteAsync(db, content.Plates, cancellationToken);

        await CommitAndPublishAsync(db, transaction, changed: touched.Count > 0 || synonymsChanged || platesChanged, cancellationToken);
        var unchanged = content.Documents.Count - written.Count + content.Unchanged.Count;
        return new(added, updated, removed.Count, kept.Count, unchanged, content.Problems) { SynonymsChanged = synonymsChanged, PlatesChanged = platesChanged };
    }

    /// <summary>Gives a change a new content version, builds the snapshot of that version from the transaction that
    /// wrote it, commits, and publishes the snapshot. An unchanged seeding publishes nothing, unless nothing was
    /// published yet.</summary>
    private async Task CommitAndPublishAsync(GastroRefDbContext db, IDbContextTransaction transaction, bool changed, CancellationToken cancellationToken)
    {
        var connection = (SqliteConnection)db.Database.GetDbConnection();
        var sqliteTransaction = (SqliteTransaction)transaction.GetDbTransaction();
        if (changed)
        {
            await using var bump = connection.CreateCommand();
            bump.Transaction = sqliteTransaction;
            bump.CommandText = "UPDATE ContentVersion SET Version = Version + 1";
            await bump.ExecuteNonQueryAsync(cancellationToken);
        }

        var version = await ContentSnapshot.ReadVersionAsync(connection, sqliteTransaction, cancellationToken);
        var published = state.Snapshot;

        // The published snapshot is the store as this transaction found it only if it is the version the transaction
        // started from (one below a changed version) and was read from this store.
        var startVersion = changed ? version - 1 : version;
        var previous = _publishedMatchesStore && published.Version == startVersion ? published : ContentSnapshot.Empty;
        var snapshot = changed || published.Version != version || ReferenceEquals(published, ContentSnapshot.Empty)
            ? await ContentSnapshot.LoadAsync(connection, sqliteTransaction, version, snapshotParts, previous, cancellationToken)
            : null;
        if (snapshot is null)
        {
            await transaction.CommitAsync(cancellationToken);
            return;
        }

        state.Committing(snapshot);
        try
        {
            await transaction.CommitAsync(cancellationToken);
        }
        catch
        {
            state.CommitFailed();
            throw;
        }

        state.Publish(snapshot);
        _publishedMatchesStore = true;
    }

    /// <summary>Deletes the stored relations of <paramref name="replaced"/> pages (written again or removed) that changed,
    /// and returns the rows to insert for them. A page's typed relations and its body links are each kept as they are
    /// when they did not change: their rows keep their ids, so the graph, which orders edges by id, stays the same and
    /// the next snapshot can reuse it (<see cref="GraphSnapshot"/>).</summary>
    private static async Task<List<RelationRecord>> ChangedRelationsAsync(
        GastroRefDbContext db, List<StructureDocument> written, List<string> replaced, CancellationToken cancellationToken)
    {
        // Plain SQL on the seeding's connection: a few pages' rows, not worth compiling LINQ queries on a site's first edit.
        await using var command = db.Database.GetDbConnection().CreateCommand();
        command.Transaction = db.Database.CurrentTransaction?.GetDbTransaction();
        var slugs = command.CreateParameter();
        slugs.ParameterName = "$slugs";
        command.Parameters.Add(slugs);
        var bodyLink = command.CreateParameter();
        bodyLink.ParameterName = "$bodyLink";
        bodyLink.Value = RelationRecord.BodyLink;
        command.Parameters.Add(bodyLink);

        var rows = new List<(string FromSlug, string Kind, string ToSlug)>();
        slugs.Value = JsonSerializer.Serialize(replaced);
        command.CommandText = "SELECT FromSlug, Kind, ToSlug FROM Relations WHERE FromSlug IN (SELECT value FROM json_each($slugs)) ORDER BY Id";
        await using (var reader = await command.ExecuteReaderAsync(cancellationToken))
        {
            while (await reader.ReadAsync(cancellationToken))
            {
                rows.Add((reader.GetString(0), reader.GetString(1), reader.GetString(2)));
            }
        }

        var stored = rows.ToLookup(r => (r.FromSlug, BodyLinks: r.Kind == RelationRecord.BodyLink), r => (r.Kind, r.ToSlug));
        var stale = stored.Select(g => g.Key).ToHashSet();
        var fresh = new List<RelationRecord>();
        foreach (var document in written)
        {
            foreach (var group in RelationsOf(document).GroupBy(r => (document.Slug, BodyLinks: r.Kind == RelationRecord.BodyLink)))
            {
                if (group.Select(r => (r.Kind, r.ToSlug)).SequenceEqual(stored[group.Key]))
                {
                    stale.Remove(group.Key);
                }
                else
                {
                    fresh.AddRange(group);
                }
            }
        }

        foreach (var bodyLinks in new[] { true, false })
        {
            slugs.Value = JsonSerializer.Serialize(stale.Where(k => k.BodyLinks == bodyLinks).Select(k => k.FromSlug));
            command.CommandText = "DELETE FROM Relations WHERE FromSlug IN (SELECT value FROM json_each($slugs)) AND " +
                (bodyLinks ? "Kind = $bodyLink" : "Kind <> $bodyLink");
            await command.ExecuteNonQueryAsync(cancellationToken);
        }

        return fresh;
    }

    /// <summary>Relations are most of the rows a seeding writes (about eighteen per page): one statement inserts them all
    /// from a JSON array, which json_each walks in order (so ids follow it). Several times faster than the change tracker,
    /// and about a quarter faster than a prepared statement run once per row.</summary>
    private static async Task InsertRelationsAsync(GastroRefDbContext db, List<RelationRecord> relations, CancellationToken cancellationToken)
    {
        if (relations.Count == 0)
        {
            return;
        }

        await using var command = db.Database.GetDbConnection().CreateCommand();
        command.Transaction = db.Database.CurrentTransaction?.GetDbTransaction();
        command.CommandText = "INSERT INTO Relations (FromSlug, Kind, ToSlug) SELECT value ->> 0, value ->> 1, value ->> 2 FROM json_each($rows)";
        var rows = command.CreateParameter();
        rows.ParameterName = "$rows";
        rows.Value = JsonSerializer.Serialize(relations.Select(r => new[] { r.FromSlug, r.Kind, r.ToSlug }));
        command.Parameters.Add(rows);
        await command.ExecuteNonQueryAsync(cancellationToken);
    }

    private static IEnumerable<RelationRecord> RelationsOf(StructureDocument document) =>
        document.Relations
            .Select(r => new RelationRecord { FromSlug = document.Slug, Kind = r.Kind, ToSlug = r.TargetSlug })
            .Concat(document.LinkedSlugs.Select(slug => new RelationRecord { FromSlug = document.Slug, Kind = RelationRecord.BodyLink, ToSlug = slug }));

    internal static StructureRecord ToRecord(StructureDocument document)
    {
        var json = StoredDocument.From(document).ToJson();
        return new StructureRecord
        {
            Slug = document.Slug,
            Title = document.Title,
            Type = document.Type,
            Latin = document.Latin,
            Pronunciation = document.Pronunciation,
            Summary = document.Summary,
            Aliases = StructureRecord.JoinAliases(document.Aliases),
            Ta2 = document.Ta2,
            Fma = document.Fma,
            Updated = document.Updated,
            Order = document.Order,
            SourcePath = document.SourcePath,
            Fingerprint = Convert.ToHexStringLower(SHA256.HashData(Encoding.UTF8.GetBytes(JsonSerializer.Serialize(document)))),
            DocumentJson = json,
        };
    }
}
