using System.Diagnostics;
using System.Net;
using System.Text;
using GastroRef.Web.Data;
using GastroRef.Web.Tests.Infrastructure;
using Microsoft.Data.Sqlite;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;

namespace GastroRef.Web.Tests.Data;

/// <summary>A store seeded from the repository's content, made once and copied into each test's site.</summary>
public sealed class SeededStore : IDisposable
{
    private readonly string _path = Path.Combine(Path.GetTempPath(), "gastroref-tests", $"seeded-{Guid.NewGuid():N}.db");

    public SeededStore()
    {
        using var site = new SiteFactory();
        site.ReadyClientAsync().GetAwaiter().GetResult();
        using var source = new SqliteConnection($"Data Source={site.DatabasePath}");
        using var target = new SqliteConnection($"Data Source={_path};Pooling=False");
        source.Open();
        target.Open();
        source.BackupDatabase(target);
        using var count = source.CreateCommand();
        count.CommandText = "SELECT count(*) FROM Structures";
        Structures = Convert.ToInt32(count.ExecuteScalar(), System.Globalization.CultureInfo.InvariantCulture);
    }

    public int Structures { get; }

    public void CopyTo(string path) => File.Copy(_path, path, overwrite: true);

    public void Dispose()
    {
        SqliteConnection.ClearAllPools();
        File.Delete(_path);
    }
}

/// <summary>Whatever happened to the store file before start, the site starts healthy: the store is
/// derived from content/, so it is rebuilt, and it says so in the log.</summary>
public sealed class StoreFaultTests(SeededStore seeded) : IClassFixture<SeededStore>, IDisposable
{
    private readonly SiteFactory _site = new();

    public void Dispose() => _site.Dispose();

    [Fact]
    public async Task A_deleted_store_is_built_again_with_a_log_line_and_its_leftover_wal_is_not_replayed()
    {
        // Only the main file was deleted; the -wal beside it holds committed pages of the old store,
        // which SQLite would replay into a new database of the same name.
        seeded.CopyTo(_site.DatabasePath);
        var wal = await File.ReadAllBytesAsync(await WriteUncheckpointedChangeAsync());
        SqliteConnection.ClearAllPools();
        foreach (var file in Directory.GetFiles(Path.GetDirectoryName(_site.DatabasePath)!, "store.db*"))
        {
            File.Delete(file);
        }

        await File.WriteAllBytesAsync(_site.DatabasePath + "-wal", wal);

        var client = await AssertHealthyAsync();

        var page = await Html.ParseAsync(await client.GetAsync(new Uri("/anatomy/gastrocnemius", UriKind.Relative)));
        Assert.Equal("Gastrocnemius", page.QuerySelector("h1")!.TextContent.Trim());
        Assert.Equal("ok", await ScalarAsync("PRAGMA integrity_check"));

        Assert.Contains(_site.LogLines, line => line.Contains($"Building the store from content: there is no store file at {_site.DatabasePath}", StringComparison.Ordinal));
    }

    [Theory]
    [InlineData(0.0)]
    [InlineData(0.001)]
    [InlineData(0.5)]
    [InlineData(0.9)]
    public async Task A_truncated_store_is_rebuilt_from_content_with_a_log_line(double keep)
    {
        seeded.CopyTo(_site.DatabasePath);
        await using (var file = new FileStream(_site.DatabasePath, FileMode.Open))
        {
            file.SetLength((long)(file.Length * keep));
        }

        await AssertHealthyAsync();

        Assert.Contains(_site.LogLines, line => line.Contains("Rebuilding the store from content", StringComparison.Ordinal));
        Assert.Equal(seeded.Structures, await CountStructuresAsync());
    }

    [Fact]
    public async Task A_store_damaged_in_the_middle_is_rebuilt_from_content_with_a_log_line()
    {
        seeded.CopyTo(_site.DatabasePath);
        await using (var file = new FileStream(_site.DatabasePath, FileMode.Open))
        {
            // Keep the header (first page) intact so SQLite opens the file and has to look inside.
            var garbage = new byte[file.Length / 2];
            new Random(7).NextBytes(garbage);
            file.Position = 4096;
            await file.WriteAsync(garbage);
        }

        await AssertHealthyAsync();

        Assert.Contains(_site.LogLines, line => line.Contains("Rebuilding the store from content: the database file", StringComparison.Ordinal));
    }

