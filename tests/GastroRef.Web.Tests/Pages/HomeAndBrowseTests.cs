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
        Assert.Contains("lower limb", page.QuerySelector("h1")!.TextContent, StringComparison.Ordinal);
        Assert.DoesNotContain("calf", page.QuerySelector("h1")!.TextContent, StringComparison.OrdinalIgnoreCase);
    }

    [Fact]
    public async Task Browse_and_home_nest_the_regions_as_they_are_part_of_each_other()
    {
        var client = await site.ReadyClientAsync();
        var browse = await Html.ParseAsync(await client.GetAsync(new Uri("/anatomy", UriKind.Relative)));
        var regionFiles = Directory.EnumerateFiles(Path.Combine(site.ContentPath, "regions"), "*.md").Select(Path.GetFileNameWithoutExtension).ToHashSet();

        // Every region appears once in the tree, and each inner list sits under the region it is part of.
        var tree = browse.QuerySelector("main .browse-regions > ul.region-tree")!;
        var named = tree.QuerySelectorAll("li > a:first-child").Select(a => a.GetAttribute("href")!["/anatomy/".Length..]).ToList();
        Assert.Equal(regionFiles.Order(), named.Order());
        foreach (var item in tree.QuerySelectorAll("li"))
        {
            var slug = item.QuerySelector("a")!.GetAttribute("href")!["/anatomy/".Length..];
            var parentItem = item.ParentElement!.ParentElement;
            if (parentItem is { LocalName: "li" })
            {
                var parent = parentItem.QuerySelector("a")!.GetAttribute("href")!["/anatomy/".Length..];
                var text = await File.ReadAllTextAsync(Directory.EnumerateFiles(site.ContentPath, slug + ".md", SearchOption.AllDirectories).Single());
                Assert.Matches($@"part_of:\s*\[[^\]]*\b{parent}\b", text);
            }

            var count = item.QuerySelector("a.count")!;
            Assert.Equal($"/anatomy?region={slug}", count.GetAttribute("href"));
        }

        // The home page shows the same tree two levels deep, the parts of the limb from the hip down.
        var home = await Html.ParseAsync(await client.GetAsync(new Uri("/", UriKind.Relative)));
        var homeTree = home.QuerySelector("main section[aria-labelledby='regions-heading'] ul.region-tree")!;
        Assert.Empty(homeTree.QuerySelectorAll("ul.region-tree ul.region-tree ul.region-tree"));
        Assert.Equal(
            ["/anatomy/gluteal-region", "/anatomy/thigh", "/anatomy/knee-region", "/anatomy/leg", "/anatomy/ankle-and-foot"],
            homeTree.QuerySelectorAll(":scope > li > ul.region-tree > li > a:first-child").Select(a => a.GetAttribute("href")));
        Assert.Equal(
            tree.Children.Select(li => li.QuerySelector("a")!.GetAttribute("href")),
            homeTree.Children.Select(li => li.QuerySelector("a")!.GetAttribute("href")));
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
