using GastroRef.Content;

namespace GastroRef.Web.Data;

/// <summary>Where the content comes from and where the store lives, resolved once at start-up.</summary>
public sealed record StoreOptions(string ContentPath, string ConnectionString, bool WatchContent)
{
    /// <summary>How long to wait before trying again when the store or the content cannot be read at
    /// start ("GastroRef:SeedRetrySeconds"); it doubles up to five minutes.</summary>
    public TimeSpan SeedRetryDelay { get; init; } = TimeSpan.FromSeconds(5);

    /// <summary>For readers: opens the store only if it exists, so a store deleted under the running site is reported
    /// (and rebuilt) instead of replaced by an empty database as a side effect of a page view.</summary>
    public string ReaderConnectionString => field ??= new Microsoft.Data.Sqlite.SqliteConnectionStringBuilder(ConnectionString)
    {
        Mode = Microsoft.Data.Sqlite.SqliteOpenMode.ReadWrite,
    }.ToString();

    /// <summary>The store file, or null for an in-memory store.</summary>
    public string? DatabasePath
    {
        get
        {
            var source = new Microsoft.Data.Sqlite.SqliteConnectionStringBuilder(ConnectionString).DataSource;
            return string.IsNullOrEmpty(source) || source == ":memory:" ? null : Path.GetFullPath(source);
        }
    }

    public static StoreOptions Resolve(IConfiguration configuration, IHostEnvironment environment)
    {
        ArgumentNullException.ThrowIfNull(configuration);
        ArgumentNullException.ThrowIfNull(environment);
        var configured = configuration["GastroRef:ContentPath"];
        var contentPath = string.IsNullOrWhiteSpace(configured)
            ? RepositoryContent.Find(environment.ContentRootPath) ?? RepositoryContent.Find(AppContext.BaseDirectory) ?? Path.Combine(environment.ContentRootPath, "content")
            : Path.GetFullPath(configured, environment.ContentRootPath);

        var connectionString = configuration.GetConnectionString("GastroRef");
        if (string.IsNullOrWhiteSpace(connectionString))
        {
            var dataFolder = Path.Combine(environment.ContentRootPath, "App_Data");
            Directory.CreateDirectory(dataFolder);
            connectionString = $"Data Source={Path.Combine(dataFolder, "gastroref.db")}";
        }

        var watch = configuration.GetValue<bool?>("GastroRef:WatchContent") ?? environment.IsDevelopment();
        var retry = configuration.GetValue<double?>("GastroRef:SeedRetrySeconds") ?? 5;
        return new(contentPath, connectionString, watch) { SeedRetryDelay = TimeSpan.FromSeconds(Math.Max(0.05, retry)) };
    }
}
