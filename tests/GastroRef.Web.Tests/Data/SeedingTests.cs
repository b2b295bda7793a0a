using System.Net;
using GastroRef.Web.Tests.Infrastructure;

namespace GastroRef.Web.Tests.Data;

/// <summary>Each test gets its own site: they add, change and break content files.</summary>
public sealed class SeedingTests : IDisposable
{
    private const string NewStructure = """
        ---
        title: Test Structure
        type: muscle
        latin: Musculus probatorius
        aliases: [probe muscle]
        summary: A structure written by a test.
        key_facts:
          innervation: "[Tibial nerve](../nerves/tibial-nerve.md) (S1)"
        relations:
          innervated_by: [tibial-nerve]
        redirect_from: [old-test-structure]
        retired_ids:
          palpation: testing
        sources:
          - "Source one."
          - "Source two."
        updated: 2026-11-21
        ---

        Opening words.

        ## Origin

        Arises somewhere; see [the nerve's branches](../nerves/tibial-nerve.md#branches).

        ## Testing and palpation

        Feel it.
        """;

    private readonly SiteFactory _site = new();

    public void Dispose() => _site.Dispose();

    [Fact]
    public async Task A_new_file_dropped_into_content_appears_after_reseeding()
    {
        var client = await _site.ReadyClientAsync();
        Assert.Equal(HttpStatusCode.NotFound, (await client.GetAsync(new Uri("/anatomy/test-structure", UriKind.Relative))).StatusCode);

        _site.WriteContent("muscles/test-structure.md", NewStructure);
        var report = await _site.ReseedAsync();

        Assert.Equal(1, report.Added);
        var page = await Html.ParseAsync(await client.GetAsync(new Uri("/anatomy/test-structure", UriKind.Relative)));
        Assert.Equal("Test Structure", page.QuerySelector("h1")!.TextContent.Trim());
        Assert.Equal("/anatomy/tibial-nerve#branches", page.QuerySelector("#origin p a")!.GetAttribute("href"));
    }

    [Fact]
    public async Task Redirect_from_slugs_answer_301_and_retired_section_ids_still_land_on_their_section()
    {
        _site.WriteContent("muscles/test-structure.md", NewStructure);
        var client = await _site.ReadyClientAsync();

        var redirect = await client.GetAsync(new Uri("/anatomy/old-test-structure", UriKind.Relative));
        Assert.Equal(HttpStatusCode.MovedPermanently, redirect.StatusCode);
        Assert.Equal("/anatomy/test-structure", redirect.Headers.Location!.OriginalString);

        var page = await Html.ParseAsync(await client.GetAsync(new Uri("/anatomy/test-structure", UriKind.Relative)));
        var retired = page.GetElementById("palpation");
        Assert.NotNull(retired);
        Assert.Equal("testing", retired!.ParentElement!.Id);
    }

    [Fact]
    public async Task A_broken_file_is_logged_with_its_line_and_every_other_page_keeps_working()
    {
        _site.WriteContent("muscles/broken.md", "---\ntitle: Broken\ntype: muscle\ncolour: red\n---\n\n## Origin\n\nText.\n");
        var client = await _site.ReadyClientAsync();

        Assert.Contains(_site.LogLines, line => line.Contains("muscles/broken.md:4: unknown field 'colour'", StringComparison.Ordinal));
        Assert.Equal(HttpStatusCode.NotFound, (await client.GetAsync(new Uri("/anatomy/broken", UriKind.Relative))).StatusCode);
        Assert.Equal(HttpStatusCode.OK, (await client.GetAsync(new Uri("/anatomy/gastrocnemius", UriKind.Relative))).StatusCode);
        Assert.Equal(HttpStatusCode.OK, (await client.GetAsync(new Uri("/anatomy/soleus", UriKind.Relative))).StatusCode);
    }

