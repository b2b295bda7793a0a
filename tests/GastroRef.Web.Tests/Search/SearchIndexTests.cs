using GastroRef.Web.Data;
using GastroRef.Web.Search;
using GastroRef.Web.Tests.Infrastructure;
using Microsoft.Data.Sqlite;
using Microsoft.Extensions.DependencyInjection;

namespace GastroRef.Web.Tests.Search;

/// <summary>The index is written by seeding, in the same transaction: what the site serves is what search finds.
/// Each test has its own site, as they add, change and remove content files.</summary>
public sealed class SearchIndexTests : IDisposable
{
    private const string Probe = """
        ---
        title: Probe muscle
        type: muscle
        latin: Musculus probatorius
        aliases: [zephyr muscle]
        summary: A muscle written by a test, with a word found nowhere else, quintessentially.
        sources:
          - "Source one."
          - "Source two."
        updated: 2026-11-21
        ---

        ## Origin

        Arises from the [tibia](../bones/tibia.md#landmarks), beside the xylophonic ridge.

        ## Clinical notes

        ### Probe strain {#probe-strain}

        A strain of the probe muscle hurts in a marmalade-coloured way.
        """;

    private readonly SiteFactory _site = new();

    public void Dispose() => _site.Dispose();

    private async Task<SearchResults> SearchAsync(string query)
    {
        await _site.ReadyClientAsync();
        return await _site.Services.GetRequiredService<SearchEngine>().SearchAsync(query, null, 20, true, CancellationToken.None);
    }

    [Fact]
    public async Task Every_stored_structure_is_indexed_with_a_row_per_section_and_subsection()
    {
        await _site.ReadyClientAsync();
        await using var connection = new SqliteConnection($"Data Source={_site.DatabasePath}");
        await connection.OpenAsync();

        Assert.Equal(await ScalarAsync(connection, "SELECT count(*) FROM Structures"), await ScalarAsync(connection, "SELECT count(*) FROM SearchDocuments"));
        Assert.Equal(0, await ScalarAsync(connection, "SELECT count(*) FROM Structures WHERE Slug NOT IN (SELECT Slug FROM SearchDocuments)"));
        // Soleus: an overview row, its sections and the four subsections of its clinical notes.
        var soleusRows = await ScalarAsync(connection, "SELECT count(*) FROM SearchSections WHERE DocumentId = (SELECT Id FROM SearchDocuments WHERE Slug = 'soleus')");
        Assert.True(soleusRows >= 1 + 8 + 4, $"soleus has {soleusRows} section rows");
        Assert.Equal(1, await ScalarAsync(connection,
            "SELECT count(*) FROM SearchSections WHERE SectionId = 'deep-vein-thrombosis' AND SectionTitle = 'Clinical notes › Deep vein thrombosis' " +
            "AND DocumentId = (SELECT Id FROM SearchDocuments WHERE Slug = 'soleus')"));
        Assert.Equal(await ScalarAsync(connection, "SELECT count(*) FROM SearchDocuments"), await ScalarAsync(connection, "SELECT count(*) FROM SearchStructures"));
    }

    [Fact]
    public async Task A_first_seeding_leaves_the_full_text_index_with_its_default_buffer()
    {
        // The real content is large enough for the index writer to raise FTS5's hashsize while it writes.
        await _site.ReadyClientAsync();
        await using var connection = new SqliteConnection($"Data Source={_site.DatabasePath}");
        await connection.OpenAsync();

        Assert.True(await ScalarAsync(connection, "SELECT count(*) FROM SearchDocuments") > TermChanges.PageLimit);
        Assert.Equal(SearchSchema.DefaultHashSize, await ScalarAsync(connection, "SELECT v FROM SearchStructures_config WHERE k = 'hashsize'"));
    }

    [Fact]
    public async Task A_new_file_is_found_after_reseeding_down_to_its_subsection()
    {
        Assert.Empty((await SearchAsync("xylophonic")).Results);

        _site.WriteContent("muscles/probe-muscle.md", Probe);
        await _site.ReseedAsync();

        Assert.Equal("/anatomy/probe-muscle#origin", (await SearchAsync("xylophonic")).Results.Single().Url);
        Assert.Equal("/anatomy/probe-muscle#probe-strain", (await SearchAsync("marmalade")).Results.Single().Url);
        Assert.Equal("probe-muscle", (await SearchAsync("zephyr muscle")).Results[0].Slug);
        Assert.Equal("probe-muscle", (await SearchAsync("musculus probatorius")).Results[0].Slug);
    }

