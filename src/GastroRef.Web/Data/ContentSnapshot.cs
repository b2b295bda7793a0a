using GastroRef.Content;
using Microsoft.Data.Sqlite;

namespace GastroRef.Web.Data;

/// <summary>A structure as lists show it (the API, the home page, suggestions), without its document.</summary>
public sealed record StructureEntry(string Slug, string Title, string Type, string? Latin, IReadOnlyList<string> Aliases, string? Summary, DateOnly? Updated)
{
    public string Url => StructureUrls.Article(Slug);

    public StructureLink Link => new(Slug, Title, Type);
}

/// <summary>Something another feature derives from the store once per content version (search reads its
/// vocabulary this way). It is built inside the seeding's transaction, with the rest of the snapshot, so it can
/// never belong to another version than the pages; read it back with <see cref="ContentSnapshot.Part{T}"/>.</summary>
public interface IContentSnapshotPart
{
    /// <summary>Builds the part of <paramref name="version"/>. <paramref name="previous"/> is the snapshot of the store as
    /// the transaction found it before writing (or <see cref="ContentSnapshot.Empty"/> when that is not known): a part may
    /// reuse what it derived there from input that did not change, so long as the result is what it would build alone.</summary>
    Task<object> LoadAsync(SqliteConnection connection, SqliteTransaction transaction, long version, ContentSnapshot previous, CancellationToken cancellationToken);
}

/// <summary>Everything derived from one content version of the store, built once after the seeding that made the
/// version and never changed: the structure graph, the list of structures, and the parts other features register.
/// A request takes one snapshot (and, when it queries the store, a read transaction at the same version: see
/// <see cref="ContentRead"/>), so nothing it shows can come from two versions.</summary>
public sealed class ContentSnapshot
{
    private readonly Dictionary<Type, object> _parts;

    private ContentSnapshot(long version, GraphSnapshot graph, IReadOnlyList<StructureEntry> structures, Dictionary<Type, object> parts)
    {
        Version = version;
        Graph = graph;
        Structures = structures;
        _parts = parts;
    }

    /// <summary>Before the store could be read: no structures.</summary>
    public static ContentSnapshot Empty { get; } = new(0, new GraphSnapshot(0, [], []), [], []);

    /// <summary>The store's content version (the <c>ContentVersion</c> row): it goes up with every seeding that changes
    /// what is served, and never goes back while the site runs, even when the store is rebuilt.</summary>
    public long Version { get; }

    public GraphSnapshot Graph { get; }

    /// <summary>Every structure, by title.</summary>
    public IReadOnlyList<StructureEntry> Structures { get; }

    /// <summary>The part of type <typeparamref name="T"/> registered by another feature (<see cref="IContentSnapshotPart"/>),
    /// or null when this snapshot has none (<see cref="Empty"/>).</summary>
    public T? Part<T>()
        where T : class => _parts.GetValueOrDefault(typeof(T)) as T;

    /// <summary>Existing structures whose slug or title is closest to what was asked for (for the 404 page).</summary>
    public IReadOnlyList<StructureLink> Closest(string wanted, int count)
    {
        var target = ArticleParser.Slugify(wanted);
        return [.. Structures
            .Select(s => (s.Link, Distance: Math.Min(EditDistance.Between(target, s.Slug), EditDistance.Between(target, ArticleParser.Slugify(s.Title)))))
            .OrderBy(p => p.Distance)
            .ThenBy(p => p.Link.Title, StringComparer.OrdinalIgnoreCase)
            .Take(count)
            .Select(p => p.Link)];
    }

    /// <summary>Reads the snapshot of <paramref name="version"/> from a transaction that sees exactly that version. What
    /// <paramref name="previous"/> (see <see cref="IContentSnapshotPart.LoadAsync"/>) derived from the same rows is reused,
    /// so the result is the same as without it.</summary>
    internal static async Task<ContentSnapshot> LoadAsync(
        SqliteConnection connection, SqliteTransaction transaction, long version, IEnumerable<IContentSnapshotPart> parts, ContentSnapshot previous,
        CancellationToken cancellationToken)
    {
        var structures = new List<StructureEntry>();
        var nodes = new List<GraphNode>();
        await using (var command = Command(connection, transaction,
            "SELECT Slug, Title, Type, Latin, Aliases, Summary, Updated, \"Order\" FROM Structures"))
        {
            await using var reader = await command.ExecuteReaderAsync(cancellationToken);
            while (await reader.ReadAsync(cancellationToken))
            {
                DateOnly? updated = reader.IsDBNull(6) ? null : DateOnly.Parse(reader.GetString(6), System.Globalization.CultureInfo.InvariantCulture);
                var entry = new StructureEntry(
                    reader.GetString(0), reader.GetString(1), reader.GetString(2), NullableString(reader, 3), StructureRecord.SplitAliases(reader.GetString(4)),
                    NullableString(reader, 5), updated);
                structures.Add(entry);
                nodes.Add(new GraphNode(entry.Slug, entry.Title, entry.Type, entry.Summary, updated, reader.IsDBNull(7) ? null : reader.GetInt32(7)));
            }
        }

        var edges = new List<GraphEdge>();
        await using (var command = Command(connection, transaction, "SELECT FromSlug, Kind, ToSlug FROM Relations WHERE Kind <> $bodyLink ORDER BY Id"))
        {
            command.Parameters.AddWithValue("$bodyLink", RelationRecord.BodyLink);
            await using var reader = await command.ExecuteReaderAsync(cancellationToken);
            while (await reader.ReadAsync(cancellationToken))
            {
                edges.Add(new GraphEdge(reader.GetString(0), reader.GetString(1), reader.GetString(2)));
            }
        }

        var loaded = new Dictionary<Type, object>();
        foreach (var part in parts)
        {
            var value = await part.LoadAsync(connection, transaction, version, previous, cancellationToken);
            loaded[value.GetType()] = value;
        }

        var graph = previous.Graph.Rebuild(version, nodes, edges);
        return new ContentSnapshot(
            version, graph, [.. structures.OrderBy(s => s.Title, StringComparer.OrdinalIgnoreCase).ThenBy(s => s.Slug, StringComparer.Ordinal)], loaded);
    }

    /// <summary>What reads the content version a transaction sees.</summary>
    internal const string VersionSql = "SELECT Version FROM ContentVersion";

    /// <summary>The version a transaction sees.</summary>
    internal static async Task<long> ReadVersionAsync(SqliteConnection connection, SqliteTransaction transaction, CancellationToken cancellationToken)
    {
        await using var command = Command(connection, transaction, VersionSql);
        return await ReadVersionAsync(command, cancellationToken);
    }

    /// <summary>The version <paramref name="command"/> (<see cref="VersionSql"/>, in a transaction) reads.</summary>
    internal static async Task<long> ReadVersionAsync(SqliteCommand command, CancellationToken cancellationToken) =>
        Convert.ToInt64(await command.ExecuteScalarAsync(cancellationToken), System.Globalization.CultureInfo.InvariantCulture);

    private static SqliteCommand Command(SqliteConnection connection, SqliteTransaction transaction, string sql)
    {
        var command = connection.CreateCommand();
        command.Transaction = transaction;
        command.CommandText = sql;
        return command;
    }

    private static string? NullableString(SqliteDataReader reader, int ordinal) => reader.IsDBNull(ordinal) ? null : reader.GetString(ordinal);
}