    [Fact]
    public async Task When_a_valid_file_is_broken_its_last_good_version_stays_served()
    {
        var client = await _site.ReadyClientAsync();
        var path = Path.Combine(_site.ContentPath, "muscles", "soleus.md");
        var original = await File.ReadAllTextAsync(path);
        var broken = original.Replace("type: muscle", "type: musle", StringComparison.Ordinal);
        await File.WriteAllTextAsync(path, broken);

        var report = await _site.ReseedAsync();

        Assert.Equal(1, report.Kept);
        Assert.Contains(report.Problems, p => p.Path == "muscles/soleus.md" && p.Message.Contains("unknown type 'musle'", StringComparison.Ordinal));
        var page = await Html.ParseAsync(await client.GetAsync(new Uri("/anatomy/soleus", UriKind.Relative)));
        Assert.Equal("Soleus", page.QuerySelector("h1")!.TextContent.Trim());
        Assert.Equal(broken, await File.ReadAllTextAsync(path)); // the editor's file is never touched
    }

    [Fact]
    public async Task Reseeding_unchanged_content_rewrites_nothing_and_a_change_rewrites_only_that_page()
    {
        await _site.ReadyClientAsync();
        var again = await _site.ReseedAsync();
        Assert.Equal(0, again.Added + again.Updated + again.Removed);
        Assert.True(again.Unchanged >= 30);

        var path = Path.Combine(_site.ContentPath, "muscles", "plantaris.md");
        await File.AppendAllTextAsync(path, "\nOne more sentence for the test.\n");
        var changed = await _site.ReseedAsync();
        Assert.Equal(1, changed.Updated);
        Assert.Equal(0, changed.Added + changed.Removed);
    }

    [Fact]
    public async Task A_deleted_file_takes_its_page_away()
    {
        _site.WriteContent("muscles/test-structure.md", NewStructure);
        var client = await _site.ReadyClientAsync();
        File.Delete(Path.Combine(_site.ContentPath, "muscles", "test-structure.md"));

        var report = await _site.ReseedAsync();

        Assert.Equal(1, report.Removed);
        Assert.Equal(HttpStatusCode.NotFound, (await client.GetAsync(new Uri("/anatomy/test-structure", UriKind.Relative))).StatusCode);
    }

    [Fact]
    public async Task Hostile_markdown_is_served_inert()
    {
        _site.WriteContent("muscles/hostile.md", """
            ---
            title: Hostile
            type: muscle
            sources: ["a", "b"]
            ---

            <script>alert(1)</script>

            ## Origin {onclick=alert(5)}

            [a](javascript:alert(1)) ![i](javascript:alert(2)) <javascript:alert(3)> [b](java&#115;cript:alert(4))
            [c](data:text/html,x) [d](vbscript:msgbox(1)) <img src=x onerror=alert(6)>
            """);
        var client = await _site.ReadyClientAsync();
        var response = await client.GetAsync(new Uri("/anatomy/hostile", UriKind.Relative));
        var html = await response.Content.ReadAsStringAsync();
        var page = await Html.ParseAsync(response);

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Empty(page.QuerySelectorAll("article script, article img, article [onclick], article [onerror]"));
        Assert.DoesNotContain(page.QuerySelectorAll("a[href], img[src]"), e =>
        {
            var url = (e.GetAttribute("href") ?? e.GetAttribute("src"))!.Trim().ToLowerInvariant();
            return url.StartsWith("javascript:", StringComparison.Ordinal) || url.StartsWith("data:", StringComparison.Ordinal) || url.StartsWith("vbscript:", StringComparison.Ordinal);
        });
        Assert.Contains("&lt;script&gt;", html, StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_corrupted_store_file_is_rebuilt_from_content_with_a_log_line()
    {
        await File.WriteAllTextAsync(_site.DatabasePath, "this is not a database, just text that got here somehow");
        var client = await _site.ReadyClientAsync();

        Assert.Equal(HttpStatusCode.OK, (await client.GetAsync(new Uri("/anatomy/gastrocnemius", UriKind.Relative))).StatusCode);
        Assert.Contains(_site.LogLines, line => line.Contains("Rebuilding the store from content", StringComparison.Ordinal));
    }
}
