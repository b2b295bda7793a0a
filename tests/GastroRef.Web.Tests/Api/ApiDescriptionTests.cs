using System.Net;
using System.Text.Json;
using GastroRef.Web.Tests.Infrastructure;

namespace GastroRef.Web.Tests.Api;

/// <summary>What lets people and other sites use the API: CORS, the OpenAPI document, the guide page and absolute URLs.</summary>
public sealed class ApiDescriptionTests(SiteFactory site) : IClassFixture<SiteFactory>
{
    [Theory]
    [InlineData("/api/structures/soleus")]
    [InlineData("/api/structures")]
    [InlineData("/api/search?q=soleus")]
    [InlineData("/api/suggest?q=sol")]
    public async Task Another_sites_page_may_read_every_api_answer(string path)
    {
        var client = await site.ReadyClientAsync();
        using var request = new HttpRequestMessage(HttpMethod.Get, new Uri(path, UriKind.Relative));
        request.Headers.Add("Origin", "https://teacher.example.edu");

        var response = await client.SendAsync(request);

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal("*", Assert.Single(response.Headers.GetValues("Access-Control-Allow-Origin")));
    }

    [Fact]
    public async Task A_preflight_for_the_api_is_allowed_and_pages_get_no_cors_header()
    {
        var client = await site.ReadyClientAsync();
        using var preflight = new HttpRequestMessage(HttpMethod.Options, new Uri("/api/structures/soleus", UriKind.Relative));
        preflight.Headers.Add("Origin", "https://teacher.example.edu");
        preflight.Headers.Add("Access-Control-Request-Method", "GET");
        var allowed = await client.SendAsync(preflight);
        Assert.Equal(HttpStatusCode.NoContent, allowed.StatusCode);
        Assert.Equal("*", Assert.Single(allowed.Headers.GetValues("Access-Control-Allow-Origin")));

        using var page = new HttpRequestMessage(HttpMethod.Get, new Uri("/anatomy/soleus", UriKind.Relative));
        page.Headers.Add("Origin", "https://teacher.example.edu");
        Assert.False((await client.SendAsync(page)).Headers.Contains("Access-Control-Allow-Origin"));
    }

    [Fact]
    public async Task The_openapi_document_lists_every_api_endpoint()
    {
        var client = await site.ReadyClientAsync();
        var response = await client.GetAsync(new Uri("/openapi/v1.json", UriKind.Relative));
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        using var json = JsonDocument.Parse(await response.Content.ReadAsStringAsync());

        var paths = json.RootElement.GetProperty("paths").EnumerateObject().Select(p => p.Name).ToList();
        foreach (var path in new[] { "/api/search", "/api/suggest", "/api/structures", "/api/structures/{slug}", "/api/structures/{slug}/relations" })
        {
            Assert.Contains(path, paths);
        }

        Assert.Equal("GastroRef API", json.RootElement.GetProperty("info").GetProperty("title").GetString());
        var structure = json.RootElement.GetProperty("paths").GetProperty("/api/structures/{slug}").GetProperty("get");
        Assert.True(structure.GetProperty("responses").TryGetProperty("404", out _));
    }

    [Fact]
    public async Task The_footer_api_link_leads_to_a_guide_for_people()
    {
        var client = await site.ReadyClientAsync();
        var home = await Html.ParseAsync(await client.GetAsync(new Uri("/", UriKind.Relative)));
        var link = home.QuerySelectorAll("footer a").Single(a => a.TextContent == "API").GetAttribute("href");
        Assert.Equal("/api", link);

        var response = await client.GetAsync(new Uri(link!, UriKind.Relative));
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal("text/html", response.Content.Headers.ContentType!.MediaType);
        var guide = await Html.ParseAsync(response);
        Assert.NotNull(guide.QuerySelector("main a[href='/openapi/v1.json']"));
        Assert.NotNull(guide.QuerySelector("main a[href='/api/structures']"));
        Assert.NotNull(guide.QuerySelector("main a[href='/api/search?q=soleus']"));
    }
}

/// <summary>With a public address configured, API URLs use it whatever host the request named.</summary>
public sealed class ApiPublicUrlTests : IDisposable
{
    private readonly SiteFactory _site = new();

    public void Dispose() => _site.Dispose();

    [Fact]
    public async Task Api_urls_use_the_public_address()
    {
        _site.Settings["GastroRef:PublicBaseUrl"] = "https://gastroref.example.org";
        var client = await _site.ReadyClientAsync();

        using var json = JsonDocument.Parse(await client.GetStringAsync(new Uri("/api/structures/soleus", UriKind.Relative)));

        Assert.Equal("https://gastroref.example.org/anatomy/soleus", json.RootElement.GetProperty("url").GetString());
        var linked = json.RootElement.GetProperty("relations").EnumerateArray().SelectMany(r => r.GetProperty("structures").EnumerateArray());
        Assert.All(linked, s => Assert.StartsWith("https://gastroref.example.org/anatomy/", s.GetProperty("url").GetString(), StringComparison.Ordinal));
    }
}
