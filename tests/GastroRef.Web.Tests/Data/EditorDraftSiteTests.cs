using System.Net;
using GastroRef.Content;
using GastroRef.Web.Tests.Infrastructure;

namespace GastroRef.Web.Tests.Data;

/// <summary>What the site makes of an editor's draft and of one broken file.</summary>
public sealed class EditorDraftSiteTests : IDisposable
{
    private readonly SiteFactory _site = new();

    public void Dispose() => _site.Dispose();

    [Fact]
    public async Task A_page_made_by_new_is_not_served_anywhere()
    {
        var client = await _site.ReadyClientAsync();
        // A slug no real page uses, so the draft is the only file that could show it.
        _site.WriteContent("muscles/draft-muscle.md", Skeleton.Create("muscle", "draft-muscle", new DateOnly(2026, 12, 7)));
        var report = await _site.ReseedAsync();

        Assert.DoesNotContain(report.Problems, p => p.IsError);
        Assert.Equal(HttpStatusCode.NotFound, (await client.GetAsync(new Uri("/anatomy/draft-muscle", UriKind.Relative))).StatusCode);
        foreach (var url in new[] { "/api/structures", "/sitemap.xml", "/api/search?q=todo", "/api/search?q=draft", "/anatomy" })
        {
            var body = await client.GetStringAsync(new Uri(url, UriKind.Relative));
            Assert.DoesNotContain("draft-muscle", body, StringComparison.Ordinal);
        }
    }

    [Fact]
    public async Task While_one_file_is_broken_the_pages_that_link_to_it_keep_updating()
    {
        var client = await _site.ReadyClientAsync();
        var soleus = Path.Combine(_site.ContentPath, "muscles", "soleus.md");
        await File.WriteAllTextAsync(soleus, (await File.ReadAllTextAsync(soleus)).Replace("title: Soleus", "title: \"Soleus", StringComparison.Ordinal));
        var gastrocnemius = Path.Combine(_site.ContentPath, "muscles", "gastrocnemius.md");
        await File.WriteAllTextAsync(gastrocnemius, (await File.ReadAllTextAsync(gastrocnemius)).Replace("title: Gastrocnemius\n", "title: Gastrocnemius (edited)\n", StringComparison.Ordinal));

        var report = await _site.ReseedAsync();

        var error = Assert.Single(report.Problems, p => p.IsError);
        Assert.Equal("muscles/soleus.md", error.Path);
        var page = await Html.ParseAsync(await client.GetAsync(new Uri("/anatomy/gastrocnemius", UriKind.Relative)));
        Assert.Equal("Gastrocnemius (edited)", page.QuerySelector("h1")!.TextContent.Trim());
        Assert.Equal(HttpStatusCode.OK, (await client.GetAsync(new Uri("/anatomy/soleus", UriKind.Relative))).StatusCode);
        Assert.Contains(_site.LogLines, l => l.Contains("Keeping the last good version of soleus: its file has errors", StringComparison.Ordinal));
    }
}