    [Fact]
    public async Task A_healthy_store_is_kept_and_not_rebuilt()
    {
        seeded.CopyTo(_site.DatabasePath);

        await AssertHealthyAsync();

        Assert.DoesNotContain(_site.LogLines, line => line.Contains("store from content", StringComparison.Ordinal));
        Assert.Contains(_site.LogLines, line => line.Contains($"0 added, 0 updated, 0 removed, {seeded.Structures} unchanged", StringComparison.Ordinal));
    }

    /// <summary>Seeding writes in one transaction: a process killed in the middle of it leaves the store as
    /// it was (SQLite ignores the uncommitted part of the WAL), and the next start simply seeds again.</summary>
    [Fact]
    public async Task A_process_killed_while_seeding_leaves_the_old_store_and_the_next_start_is_healthy()
    {
        WriteGeneratedStructures(count: 1500);
        var killedMidTransaction = false;
        for (var attempt = 0; attempt < 4 && !killedMidTransaction; attempt++)
        {
            seeded.CopyTo(_site.DatabasePath);
            killedMidTransaction = await RunSiteAndKillWhileWritingAsync(TimeSpan.FromMilliseconds(150 / (attempt + 1)));
        }

        Assert.True(killedMidTransaction, "the seeding child process was never caught inside its transaction");

        // Before anything else opens it: the store is intact and holds exactly the old content.
        Assert.Equal("ok", await ScalarAsync("PRAGMA quick_check"));
        Assert.Equal(seeded.Structures, await CountStructuresAsync());
        Assert.Equal(0L, await ScalarAsync("SELECT count(*) FROM Structures WHERE Slug LIKE 'generated-%'"));

        var client = await AssertHealthyAsync();

        Assert.DoesNotContain(_site.LogLines, line => line.Contains("store from content", StringComparison.Ordinal));
        Assert.Equal(HttpStatusCode.OK, (await client.GetAsync(new Uri("/anatomy/generated-0777", UriKind.Relative))).StatusCode);
        Assert.Equal(seeded.Structures + 1500, await CountStructuresAsync());
    }

    [Fact]
    public async Task A_missing_content_folder_is_a_clear_error_the_site_stays_up_and_recovers_when_it_appears()
    {
        var moved = _site.ContentPath + "-elsewhere";
        Directory.Move(_site.ContentPath, moved);
        _site.Settings["GastroRef:SeedRetrySeconds"] = "0.2";
        var client = _site.CreateClient();

        var health = await WaitForHealthAsync(client, HttpStatusCode.ServiceUnavailable);

        // The reason is public: no path in it (the log has the whole message).
        Assert.Contains("the content or the store cannot be read", health, StringComparison.Ordinal);
        Assert.DoesNotContain(_site.ContentPath, health, StringComparison.Ordinal);
        Assert.Contains(_site.LogLines, line => line.Contains($"The content folder {_site.ContentPath} cannot be read", StringComparison.Ordinal));
        Assert.Contains(_site.LogLines, line => line.StartsWith("Critical: The content folder", StringComparison.Ordinal));
        await Task.Delay(TimeSpan.FromSeconds(1)); // several retries
        AssertStillRunning();
        Assert.Equal(HttpStatusCode.NotFound, (await client.GetAsync(new Uri("/anatomy/gastrocnemius", UriKind.Relative))).StatusCode);

        Directory.Move(moved, _site.ContentPath);

        Assert.StartsWith("ok:", await WaitForHealthAsync(client, HttpStatusCode.OK), StringComparison.Ordinal);
        Assert.Equal(HttpStatusCode.OK, (await client.GetAsync(new Uri("/anatomy/gastrocnemius", UriKind.Relative))).StatusCode);
    }

