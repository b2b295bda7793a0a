using System.Net.Http.Json;
using System.Text.Json;
using GastroRef.Web.Data;
using GastroRef.Web.Tests.Infrastructure;
using Microsoft.Data.Sqlite;
using Microsoft.Extensions.DependencyInjection;

namespace GastroRef.Web.Tests.Data;

/// <summary>What is derived per content version is built once, when the version is made, and read from memory.</summary>
public sealed class ContentSnapshotTests : IDisposable
{
    private readonly SiteFactory _site = new();

    public void Dispose() => _site.Dispose();

    [Fact]
    public async Task The_structure_list_comes_from_the_snapshot_not_from_a_store_read_per_call()
    {
        var client = await _site.ReadyClientAsync();
        var before = await client.GetFromJsonAsync<JsonElement[]>(new Uri("/api/structures", UriKind.Relative));

        // Changed behind the site's back: a list read from the store would show it at once.
        await ExecuteAsync("UPDATE Structures SET Title = 'Changed behind the snapshot' WHERE Slug = 'soleus'");
        var during = await client.GetFromJsonAsync<JsonElement[]>(new Uri("/api/structures", UriKind.Relative));

        Assert.Equal(before!.Length, during!.Length);
        Assert.Equal("Soleus", during.Single(s => s.GetProperty("slug").GetString() == "soleus").GetProperty("title").GetString());
        Assert.Contains(during, s => s.GetProperty("aliases").GetArrayLength() > 0);

        // A seeding that changes something publishes a new snapshot (the edited file wins over the change made behind).
        var path = Path.Combine(_site.ContentPath, "muscles", "soleus.md");
        await File.WriteAllTextAsync(path, (await File.ReadAllTextAsync(path)).Replace("title: Soleus", "title: Soleus (edited)", StringComparison.Ordinal));
        var version = _site.Services.GetRequiredService<StoreState>().Version;
        await _site.ReseedAsync();

        var after = await client.GetFromJsonAsync<JsonElement[]>(new Uri("/api/structures", UriKind.Relative));
        Assert.Equal("Soleus (edited)", after!.Single(s => s.GetProperty("slug").GetString() == "soleus").GetProperty("title").GetString());
        Assert.Equal(version + 1, _site.Services.GetRequiredService<StoreState>().Version);
    }

    [Fact]
    public async Task A_seeding_that_changes_nothing_keeps_the_published_snapshot()
    {
        await _site.ReadyClientAsync();
        var state = _site.Services.GetRequiredService<StoreState>();
        var snapshot = state.Snapshot;

        var report = await _site.ReseedAsync();

        Assert.False(report.Changed);
        Assert.Same(snapshot, state.Snapshot);
    }

    private async Task ExecuteAsync(string sql)
    {
        await using var connection = new SqliteConnection($"Data Source={_site.DatabasePath};Pooling=False");
        await connection.OpenAsync();
        await using var command = connection.CreateCommand();
        command.CommandText = sql;
        await command.ExecuteNonQueryAsync();
    }
}
