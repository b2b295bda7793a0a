using Microsoft.Data.Sqlite;
using GastroRef.Web.Infrastructure;
using Microsoft.EntityFrameworkCore;

namespace GastroRef.Web.Data;

/// <summary>Opens the SQLite store, and rebuilds it from scratch when it is missing, from an older schema,
/// or damaged: the store is derived from content/, so starting afresh is always safe.</summary>
public sealed class StoreInitializer(IDbContextFactory<GastroRefDbContext> dbFactory, StoreOptions options, ILogger<StoreInitializer> logger)
{
    /// <summary>Bump when the tables change; an older store is then rebuilt.</summary>
    private const int SchemaVersion = 2;

    public async Task InitializeAsync(CancellationToken cancellationToken)
    {
        var problem = await CheckAsync(cancellationToken);
        if (problem is not null)
        {
            Log.RebuildingStore(logger, problem);
            DeleteStoreFiles();
        }

        await using var db = await dbFactory.CreateDbContextAsync(cancellationToken);
        await db.Database.EnsureCreatedAsync(cancellationToken);
        await SearchIndex.CreateSchemaAsync(db, cancellationToken);
        await db.Database.ExecuteSqlRawAsync($"PRAGMA journal_mode=WAL; PRAGMA user_version={SchemaVersion};", cancellationToken);
    }

    private async Task<string?> CheckAsync(CancellationToken cancellationToken)
    {
        var path = DatabasePath();
        if (path is null || !File.Exists(path))
        {
            return null;
        }

        try
        {
            await using var connection = new SqliteConnection(options.ConnectionString);
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
            return version == SchemaVersion ? null : $"the database has schema version {version}, this site needs {SchemaVersion}";
        }
        catch (SqliteException e)
        {
            return $"the database file cannot be read ({e.Message})";
        }
    }

    private void DeleteStoreFiles()
    {
        // A pooled connection would keep the old file alive under the new one.
        SqliteConnection.ClearAllPools();
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

    private string? DatabasePath()
    {
        var source = new SqliteConnectionStringBuilder(options.ConnectionString).DataSource;
        return string.IsNullOrEmpty(source) || source == ":memory:" ? null : Path.GetFullPath(source);
    }
}
