using System.Globalization;
using System.Net;
using System.Xml.Linq;
using AngleSharp.Dom;
using GastroRef.Web.Tests.Infrastructure;

namespace GastroRef.Web.Tests.Discovery;

/// <summary>Sitemap, robots.txt, canonical links and link-preview meta.</summary>
public sealed class DiscoveryTests(SiteFactory site) : IClassFixture<SiteFactory>
{
    private static readonly XNamespace Sitemap = "http://www.sitemaps.org/schemas/sitemap/0.9";

    [Fact]
    public async Task Sitemap_lists_the_main_pages_and_every_structure_with_its_last_update()
    {
        var client = await site.ReadyClientAsync();
        var response = await client.GetAsync(new Uri("/sitemap.xml", UriKind.Relative));

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal("application/xml", response.Content.Headers.ContentType!.MediaType);
        var xml = XDocument.Parse(await response.Content.ReadAsStringAsync());
        Assert.Equal(Sitemap + "urlset", xml.Root!.Name);
        var urls = xml.Root.Elements(Sitemap + "url").ToDictionary(u => u.Element(Sitemap + "loc")!.Value, u => u.Element(Sitemap + "lastmod")?.Value);
        Assert.Contains("http://localhost/", urls.Keys);
        Assert.Contains("http://localhost/anatomy", urls.Keys);
        Assert.Contains("http://localhost/compare", urls.Keys);
        Assert.Equal(RepositoryPaths.UpdatedOf("gastrocnemius").ToString("yyyy-MM-dd", CultureInfo.InvariantCulture), urls["http://localhost/anatomy/gastrocnemius"]);
        var files = Directory.EnumerateFiles(site.ContentPath, "*.md", SearchOption.AllDirectories).Count();
        Assert.Equal(files, urls.Keys.Count(u => u.StartsWith("http://localhost/anatomy/", StringComparison.Ordinal)));
        foreach (var loc in urls.Keys.Take(5))
        {
            Assert.Equal(HttpStatusCode.OK, (await client.GetAsync(new Uri(loc))).StatusCode);
        }
    }

    [Fact]
    public async Task Robots_txt_points_to_the_sitemap()
    {
        var client = await site.ReadyClientAsync();
        var text = await client.GetStringAsync(new Uri("/robots.txt", UriKind.Relative));

        Assert.Contains("User-agent: *", text, StringComparison.Ordinal);
        Assert.Contains("Sitemap: http://localhost/sitemap.xml", text, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("/", "http://localhost/", "website")]
    [InlineData("/anatomy", "http://localhost/anatomy", "website")]
    [InlineData("/anatomy?type=muscle&region=popliteal-fossa&utm_source=chat", "http://localhost/anatomy?type=muscle&region=popliteal-fossa", "website")]
    [InlineData("/anatomy/gastrocnemius?ref=course", "http://localhost/anatomy/gastrocnemius", "article")]
    [InlineData("/anatomy/tennis-leg", "http://localhost/anatomy/tennis-leg", "article")]
    [InlineData("/compare?a=gastrocnemius&b=soleus", "http://localhost/compare?a=gastrocnemius&b=soleus", "website")]
    [InlineData("/compare", "http://localhost/compare", "website")]
    public async Task Every_page_has_one_canonical_link_and_open_graph_and_description_meta(string path, string canonical, string ogType)
    {
        var page = await GetAsync(path, HttpStatusCode.OK);

        Assert.Equal(canonical, Assert.Single(page.QuerySelectorAll("link[rel=canonical]")).GetAttribute("href"));
        Assert.Equal(canonical, Meta(page, "og:url"));
        Assert.Equal(ogType, Meta(page, "og:type"));
        Assert.Equal("GastroRef", Meta(page, "og:site_name"));
        Assert.False(string.IsNullOrWhiteSpace(Meta(page, "og:title")));
        var description = page.QuerySelector("meta[name=description]")!.GetAttribute("content");
        Assert.False(string.IsNullOrWhiteSpace(description));
        Assert.Equal(description, Meta(page, "og:description"));
        Assert.Equal("summary", page.QuerySelector("meta[name='twitter:card']")!.GetAttribute("content"));
    }

    [Fact]
    public async Task A_pasted_article_link_previews_with_the_structure_title_and_summary()
    {
        var client = await site.ReadyClientAsync();
        using var api = System.Text.Json.JsonDocument.Parse(await client.GetStringAsync(new Uri("/api/structures/soleus", UriKind.Relative)));
        var page = await GetAsync("/anatomy/soleus", HttpStatusCode.OK);

        Assert.Equal("Soleus", Meta(page, "og:title"));
        Assert.Equal(api.RootElement.GetProperty("summary").GetString(), Meta(page, "og:description"));
        Assert.Equal(RepositoryPaths.UpdatedOf("soleus").ToString("yyyy-MM-dd", CultureInfo.InvariantCulture), Meta(page, "article:modified_time"));
    }

    [Fact]
    public async Task Not_found_and_bad_request_pages_have_no_canonical_and_are_not_indexed()
    {
        foreach (var (path, status) in new[] { ("/anatomy/no-such-muscle", HttpStatusCode.NotFound), ("/anatomy?type=bogus", HttpStatusCode.BadRequest) })
        {
            var page = await GetAsync(path, status);
            Assert.Null(page.QuerySelector("link[rel=canonical]"));
            Assert.Equal("noindex", page.QuerySelector("meta[name=robots]")!.GetAttribute("content"));
            Assert.NotNull(Meta(page, "og:title"));
        }
    }

    private async Task<IDocument> GetAsync(string path, HttpStatusCode expected)
    {
        var client = await site.ReadyClientAsync();
        var response = await client.GetAsync(new Uri(path, UriKind.Relative));
        Assert.Equal(expected, response.StatusCode);
        return await Html.ParseAsync(response);
    }

    private static string? Meta(IDocument page, string property) =>
        page.QuerySelector($"meta[property='{property}']")?.GetAttribute("content");
}