    [Fact]
    public async Task A_content_path_that_is_a_file_is_a_clear_error_and_not_a_crash()
    {
        Directory.Delete(_site.ContentPath, recursive: true);
        await File.WriteAllTextAsync(_site.ContentPath, "not a folder");
        _site.Settings["GastroRef:SeedRetrySeconds"] = "0.2";
        var client = _site.CreateClient();

        var health = await WaitForHealthAsync(client, HttpStatusCode.ServiceUnavailable);

        Assert.Contains("cannot be read", health, StringComparison.Ordinal);
        await Task.Delay(TimeSpan.FromSeconds(1));
        AssertStillRunning();
        Assert.Contains(_site.LogLines, line => line.Contains("Trying to seed from", StringComparison.Ordinal));
    }

    [Fact]
    public async Task A_store_that_cannot_be_created_is_a_clear_error_and_not_a_crash()
    {
        // The store's folder is a file: SQLite cannot create the database.
        var blocked = Path.Combine(Path.GetDirectoryName(_site.DatabasePath)!, "blocked");
        await File.WriteAllTextAsync(blocked, "a file where a folder should be");
        _site.Settings["ConnectionStrings:GastroRef"] = $"Data Source={Path.Combine(blocked, "store.db")}";
        _site.Settings["GastroRef:SeedRetrySeconds"] = "0.2";
        var client = _site.CreateClient();

        var health = await WaitForHealthAsync(client, HttpStatusCode.ServiceUnavailable);

        Assert.Contains("The store cannot be prepared", health, StringComparison.Ordinal);
        var page = await client.GetAsync(new Uri("/anatomy/gastrocnemius", UriKind.Relative));
        Assert.Equal(HttpStatusCode.ServiceUnavailable, page.StatusCode);
        await Task.Delay(TimeSpan.FromSeconds(1));
        AssertStillRunning();
    }

    [Fact]
    public async Task A_store_deleted_under_the_running_site_is_rebuilt_while_cached_pages_are_served_and_the_rest_answers_503()
    {
        // Enough pages that the rebuild takes a moment to watch.
        WriteGeneratedStructures(count: 400);
        var client = await _site.ReadyClientAsync();
        var cached = await client.GetStringAsync(new Uri("/anatomy/soleus", UriKind.Relative));

        _site.Services.GetRequiredService<ReaderPool>().Clear();
        File.Delete(_site.DatabasePath);

        var statuses = new List<string>();
        var healed = false;
        var clock = Stopwatch.StartNew();
        for (var i = 0; clock.Elapsed < TimeSpan.FromSeconds(60) && !healed; i++)
        {
            // A page kept in the page cache is served all along, byte for byte.
            var hit = await client.GetAsync(new Uri("/anatomy/soleus", UriKind.Relative));
            Assert.Equal(HttpStatusCode.OK, hit.StatusCode);
            Assert.Equal(cached, await hit.Content.ReadAsStringAsync());

            var page = await client.GetAsync(new Uri($"/anatomy/plantaris?n={i}", UriKind.Relative));
            var search = await client.GetAsync(new Uri("/api/search?q=soleus", UriKind.Relative));
            foreach (var response in new[] { page, search })
            {
                if (response.StatusCode == HttpStatusCode.ServiceUnavailable)
                {
                    Assert.NotNull(response.Headers.RetryAfter);
                }
                else
                {
                    Assert.Equal(HttpStatusCode.OK, response.StatusCode);
                }
            }

            if (search.StatusCode == HttpStatusCode.OK)
            {
                // Never an empty answer that looks like "no results".
                Assert.Contains("\"slug\":\"soleus\"", await search.Content.ReadAsStringAsync(), StringComparison.Ordinal);
            }

            statuses.Add($"{(int)page.StatusCode}/{(int)search.StatusCode}");
            healed = statuses.Any(s => s.StartsWith("503", StringComparison.Ordinal)) && page.StatusCode == HttpStatusCode.OK && search.StatusCode == HttpStatusCode.OK;
            await Task.Delay(50);
        }

        Assert.True(healed, $"never answered 503 and then healed: {string.Join(" ", statuses.Distinct())}");
        Assert.StartsWith("ok:", await WaitForHealthAsync(client, HttpStatusCode.OK), StringComparison.Ordinal);
        Assert.Equal(seeded.Structures + 400, await CountStructuresAsync());
        Assert.Contains(_site.LogLines, line => line.Contains($"The store is lost (the store file {_site.DatabasePath} was deleted)", StringComparison.Ordinal));
        Assert.Contains(_site.LogLines, line => line.Contains("The store was rebuilt from content", StringComparison.Ordinal));
        Assert.DoesNotContain(_site.LogLines, line => line.Contains("responded 500", StringComparison.Ordinal) || line.Contains("unhandled exception", StringComparison.OrdinalIgnoreCase));
        AssertStillRunning();
    }

