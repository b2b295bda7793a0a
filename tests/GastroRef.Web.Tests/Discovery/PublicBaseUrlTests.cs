using System.Text.Json;
using GastroRef.Web.Tests.Infrastructure;
using Microsoft.AspNetCore.Hosting;

namespace GastroRef.Web.Tests.Discovery;

/// <summary>With GastroRef:PublicBaseUrl set, every public URL uses it instead of the request's host.</summary>
public sealed class PublicBaseUrlTests : IDisposable
{
    private readonly SiteFactory _site = new();

    public void Dispose() => _site.Dispose();

    [Fact]
    public async Task Canonical_links_sitemap_json_ld_and_citations_use_the_configured_public_url()
    {
        _site.Settings["GastroRef:PublicBaseUrl"] = "https://gastroref.example.org/";
        var client = await _site.ReadyClientAsync();

        var page = await Html.ParseAsync(await client.GetAsync(new Uri("/anatomy/soleus", UriKind.Relative)));
        Assert.Equal("https://gastroref.example.org/anatomy/soleus", page.QuerySelector("link[rel=canonical]")!.GetAttribute("href"));
        Assert.EndsWith("Available from: https://gastroref.example.org/anatomy/soleus", page.QuerySelector("#cite-vancouver")!.TextContent.Trim(), StringComparison.Ordinal);
        using var jsonLd = JsonDocument.Parse(page.QuerySelector("script[type='application/ld+json']")!.TextContent);
        Assert.Equal("https://gastroref.example.org/anatomy/soleus", jsonLd.RootElement.GetProperty("@graph")[0].GetProperty("url").GetString());

        var sitemap = await client.GetStringAsync(new Uri("/sitemap.xml", UriKind.Relative));
        Assert.Contains("<loc>https://gastroref.example.org/anatomy/soleus</loc>", sitemap, StringComparison.Ordinal);
        Assert.DoesNotContain("localhost", sitemap, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("gastroref.example.org")]
    [InlineData("ftp://gastroref.example.org")]
    [InlineData("https://gastroref.example.org/?x=1")]
    public void A_malformed_public_url_stops_the_site_at_start_up_with_the_reason(string value)
    {
        using var configured = _site.WithWebHostBuilder(b => b.UseSetting("GastroRef:PublicBaseUrl", value));

        var error = Assert.ThrowsAny<Exception>(() => configured.CreateClient());
        Assert.Contains("GastroRef:PublicBaseUrl must be an absolute http or https URL", error.ToString(), StringComparison.Ordinal);
    }
}
