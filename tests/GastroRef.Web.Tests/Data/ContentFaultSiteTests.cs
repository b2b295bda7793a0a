using System.Net;
using GastroRef.Web.Tests.Infrastructure;

namespace GastroRef.Web.Tests.Data;

/// <summary>Content faults through the running site with the watcher on: one file's fault stays that file's.</summary>
public sealed class ContentFaultSiteTests : IDisposable
{
    private static readonly string DeepBody = new string('*', 400) + "a" + new string('*', 400);

    private readonly SiteFactory _site = new(watchContent: true);

    public void Dispose() => _site.Dispose();

    [Fact]
    public async Task A_file_markdig_cannot_render_leaves_a_fresh_store_full_and_other_edits_flowing()
    {
        _site.WriteContent("muscles/deep.md", $"---\ntitle: Deep\ntype: muscle\n---\n\n## Origin\n\n{DeepBody}\n");
        var client = await _site.ReadyClientAsync();

        Assert.Equal(HttpStatusCode.OK, (await client.GetAsync(new Uri("/anatomy/soleus", UriKind.Relative))).StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, (await client.GetAsync(new Uri("/anatomy/deep", UriKind.Relative))).StatusCode);
        Assert.Contains(_site.LogLines, l => l.StartsWith("Error:", StringComparison.Ordinal) && l.Contains("muscles/deep.md:8:", StringComparison.Ordinal));

        await EditTitleAsync("muscles/plantaris.md", "Plantaris", "Plantaris (edited)");
        Assert.Equal("Plantaris (edited)", await WaitForTitleAsync(client, "plantaris", "Plantaris (edited)"));
    }

    [Fact]
    public async Task A_second_file_with_a_slug_does_not_take_the_page_and_deleting_it_changes_nothing()
    {
        var client = await _site.ReadyClientAsync();
        var soleus = await File.ReadAllTextAsync(Path.Combine(_site.ContentPath, "muscles", "soleus.md"));
        _site.WriteContent("bones/soleus.md", soleus.Replace("title: Soleus", "title: Impostor", StringComparison.Ordinal));

        for (var i = 0; i < 100 && !_site.LogLines.Any(l => l.Contains("bones/soleus.md:1: the slug 'soleus' is already used by muscles/soleus.md", StringComparison.Ordinal)); i++)
        {
            await Task.Delay(100);
        }

        Assert.Contains(_site.LogLines, l => l.Contains("bones/soleus.md:1: the slug 'soleus' is already used by muscles/soleus.md", StringComparison.Ordinal));
        Assert.Equal("Soleus", await TitleAsync(client, "soleus"));

        // Other pages keep updating while the newcomer is there, and the original is served after it goes.
        await EditTitleAsync("muscles/plantaris.md", "Plantaris", "Plantaris (edited)");
        Assert.Equal("Plantaris (edited)", await WaitForTitleAsync(client, "plantaris", "Plantaris (edited)"));
        File.Delete(Path.Combine(_site.ContentPath, "bones", "soleus.md"));
        await EditTitleAsync("muscles/soleus.md", "Soleus", "Soleus (edited)");
        Assert.Equal("Soleus (edited)", await WaitForTitleAsync(client, "soleus", "Soleus (edited)"));
        var report = await _site.ReseedAsync();
        Assert.DoesNotContain(report.Problems, p => p.IsError);
    }

    private async Task EditTitleAsync(string relative, string from, string to)
    {
        var path = Path.Combine(_site.ContentPath, relative);
        var text = await File.ReadAllTextAsync(path);
        await File.WriteAllTextAsync(path, text.Replace($"title: {from}\n", $"title: {to}\n", StringComparison.Ordinal));
    }

    private static async Task<string> WaitForTitleAsync(HttpClient client, string slug, string expected)
    {
        var title = "";
        for (var attempt = 0; attempt < 100 && title != expected; attempt++)
        {
            await Task.Delay(100);
            title = await TitleAsync(client, slug);
        }

        return title;
    }

    private static async Task<string> TitleAsync(HttpClient client, string slug)
    {
        var page = await Html.ParseAsync(await client.GetAsync(new Uri($"/anatomy/{slug}", UriKind.Relative)));
        return page.QuerySelector("h1")?.TextContent.Trim() ?? "";
    }
}
