using System.Collections.Concurrent;
using System.Globalization;
using GastroRef.Web.Data;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Mvc.Testing;
using Microsoft.Data.Sqlite;
using Microsoft.Extensions.DependencyInjection;
using Serilog.Core;
using Serilog.Events;
using Serilog.Formatting.Display;

namespace GastroRef.Web.Tests.Infrastructure;

/// <summary>The real site over a private copy of content/ and a temporary SQLite file, so tests can add,
/// change and break content files without touching the repository.</summary>
public sealed class SiteFactory : WebApplicationFactory<Program>
{
    private readonly string _root = Path.Combine(Path.GetTempPath(), "gastroref-tests", Guid.NewGuid().ToString("N"));

    private readonly bool _watchContent;

    public SiteFactory()
        : this(watchContent: false)
    {
    }

    // Internal: xunit needs a class fixture to have a single public constructor.
    internal SiteFactory(bool watchContent)
    {
        _watchContent = watchContent;
        ContentPath = Path.Combine(_root, "content");
        DatabasePath = Path.Combine(_root, "store.db");
        CopyDirectory(RepositoryPaths.Content, ContentPath);
    }

    public string ContentPath { get; }

    public string DatabasePath { get; }

    public ConcurrentQueue<string> LogLines { get; } = new();

    /// <summary>Extra configuration, set before the site starts. Tests share one client address, so the
    /// per-client search budget is lifted unless a test sets its own; any host name is answered (some tests
    /// need other hosts than localhost) unless a test removes "AllowedHosts".</summary>
    public Dictionary<string, string?> Settings { get; } = new()
    {
        ["AllowedHosts"] = "*",
        ["GastroRef:RateLimits:Search:Burst"] = "1000000",
        ["GastroRef:RateLimits:Search:PerSecond"] = "1000000",
    };

    protected override void ConfigureWebHost(IWebHostBuilder builder)
    {
        builder.UseEnvironment("Testing");
        builder.UseSetting("GastroRef:ContentPath", ContentPath);
        builder.UseSetting("ConnectionStrings:GastroRef", $"Data Source={DatabasePath}");
        builder.UseSetting("GastroRef:WatchContent", _watchContent ? "true" : "false");
        foreach (var (key, value) in Settings)
        {
            builder.UseSetting(key, value);
        }

        builder.ConfigureServices(services => services.AddSingleton<ILogEventSink>(new ListSink(LogLines)));
    }

    /// <summary>The client after the first seeding, so tests see the whole store.</summary>
    public async Task<HttpClient> ReadyClientAsync()
    {
        var client = CreateClient(new WebApplicationFactoryClientOptions { AllowAutoRedirect = false });
        await WaitUntilSeededAsync();
        return client;
    }

    /// <summary>Waits for the first seeding before seeding again: the store's tables are made by that first run.</summary>
    public async Task<SeedReport> ReseedAsync()
    {
        await WaitUntilSeededAsync();
        return await Services.GetRequiredService<ContentSeeder>().SeedAsync();
    }

    /// <summary>Starts the site if it is not running and waits until its first seeding is done.</summary>
    public Task WaitUntilSeededAsync() => Services.GetRequiredService<StoreState>().Ready.WaitAsync(TimeSpan.FromSeconds(60));

    public void WriteContent(string relativePath, string text)
    {
        var path = Path.Combine(ContentPath, relativePath);
        Directory.CreateDirectory(Path.GetDirectoryName(path)!);
        File.WriteAllText(path, text);
    }

    protected override void Dispose(bool disposing)
    {
        base.Dispose(disposing);
        SqliteConnection.ClearAllPools();
        try
        {
            Directory.Delete(_root, recursive: true);
        }
        catch (IOException)
        {
            // A temp folder left behind is harmless.
        }
    }

    private static void CopyDirectory(string from, string to)
    {
        foreach (var file in Directory.EnumerateFiles(from, "*", SearchOption.AllDirectories))
        {
            var target = Path.Combine(to, Path.GetRelativePath(from, file));
            Directory.CreateDirectory(Path.GetDirectoryName(target)!);
            File.Copy(file, target);
        }
    }

    /// <summary>Keeps every log event as "Level: message", with the framework's level names.</summary>
    private sealed class ListSink(ConcurrentQueue<string> lines) : ILogEventSink
    {
        private static readonly MessageTemplateTextFormatter Message = new("{Message:lj}", CultureInfo.InvariantCulture);

        public void Emit(LogEvent logEvent)
        {
            var level = logEvent.Level switch
            {
                LogEventLevel.Verbose => "Trace",
                LogEventLevel.Fatal => "Critical",
                var other => other.ToString(),
            };
            using var text = new StringWriter(CultureInfo.InvariantCulture);
            Message.Format(logEvent, text);
            lines.Enqueue($"{level}: {text}");
        }
    }
}

public static class RepositoryPaths
{
    public static string Root { get; } = FindRoot();

    public static string Content => Path.Combine(Root, "content");

    /// <summary>The <c>updated</c> date a real content file gives, so tests follow the content instead of a copy of it.</summary>
    public static DateOnly UpdatedOf(string slug)
    {
        var file = Directory.EnumerateFiles(Content, slug + ".md", SearchOption.AllDirectories).Single();
        var line = File.ReadLines(file).First(l => l.StartsWith("updated:", StringComparison.Ordinal));
        return DateOnly.ParseExact(line["updated:".Length..].Trim(), "yyyy-MM-dd", CultureInfo.InvariantCulture);
    }

    /// <summary>The date as the APA citation writes it: "2026, November 21".</summary>
    public static string ApaDateOf(string slug) => UpdatedOf(slug).ToString("yyyy, MMMM d", CultureInfo.InvariantCulture);

    private static string FindRoot()
    {
        for (var dir = new DirectoryInfo(AppContext.BaseDirectory); dir is not null; dir = dir.Parent)
        {
            if (File.Exists(Path.Combine(dir.FullName, "GastroRef.sln")))
            {
                return dir.FullName;
            }
        }

        throw new InvalidOperationException("GastroRef.sln not found above the test binaries.");
    }
}
