using System.Data.Common;
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
    private readonly SqliteConnection _connection;
    private readonly SqliteTransaction _transaction;
    private readonly IDbContextFactory<GastroRefDbContext>? _dbFactory;
    private GastroRefDbContext? _db;

    private ContentRead(SqliteConnection connection, SqliteTransaction transaction, ContentSnapshot snapshot, IDbContextFactory<GastroRefDbContext>? dbFactory)
    {
        _connection = connection;
        _transaction = transaction;
        Snapshot = snapshot;
        _dbFactory = dbFactory;
    }

    public ContentSnapshot Snapshot { get; }

    public long Version => Snapshot.Version;

    /// <summary>Opens a read at the version of a published snapshot. <paramref name="dbFactory"/> is only needed for the
    /// EF queries below (search reads with plain commands).</summary>
    public static async Task<ContentRead> OpenAsync(
        StoreOptions options, StoreState state, IDbContextFactory<GastroRefDbContext>? dbFactory, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(options);
        ArgumentNullException.ThrowIfNull(state);
        if (state.StoreFault is { } fault)
        {
            throw new StoreUnavailableException(fault);
        }

        // A seeding can commit and publish between reading the version and looking its snapshot up: then the next
        // attempt sees the newer version. Twice in a row is already unlikely; three times means something else is wrong.
        for (var attempt = 0; attempt < 3; attempt++)
        {
            var connection = new SqliteConnection(options.ReaderConnectionString);
            SqliteTransaction? transaction = null;
            try
            {
                await connection.OpenAsync(cancellationToken);
                transaction = connection.BeginTransaction(deferred: true);
                var version = await ContentSnapshot.ReadVersionAsync(connection, transaction, cancellationToken);
                if (state.SnapshotAt(version) is { } snapshot)
                {
                    return new ContentRead(connection, transaction, snapshot, dbFactory);
                }
            }
            catch (SqliteException e)
            {
                await DisposeAsync(connection, transaction);
                state.SuspectStoreFault();
                throw new StoreUnavailableException($"The store cannot be read: {e.Message}", e);
            }

            await DisposeAsync(connection, transaction);
        }

        state.SuspectStoreFault();
        throw new StoreUnavailableException("The store holds a content version the site has not published.");
    }

    /// <summary>A command inside this read's transaction.</summary>
    public SqliteCommand Command(string sql)
    {
        var command = _connection.CreateCommand();
        command.Transaction = _transaction;
        command.CommandText = sql;
        return command;
    }

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

        await DisposeAsync(_connection, _transaction);
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
                _db.Database.SetDbConnection(_connection, contextOwnsConnection: false);
                _db.Database.UseTransaction(_transaction);
            }

            return _db;
        }
    }

    private static async Task DisposeAsync(SqliteConnection connection, DbTransaction? transaction)
    {
        if (transaction is not null)
        {
            await transaction.DisposeAsync();
        }

        await connection.DisposeAsync();
    }
}
