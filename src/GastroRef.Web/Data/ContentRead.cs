using GastroRef.Content;
using Microsoft.Data.Sqlite;
using Microsoft.EntityFrameworkCore;

namespace GastroRef.Web.Data;

/// <summary>The store cannot be read now (deleted or damaged under the running site, being rebuilt): the request is
/// answered 503 with Retry-After, never 500 and never an empty answer.</summary>
public sealed class StoreUnavailableException(string message, Exception? inner = null) : Exception(message, inner);

/// <summary>One request's view of the content: a read transaction on the store and the <see cref="ContentSnapshot"/> of
/// the version that transaction sees (in WAL mode a read transaction keeps seeing one version, even while a seeding
/// commits). Everything read through it (documents, connections, graph, search) belongs to that one version.</summary>
public sealed class ContentRead : IAsyncDisposable
{
    private readonly ReaderPool _pool;
    private readonly PooledReader _reader;
    private readonly SqliteTransaction _transaction;
    private readonly IDbContextFactory<GastroRefDbContext>? _dbFactory;
    private GastroRefDbContext? _db;

    private ContentRead(ReaderPool pool, PooledReader reader, SqliteTransaction transaction, ContentSnapshot snapshot, IDbContextFactory<GastroRefDbContext>? dbFactory)
    {
        _pool = pool;
        _reader = reader;
        _transaction = transaction;
        Snapshot = snapshot;
        _dbFactory = dbFactory;
    }

    public ContentSnapshot Snapshot { get; }

    public long Version => Snapshot.Version;

    /// <summary>Opens a read at the version of a published snapshot. <paramref name="dbFactory"/> is only needed for the
    /// EF queries below (search reads with plain commands).</summary>
    public static async Task<ContentRead> OpenAsync(
        ReaderPool readers, StoreState state, IDbContextFactory<GastroRefDbContext>? dbFactory, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(readers);
        ArgumentNullException.ThrowIfNull(state);
        if (state.StoreFault is { } fault)
        {
            throw new StoreUnavailableException(fault);
        }

        // A seeding can commit and publish between reading the version and looking its snapshot up: then the next
        // attempt sees the newer version. Twice in a row is already unlikely; three times means something else is wrong.
        for (var attempt = 0; attempt < 3; attempt++)
        {
            PooledReader? reader = null;
            SqliteTransaction? transaction = null;
            try
            {
                reader = await readers.LeaseAsync(cancellationToken);
                transaction = reader.Connection.BeginTransaction(deferred: true);
                var version = await ContentSnapshot.ReadVersionAsync(reader.Command(ContentSnapshot.VersionSql, transaction), cancellationToken);
                if (state.SnapshotAt(version) is { } snapshot)
                {
                    return new ContentRead(readers, reader, transaction, snapshot, dbFactory);
                }
            }
            catch (SqliteException e)
            {
                Discard(reader, transaction);
                state.SuspectStoreFault();
                throw new StoreUnavailableException($"The store cannot be read: {e.Message}", e);
            }
            catch
            {
                Discard(reader, transaction);
                throw;
            }

            await ReleaseAsync(readers, reader, transaction);
        }

        state.SuspectStoreFault();
        throw new StoreUnavailableException("The store holds a content version the site has not published.");
    }

    /// <summary>A command inside this read's transaction, prepared once per pooled connection (see <see cref="ReaderPool"/>).</summary>
    public SqliteCommand Command(string sql) => _reader.Command(sql, _transaction);

    public async Task<StructureView?> FindAsync(string slug, CancellationToken cancellationToken)
    {
        var record = await Db.Structures.AsNoTracking().FirstOrDefaultAsync(s => s.Slug == slug, cancellationToken);
        return record is null ? null : new StructureView(record, StoredDocument.FromJson(record.DocumentJson));
    }

    /// <summary>Every stored structure with its document (for what is built from every page, such as practice questions).</summary>
    public async Task<IReadOnlyList<StructureRecord>> ListRecordsAsync(CancellationToken cancellationToken) =>
        await Db.Structures.AsNoTracking().ToListAsync(cancellationToken);

    public Task<string?> FindRedirectAsync(string oldSlug, CancellationToken cancellationToken) =>
        Db.Redirects.AsNoTracking().Where(r => r.OldSlug == oldSlug).Select(r => r.Slug).FirstOrDefaultAsync(cancellationToken);

