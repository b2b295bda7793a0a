using System.Net;
using System.Text.Json;
using AngleSharp;
using GastroRef.Web.Infrastructure;
using GastroRef.Web.Tests.Infrastructure;

namespace GastroRef.Web.Tests.Instructors;

public sealed class EmbedTests : IClassFixture<SiteFactory>
{
    private readonly SiteFactory _site;

    public EmbedTests(SiteFactory site) => _site = site;

    private static Dictionary<string, string> Directives(HttpResponseMessage response) =>
        Assert.Single(response.Headers.GetValues("Content-Security-Policy"))
            .Split(';', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries)
            .ToDictionary(d => d.Split(' ')[0], d => d[(d.IndexOf(' ', StringComparison.Ordinal) + 1)..]);

    [Theory]
    [InlineData("/embed/anatomy/soleus/innervation")]
    [InlineData("/embed/anatomy/soleus")]
    public async Task Embeds_may_be_framed_by_any_site_with_the_rest_of_the_policy_unchanged(string path)
    {
        var client = await _site.ReadyClientAsync();

        var response = await client.GetAsync(new Uri(path, UriKind.Relative));

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        var embed = Directives(response);
        Assert.Equal("*", embed["frame-ancestors"]);
        Assert.False(response.Headers.Contains("X-Frame-Options"));
        var site = SecurityHeaders.ContentSecurityPolicy.Split(';', StringSplitOptions.TrimEntries).Where(d => !d.StartsWith("frame-ancestors", StringComparison.Ordinal));
        Assert.All(site, directive => Assert.Equal(directive[(directive.IndexOf(' ', StringComparison.Ordinal) + 1)..], embed[directive.Split(' ')[0]]));
    }

    [Theory]
    [InlineData("/anatomy/soleus")]
    [InlineData("/lists?i=soleus/innervation")]
    [InlineData("/embedded")]
    public async Task Other_pages_still_refuse_to_be_framed(string path)
    {
        var client = await _site.ReadyClientAsync();

        var response = await client.GetAsync(new Uri(path, UriKind.Relative));

        Assert.Equal("'none'", Directives(response)["frame-ancestors"]);
        Assert.Equal("DENY", Assert.Single(response.Headers.GetValues("X-Frame-Options")));
    }

    [Fact]
    public async Task A_section_embed_is_the_section_alone_with_a_link_to_the_full_page_in_a_new_tab()
    {
        var client = await _site.ReadyClientAsync();

        var page = await Html.ParseAsync(await client.GetAsync(new Uri("/embed/anatomy/soleus/innervation", UriKind.Relative)));

        Assert.Null(page.QuerySelector(".site-header"));
        Assert.Null(page.QuerySelector(".site-footer"));
        Assert.Equal("_blank", page.QuerySelector("base")!.GetAttribute("target"));
        var back = page.QuerySelector(".embed-credit a")!;
        Assert.EndsWith("/anatomy/soleus#innervation", back.GetAttribute("href"), StringComparison.Ordinal);
        Assert.Equal("_blank", back.GetAttribute("target"));
        Assert.Contains("Innervation", page.QuerySelector("h1")!.TextContent, StringComparison.Ordinal);
        Assert.NotNull(page.QuerySelector("script[src*='/js/embed']"));
        // Same-page links of the article would lead nowhere inside the frame.
        Assert.Empty(page.QuerySelectorAll("main a[href^='#']"));
    }

    [Theory]
    [InlineData("/embed/anatomy/soleus/no-such-section")]
    [InlineData("/embed/anatomy/no-such-page/innervation")]
    [InlineData("/embed/anatomy/no-such-page")]
    [InlineData("/embed/anatomy/so%20leus/x")]
    public async Task An_embed_of_nothing_is_404(string path)
    {
        var client = await _site.ReadyClientAsync();

        var response = await client.GetAsync(new Uri(path, UriKind.Relative));

        Assert.Equal(HttpStatusCode.NotFound, response.StatusCode);
    }
}

public sealed class OEmbedTests : IClassFixture<SiteFactory>
{
    private readonly SiteFactory _site;

    public OEmbedTests(SiteFactory site) => _site = site;

    private static async Task<JsonElement> JsonAsync(HttpResponseMessage response)
    {
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal("application/json", response.Content.Headers.ContentType!.MediaType);
        return JsonDocument.Parse(await response.Content.ReadAsStringAsync()).RootElement;
    }