    [Fact]
    public async Task A_changed_file_loses_its_old_words_and_a_removed_file_leaves_the_index()
    {
        _site.WriteContent("muscles/probe-muscle.md", Probe);
        await _site.ReseedAsync();
        Assert.NotEmpty((await SearchAsync("quintessentially")).Results);

        _site.WriteContent("muscles/probe-muscle.md", Probe.Replace("quintessentially", "unmistakably", StringComparison.Ordinal));
        var changed = await _site.ReseedAsync();
        Assert.Equal(1, changed.Updated);
        Assert.Empty((await SearchAsync("quintessentially")).Results);
        Assert.Equal("probe-muscle", (await SearchAsync("unmistakably")).Results.Single().Slug);

        File.Delete(Path.Combine(_site.ContentPath, "muscles/probe-muscle.md"));
        var removed = await _site.ReseedAsync();
        Assert.Equal(1, removed.Removed);
        Assert.Empty((await SearchAsync("unmistakably")).Results);
        Assert.DoesNotContain((await SearchAsync("zephyr muscle")).Results, r => r.Slug == "probe-muscle");
        Assert.DoesNotContain("probe-muscle", (await _site.Services.GetRequiredService<SearchEngine>().SuggestAsync("zeph", 8, CancellationToken.None)).Select(s => s.Slug));
    }

    [Fact]
    public async Task A_change_to_the_synonyms_changes_the_results_without_touching_any_page()
    {
        Assert.Empty((await SearchAsync("zapatilla")).Results);

        var synonyms = Path.Combine(_site.ContentPath, "synonyms.yml");
        await File.AppendAllTextAsync(synonyms, "\nzapatilla: [soleus]\n");
        var report = await _site.ReseedAsync();

        Assert.Equal(0, report.Added + report.Updated + report.Removed);
        Assert.True(report.Changed);
        Assert.Equal("soleus", (await SearchAsync("zapatilla")).Results[0].Slug);
    }

    [Fact]
    public async Task Reseeding_unchanged_content_renders_nothing_again_and_reports_every_page_unchanged()
    {
        await _site.ReadyClientAsync();
        var before = await SearchAsync("soleus innervation");

        var report = await _site.ReseedAsync();

        Assert.Equal(0, report.Added + report.Updated + report.Removed);
        Assert.Equal(Directory.EnumerateFiles(_site.ContentPath, "*.md", SearchOption.AllDirectories).Count(), report.Unchanged);
        Assert.False(report.Changed);
        Assert.Equal(before.Results.Select(r => r.Url), (await SearchAsync("soleus innervation")).Results.Select(r => r.Url));
    }

    [Fact]
    public async Task A_page_is_rendered_again_when_a_section_it_links_to_disappears_though_its_own_file_did_not_change()
    {
        _site.WriteContent("muscles/probe-muscle.md", Probe);
        await _site.ReseedAsync();
        var state = _site.Services.GetRequiredService<StoreState>();
        Assert.DoesNotContain(state.Problems, p => p.Path == "muscles/probe-muscle.md" && p.IsError);

        // Tibia's "Landmarks" heading becomes "Bony features" (a new id): the probe's link to #landmarks is now broken.
        var tibia = Path.Combine(_site.ContentPath, "bones/tibia.md");
        var text = await File.ReadAllTextAsync(tibia);
        await File.WriteAllTextAsync(tibia, text.Replace("## Landmarks", "## Bony features", StringComparison.Ordinal));
        var report = await _site.ReseedAsync();

        Assert.Contains(state.Problems, p => p.Path == "muscles/probe-muscle.md" && p.IsError && p.Message.Contains("landmarks", StringComparison.Ordinal));
        Assert.True(report.Kept >= 1);
        Assert.Contains(_site.LogLines, line => line.Contains("Keeping the last good version", StringComparison.Ordinal) && line.Contains("probe-muscle", StringComparison.Ordinal));
    }

    [Fact]
    public async Task A_page_linking_to_a_renamed_slug_is_rendered_again_with_the_new_address()
    {
        _site.WriteContent("muscles/probe-muscle.md", Probe.Replace("(../bones/tibia.md#landmarks)", "(../bones/fibula.md)", StringComparison.Ordinal));
        var client = await _site.ReadyClientAsync();
        await _site.ReseedAsync();

        // The fibula file now sets its own slug; the probe muscle's file is unchanged.
        var fibula = Path.Combine(_site.ContentPath, "bones/fibula.md");
        var text = await File.ReadAllTextAsync(fibula);
        await File.WriteAllTextAsync(fibula, text.Replace("title: Fibula", "title: Fibula\nslug: fibula-bone\nredirect_from: [fibula]", StringComparison.Ordinal));
        await _site.ReseedAsync();

        var page = await Html.ParseAsync(await client.GetAsync(new Uri("/anatomy/probe-muscle", UriKind.Relative)));
        Assert.Equal("/anatomy/fibula-bone", page.QuerySelector("#origin p a")!.GetAttribute("href"));
    }

    private static async Task<long> ScalarAsync(SqliteConnection connection, string sql)
    {
        await using var command = connection.CreateCommand();
        command.CommandText = sql;
        return (long)(await command.ExecuteScalarAsync())!;
    }
}
