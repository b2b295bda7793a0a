using System.Net;
using GastroRef.Web.Tests.Infrastructure;

namespace GastroRef.Web.Tests.Pages;

public sealed class HomeAndBrowseTests(SiteFactory site) : IClassFixture<SiteFactory>
{
    [Fact]
    public async Task Home_says_what_the_site_is_and_leads_into_it()
    {
        var client = await site.ReadyClientAsync();
        var response = await client.GetAsync(new Uri("/", UriKind.Relative));
        var page = await Html.ParseAsync(response);

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Contains("anatomy reference", page.QuerySelector("main")!.TextContent, StringComparison.OrdinalIgnoreCase);
        Assert.NotNull(page.QuerySelector("main a[href='/anatomy/gastrocnemius']"));
        Assert.NotNull(page.QuerySelector("main a[href^='/anatomy']"));
        Assert.NotNull(page.QuerySelector("header form[action='/search'] input[name=q]"));
    }

    [Fact]
    public async Task Browse_lists_every_structure_grouped_by_type()
    {
        var client = await site.ReadyClientAsync();
        var page = await Html.ParseAsync(await client.GetAsync(new Uri("/anatomy", UriKind.Relative)));

        var groups = page.QuerySelectorAll("main h2").Select(h => h.Id).ToList();
        Assert.Contains("type-muscle", groups);
        Assert.Contains("type-nerve", groups);
        var links = page.QuerySelectorAll("main .structure-list a").Select(a => a.GetAttribute("href")).ToList();
        var files = Directory.EnumerateFiles(site.ContentPath, "*.md", SearchOption.AllDirectories).Count();
        Assert.Equal(files, links.Count);
        Assert.Contains("/anatomy/gastrocnemius", links);
    }

    [Fact]
    public async Task Healthz_answers_200_once_the_store_is_ready()
    {
        var client = await site.ReadyClientAsync();
        var response = await client.GetAsync(new Uri("/healthz", UriKind.Relative));

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
    }
}