    [Fact]
    public async Task A_store_made_read_only_heals_once_writable_again_without_another_content_change()
    {
        using var site = new SiteFactory(watchContent: true);
        site.Settings["GastroRef:SeedRetrySeconds"] = "0.2";
        var client = await site.ReadyClientAsync();

        SetReadOnly(site.DatabasePath, readOnly: true);
        try
        {
            site.Services.GetRequiredService<ReaderPool>().Clear();
            var path = Path.Combine(site.ContentPath, "muscles", "plantaris.md");
            await File.WriteAllTextAsync(path, (await File.ReadAllTextAsync(path)).Replace("title: Plantaris", "title: Plantaris (edited)", StringComparison.Ordinal));

            await WaitForHealthAsync(client, HttpStatusCode.ServiceUnavailable);
            Assert.Contains(site.LogLines, line => line.Contains("readonly", StringComparison.OrdinalIgnoreCase));
        }
        finally
        {
            SetReadOnly(site.DatabasePath, readOnly: false);
        }

        // No content change from here on: the retry alone must bring the edit in.
        Assert.StartsWith("ok:", await WaitForHealthAsync(client, HttpStatusCode.OK), StringComparison.Ordinal);
        var page = await Html.ParseAsync(await client.GetAsync(new Uri("/anatomy/plantaris", UriKind.Relative)));
        Assert.Equal("Plantaris (edited)", page.QuerySelector("h1")!.TextContent.Trim());
    }

    /// <summary>chmod alone does not stop root (these tests may run as root): then the file is also made immutable.</summary>
    private static void SetReadOnly(string path, bool readOnly)
    {
        // An immutable file cannot be chmod-ed: make it mutable first, immutable last.
        var root = Environment.UserName == "root";
        if (root && !readOnly)
        {
            Run("chattr", "-i", path);
        }

        Run("chmod", readOnly ? "0444" : "0644", path);
        if (root && readOnly)
        {
            Run("chattr", "+i", path);
        }

        static void Run(string program, params string[] arguments)
        {
            using var process = Process.Start(new ProcessStartInfo(program, arguments) { UseShellExecute = false })!;
            process.WaitForExit();
            Assert.Equal(0, process.ExitCode);
        }
    }

    private async Task<HttpClient> AssertHealthyAsync()
    {
        var client = await _site.ReadyClientAsync();
        var health = await client.GetAsync(new Uri("/healthz", UriKind.Relative));
        Assert.Equal(HttpStatusCode.OK, health.StatusCode);
        Assert.Equal(HttpStatusCode.OK, (await client.GetAsync(new Uri("/anatomy/gastrocnemius", UriKind.Relative))).StatusCode);
        Assert.Equal(HttpStatusCode.OK, (await client.GetAsync(new Uri("/anatomy", UriKind.Relative))).StatusCode);
        return client;
    }

    private void AssertStillRunning()
    {
        Assert.False(_site.Services.GetRequiredService<IHostApplicationLifetime>().ApplicationStopping.IsCancellationRequested, "the site is shutting down");
        var seeding = _site.Services.GetServices<IHostedService>().OfType<ContentSeedingService>().Single();
        Assert.False(seeding.ExecuteTask?.IsFaulted ?? false, "the seeding service crashed");
    }

    private static async Task<string> WaitForHealthAsync(HttpClient client, HttpStatusCode wanted)
    {
        var last = "";
        for (var attempt = 0; attempt < 100; attempt++)
        {
            var response = await client.GetAsync(new Uri("/healthz", UriKind.Relative));
            last = await response.Content.ReadAsStringAsync();
            if (response.StatusCode == wanted && !last.StartsWith("starting", StringComparison.Ordinal))
            {
                return last;
            }

            await Task.Delay(100);
        }

        throw new Xunit.Sdk.XunitException($"/healthz never answered {wanted}; last: {last}");
    }

