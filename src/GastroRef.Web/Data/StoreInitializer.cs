using Microsoft.Data.Sqlite;
using GastroRef.Web.Infrastructure;
using Microsoft.EntityFrameworkCore;

namespace GastroRef.Web.Data;

/// <summary>Opens the SQLite store, and rebuilds it from scratch when it is missing, from an older schema,
/// or damaged: the store is derived from content/, so starting afresh is always safe.</summary>
public sealed class StoreInitializer(
    IDbContextFactory<GastroRefDbContext> dbFactory, StoreOptions options, ReaderPool readers, IEnumerable<IContentIndex> indexes, ILogger<StoreInitializer> logger)
{
    /// <summary>Bump when the tables change; an older store is then rebuilt (6: the full-text index lost its unused prefix indexes).</summary>
    private const int SchemaVersion = 6;

    private static readonly string[] RequiredTables = ["Structures", "Relations", "Redirects", "SearchSections", "ContentVersion", "Plates"];

    /// <summary>Makes the store usable; its content version starts at <paramref name="lowestVersion"/> at least, so
    /// versions never go back while the site runs, even when the store is rebuilt under it.</summary>
    public async Task InitializeAsync(long lowestVersion, CancellationToken cancellationToken)
    {
        // An in-memory store (no path) starts empty every time: nothing to check.
        var path = DatabasePath();
        if (path is not null && !File.Exists(path))
        {
            // A -wal left beside a deleted file is discarded by SQLite itself when it opens an empty database.
            Log.CreatingStore(logger, path);
        }
        else if (path is not null && await CheckAsync(cancellationToken) is { } problem)
        {
            Log.RebuildingStore(logger, problem);
            DeleteStoreFiles();
        }

        await using var db = await dbFactory.CreateDbContextAsync(cancellationToken);
        await db.Database.EnsureCreatedAsync(cancellationToken);
        foreach (var index in indexes)
        {
            await index.CreateSchemaAsync(db, cancellationToken);
        }

        await db.Database.ExecuteSqlRawAsync(
            "CREATE TABLE IF NOT EXISTS ContentVersion (Id INTEGER PRIMARY KEY CHECK (Id = 1), Version INTEGER NOT NULL);"
            + "INSERT OR IGNORE INTO ContentVersion (Id, Version) VALUES (1, 0);",
            cancellationToken);
        await db.Database.ExecuteSqlAsync($"UPDATE ContentVersion SET Version = max(Version, {lowestVersion})", cancellationToken);
        await db.Database.ExecuteSqlRawAsync($"PRAGMA journal_mode=WAL; PRAGMA user_version={SchemaVersion};", cancellationToken);
    }

    /// <summary>Why the store file cannot be used as it is, or null when it can. It may have been truncated,
    /// overwritten or half-written by something else; seeding itself never leaves it damaged.</summary>
    internal async Task<string?> CheckAsync(CancellationToken cancellationToken)
    {
        try
        {
            // Opened for reading and writing only: checking a missing file must not create an empty one.
            await using var connection = new SqliteConnection(options.ReaderConnectionString);
            await connection.OpenAsync(cancellationToken);
            await using var command = connection.CreateCommand();
            command.CommandText = "PRAGMA quick_check";
            var check = (string?)await command.ExecuteScalarAsync(cancellationToken);
            if (check != "ok")
            {
                return $"the database file is damaged ({check})";
            }

            command.CommandText = "PRAGMA user_version";
            var version = Convert.ToInt32(await command.ExecuteScalarAsync(cancellationToken), System.Globalization.CultureInfo.InvariantCulture);
            if (version != SchemaVersion)
            {
                return $"the database has schema version {version}, this site needs {SchemaVersion}";
            }

            command.CommandText = $"SELECT count(*) FROM sqlite_master WHERE name IN ({string.Join(", ", RequiredTables.Select(t => $"'{t}'"))})";
            var tables = Convert.ToInt32(await command.ExecuteScalarAsync(cancellationToken), System.Globalization.CultureInfo.InvariantCulture);
            return tables == RequiredTables.Length ? null : "tables are missing from the database";
        }
        catch (SqliteException e)
        {
            return $"the database file cannot be read ({e.Message})";
        }
    }

    private void DeleteStoreFiles()
    {
        // A pooled connection would keep the old file alive under the new one.
        readers.Clear();
        var path = DatabasePath();
        if (path is null)
        {
            return;
        }

        foreach (var file in new[] { path, path + "-wal", path + "-shm", path + "-journal" })
        {
            File.Delete(file);
        }
    }

    private string? DatabasePath() => options.DatabasePath;
}
