using GastroRef.Web.Data;
using GastroRef.Web.Search;
using Microsoft.Data.Sqlite;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.FileProviders;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Hosting.Internal;

namespace GastroRef.Benchmarks;

/// <summary>The site's store, seeder and search engine, wired exactly as the site wires them, without HTTP.</summary>
public sealed class BenchmarkStore : IAsyncDisposable
{
    private readonly ServiceProvider _services;

    private BenchmarkStore(ServiceProvider services, string databasePath)
    {
        _services = services;
        DatabasePath = databasePath;
    }

    public string DatabasePath { get; }

    public SearchEngine Engine => _services.GetRequiredService<SearchEngine>();

    /// <summary>A fresh, empty store.</summary>
    public static Task<BenchmarkStore> OpenAsync(string contentPath, string databasePath)
    {
        foreach (var file in new[] { databasePath, databasePath + "-wal", databasePath + "-shm" })
        {
            File.Delete(file);
        }

        return OpenExistingAsync(contentPath, databasePath);
    }

    /// <summary>A store as it was left by an earlier run.</summary>
    public static async Task<BenchmarkStore> OpenExistingAsync(string contentPath, string databasePath)
    {
        var configuration = new ConfigurationBuilder().AddInMemoryCollection(new Dictionary<string, string?>
        {
            ["GastroRef:ContentPath"] = contentPath,
            ["ConnectionStrings:GastroRef"] = $"Data Source={databasePath}",
            ["GastroRef:WatchContent"] = "false",
        }).Build();
        var environment = new HostingEnvironment
        {
            EnvironmentName = Environments.Production,
            ApplicationName = "GastroRef.Benchmarks",
            ContentRootPath = Path.GetDirectoryName(databasePath)!,
            ContentRootFileProvider = new NullFileProvider(),
        };
        var services = new ServiceCollection();
        services.AddLogging();
        services.AddGastroRefStore(configuration, environment);
        services.AddGastroRefSearch();
        var provider = services.BuildServiceProvider();
        await provider.GetRequiredService<StoreInitializer>().InitializeAsync(0, CancellationToken.None);
        return new BenchmarkStore(provider, databasePath);
    }

    public Task<SeedReport> SeedAsync() => _services.GetRequiredService<ContentSeeder>().SeedAsync();

    /// <summary>The database file's size after folding the write-ahead log into it.</summary>
    public async Task<long> SizeAsync()
    {
        await using (var connection = new SqliteConnection($"Data Source={DatabasePath}"))
        {
            await connection.OpenAsync();
            await using var command = connection.CreateCommand();
            command.CommandText = "PRAGMA wal_checkpoint(TRUNCATE)";
            await command.ExecuteNonQueryAsync();
        }

        return new FileInfo(DatabasePath).Length + (File.Exists(DatabasePath + "-wal") ? new FileInfo(DatabasePath + "-wal").Length : 0);
    }

    public async ValueTask DisposeAsync()
    {
        await _services.DisposeAsync();
        SqliteConnection.ClearAllPools();
    }
}