    private void WriteGeneratedStructures(int count)
    {
        var paragraph = string.Join(' ', Enumerable.Repeat("The structure lies deep to the fascia and is supplied by small branches that enter it from the side.", 8));
        for (var i = 0; i < count; i++)
        {
            var slug = $"generated-{i:0000}";
            _site.WriteContent($"generated/{slug}.md", $"""
                ---
                title: Generated structure {i}
                type: muscle
                summary: A structure written by a test to make seeding take a while.
                sources: ["One.", "Two."]
                updated: 2026-11-21
                ---

                {paragraph}

                ## Origin

                {paragraph}

                ## Insertion

                {paragraph}

                ## Innervation

                {paragraph}

                ## Function

                {paragraph}
                """);
        }
    }

    /// <summary>Runs the real site in a child process over this test's content and store, and kills it
    /// <paramref name="delay"/> after it has started writing. True when the kill landed inside the transaction.</summary>
    private async Task<bool> RunSiteAndKillWhileWritingAsync(TimeSpan delay)
    {
        var start = new ProcessStartInfo("dotnet")
        {
            WorkingDirectory = AppContext.BaseDirectory,
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
        };
        start.ArgumentList.Add(Path.Combine(AppContext.BaseDirectory, "GastroRef.Web.dll"));
        start.Environment["ASPNETCORE_ENVIRONMENT"] = "Production";
        start.Environment["ASPNETCORE_URLS"] = "http://127.0.0.1:0";
        start.Environment["GastroRef__ContentPath"] = _site.ContentPath;
        start.Environment["ConnectionStrings__GastroRef"] = $"Data Source={_site.DatabasePath}";
        start.Environment["GastroRef__WatchContent"] = "false";

        using var child = Process.Start(start)!;
        var output = new StringBuilder();
        var writing = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        child.OutputDataReceived += (_, e) =>
        {
            lock (output)
            {
                output.AppendLine(e.Data);
            }

            if (e.Data?.Contains("Writing 1500 changed pages", StringComparison.Ordinal) == true)
            {
                writing.TrySetResult();
            }
        };
        child.ErrorDataReceived += (_, e) =>
        {
            lock (output)
            {
                output.AppendLine(e.Data);
            }
        };
        child.BeginOutputReadLine();
        child.BeginErrorReadLine();
        try
        {
            await writing.Task.WaitAsync(TimeSpan.FromSeconds(120));
            await Task.Delay(delay);
        }
        finally
        {
            child.Kill(entireProcessTree: true); // SIGKILL: no shutdown, no rollback, no checkpoint
            await child.WaitForExitAsync();
        }

        SqliteConnection.ClearAllPools();
        lock (output)
        {
            return !output.ToString().Contains("Seeded 1500 added", StringComparison.Ordinal);
        }
    }

    /// <summary>Changes the store and copies its WAL before any checkpoint folds it into the file.</summary>
    private async Task<string> WriteUncheckpointedChangeAsync()
    {
        var copy = _site.DatabasePath + ".wal-copy";
        await using var connection = new SqliteConnection($"Data Source={_site.DatabasePath};Pooling=False");
        await connection.OpenAsync();
        await using var command = connection.CreateCommand();
        command.CommandText = "PRAGMA journal_mode=WAL; PRAGMA wal_autocheckpoint=0; UPDATE Structures SET Title = Title || ' (old)';";
        await command.ExecuteNonQueryAsync();
        Assert.True(new FileInfo(_site.DatabasePath + "-wal").Length > 0);
        File.Copy(_site.DatabasePath + "-wal", copy);
        return copy;
    }

    private async Task<long> CountStructuresAsync() => (long)(await ScalarAsync("SELECT count(*) FROM Structures"))!;

    private async Task<object?> ScalarAsync(string sql)
    {
        await using var connection = new SqliteConnection($"Data Source={_site.DatabasePath};Pooling=False");
        await connection.OpenAsync();
        await using var command = connection.CreateCommand();
        command.CommandText = sql;
        return await command.ExecuteScalarAsync();
    }
}