    [Fact]
    public async Task An_article_section_address_becomes_a_rich_embed_of_that_section()
    {
        var client = await _site.ReadyClientAsync();
        var url = Uri.EscapeDataString("http://localhost/anatomy/soleus#innervation:~:text=two%20routes");

        var json = await JsonAsync(await client.GetAsync(new Uri($"/oembed?url={url}&maxwidth=400&format=json", UriKind.Relative)));

        Assert.Equal("1.0", json.GetProperty("version").GetString());
        Assert.Equal("rich", json.GetProperty("type").GetString());
        Assert.Equal("GastroRef", json.GetProperty("provider_name").GetString());
        Assert.Equal("http://localhost/", json.GetProperty("provider_url").GetString());
        Assert.Equal("Soleus: Innervation", json.GetProperty("title").GetString());
        Assert.Equal(400, json.GetProperty("width").GetInt32());
        Assert.True(json.GetProperty("height").GetInt32() > 0);
        var html = await BrowsingContext.New().OpenAsync(r => r.Content(json.GetProperty("html").GetString()!));
        var frame = html.QuerySelector("iframe")!;
        Assert.Equal("http://localhost/embed/anatomy/soleus/innervation", frame.GetAttribute("src"));
        Assert.Equal("400", frame.GetAttribute("width"));
        Assert.Equal(json.GetProperty("height").GetInt32().ToString(System.Globalization.CultureInfo.InvariantCulture), frame.GetAttribute("height"));
        Assert.False(string.IsNullOrEmpty(frame.GetAttribute("title")));
    }

    [Fact]
    public async Task An_article_address_embeds_the_page_summary_within_maxheight()
    {
        var client = await _site.ReadyClientAsync();

        var json = await JsonAsync(await client.GetAsync(new Uri("/oembed?url=http%3A%2F%2Flocalhost%2Fanatomy%2Fgastrocnemius&maxheight=200", UriKind.Relative)));

        Assert.Equal("Gastrocnemius", json.GetProperty("title").GetString());
        Assert.Equal(200, json.GetProperty("height").GetInt32());
        Assert.Contains("src=\"http://localhost/embed/anatomy/gastrocnemius\"", json.GetProperty("html").GetString(), StringComparison.Ordinal);
    }

    [Fact]
    public async Task Articles_carry_the_discovery_link()
    {
        var client = await _site.ReadyClientAsync();

        var page = await Html.ParseAsync(await client.GetAsync(new Uri("/anatomy/soleus", UriKind.Relative)));

        var link = page.QuerySelector("link[rel=alternate][type='application/json+oembed']")!;
        Assert.Equal("http://localhost/oembed?url=http%3A%2F%2Flocalhost%2Fanatomy%2Fsoleus&format=json", link.GetAttribute("href"));
        var json = await JsonAsync(await client.GetAsync(new Uri(link.GetAttribute("href")!)));
        Assert.Equal("Soleus", json.GetProperty("title").GetString());
    }

    [Theory]
    [InlineData("url=https%3A%2F%2Fexample.org%2Fanatomy%2Fsoleus", HttpStatusCode.NotFound)]
    [InlineData("url=http%3A%2F%2Flocalhost.example.org%2Fanatomy%2Fsoleus", HttpStatusCode.NotFound)]
    [InlineData("url=http%3A%2F%2Flocalhost%2Fanatomy%2Fno-such-page", HttpStatusCode.NotFound)]
    [InlineData("url=http%3A%2F%2Flocalhost%2Fsearch%3Fq%3Dsoleus", HttpStatusCode.NotFound)]
    [InlineData("url=http%3A%2F%2Flocalhost%2Fanatomy%2Fsoleus&format=xml", HttpStatusCode.NotImplemented)]
    [InlineData("", HttpStatusCode.BadRequest)]
    [InlineData("url=not+a+url", HttpStatusCode.BadRequest)]
    [InlineData("url=javascript%3Aalert(1)", HttpStatusCode.BadRequest)]
    [InlineData("url=http%3A%2F%2Flocalhost%2Fanatomy%2Fsoleus&maxwidth=-5", HttpStatusCode.BadRequest)]
    [InlineData("url=http%3A%2F%2Flocalhost%2Fanatomy%2Fsoleus&maxheight=tall", HttpStatusCode.BadRequest)]
    public async Task Addresses_that_are_not_ours_or_not_valid_are_refused_plainly(string query, HttpStatusCode expected)
    {
        var client = await _site.ReadyClientAsync();

        var response = await client.GetAsync(new Uri("/oembed?" + query, UriKind.Relative));

        Assert.Equal(expected, response.StatusCode);
    }
}