    /// <summary>Both directions of every typed relation touching the page, in schema order, with reverse names that
    /// read naturally (the tibial nerve "Innervates", the calcaneus "Receives insertion of"). Symmetric kinds are merged;
    /// <c>related</c> is split by what is at the other end (regions, conditions); pages that only mention this one in
    /// their text come last as "Mentioned in".</summary>
    public async Task<IReadOnlyList<ConnectionGroup>> ConnectionsAsync(string slug, CancellationToken cancellationToken)
    {
        var edges = await Db.Relations.AsNoTracking()
            .Where(r => (r.FromSlug == slug && r.Kind != RelationRecord.BodyLink) || (r.ToSlug == slug && r.FromSlug != slug))
            .ToListAsync(cancellationToken);
        var otherSlugs = edges.Select(e => e.FromSlug == slug ? e.ToSlug : e.FromSlug).Append(slug).Distinct().ToList();
        var structures = await Db.Structures.AsNoTracking()
            .Where(s => otherSlugs.Contains(s.Slug))
            .Select(s => new StructureLink(s.Slug, s.Title, s.Type))
            .ToDictionaryAsync(s => s.Slug, cancellationToken);
        if (!structures.TryGetValue(slug, out var page))
        {
            return [];
        }

        var groups = new List<ConnectionGroup>();
        foreach (var kind in ContentSchema.RelationKinds)
        {
            var outgoing = edges.Where(e => e.Kind == kind.Name && e.FromSlug == slug).Select(e => e.ToSlug);
            var incoming = edges.Where(e => e.Kind == kind.Name && e.ToSlug == slug).Select(e => e.FromSlug);
            if (kind.Name == "related")
            {
                var byLabel = outgoing.Concat(incoming).Where(structures.ContainsKey)
                    .GroupBy(s => StructureQueries.RelatedLabel(page.Type, structures[s].Type))
                    .OrderBy(g => StructureQueries.RelatedOrder(g.Key));
                foreach (var related in byLabel)
                {
                    Add(kind.Name, ConnectionDirection.Both, related.Key, related);
                }
            }
            else if (kind.Symmetric)
            {
                Add(kind.Name, ConnectionDirection.Both, kind.Label, outgoing.Concat(incoming));
            }
            else
            {
                Add(kind.Name, ConnectionDirection.Outgoing, kind.Label, outgoing);
                Add(kind.Name, ConnectionDirection.Incoming, kind.ReverseLabel, incoming);
            }
        }

        var listed = groups.SelectMany(g => g.Structures).Select(s => s.Slug).ToHashSet(StringComparer.Ordinal);
        Add(RelationRecord.BodyLink, ConnectionDirection.Incoming, "Mentioned in",
            edges.Where(e => e.Kind == RelationRecord.BodyLink && e.ToSlug == slug && !listed.Contains(e.FromSlug)).Select(e => e.FromSlug));
        return groups;

        void Add(string kind, ConnectionDirection direction, string label, IEnumerable<string> slugs)
        {
            var links = slugs.Distinct().Where(s => s != slug && structures.ContainsKey(s)).Select(s => structures[s])
                .OrderBy(s => s.Title, StringComparer.OrdinalIgnoreCase).ToList();
            if (links.Count > 0)
            {
                groups.Add(new(kind, direction, label, links));
            }
        }
    }

    public async ValueTask DisposeAsync()
    {
        if (_db is not null)
        {
            await _db.DisposeAsync();
        }

        await ReleaseAsync(_pool, _reader, _transaction);
    }

    /// <summary>An EF context over this read's connection and transaction.</summary>
    private GastroRefDbContext Db
    {
        get
        {
            if (_db is null)
            {
                var factory = _dbFactory ?? throw new InvalidOperationException("This read was opened without EF.");
                _db = factory.CreateDbContext();
                _db.Database.SetDbConnection(_reader.Connection, contextOwnsConnection: false);
                _db.Database.UseTransaction(_transaction);
            }

            return _db;
        }
    }

    /// <summary>Ends the read transaction and gives the connection back to the pool; a connection that cannot end it is closed.</summary>
    private static async Task ReleaseAsync(ReaderPool pool, PooledReader reader, SqliteTransaction transaction)
    {
        try
        {
            await transaction.DisposeAsync();
        }
        catch
        {
            reader.Dispose();
            throw;
        }

        pool.Return(reader);
    }

    /// <summary>After a failure the connection's state is unknown: close it.</summary>
    private static void Discard(PooledReader? reader, SqliteTransaction? transaction)
    {
        try
        {
            transaction?.Dispose();
        }
        finally
        {
            reader?.Dispose();
        }
    }
}
