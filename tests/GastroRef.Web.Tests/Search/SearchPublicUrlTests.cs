using System.Text.Json;
using GastroRef.Web.Tests.Infrastructure;

namespace GastroRef.Web.Tests.Search;

/// <summary>Behind a proxy, the search engine description, suggestions and search results use the configured public address.</summary>
public sealed class SearchPublicUrlTests : IDisposable
{
    private readonly SiteFactory _site = new();

    public void Dispose() => _site.Dispose();

    [Fact]
    public async Task Opensearch_and_its_suggestions_use_the_configured_public_url()
    {
        _site.Settings["GastroRef:PublicBaseUrl"] = "https://gastroref.example.org/";
        var client = await _site.ReadyClientAsync();

        var description = await client.GetStringAsync(new Uri("/opensearch.xml", UriKind.Relative));
        Assert.Contains("template=\"https://gastroref.example.org/search?q={searchTerms}\"", description, StringComparison.Ordinal);
        Assert.DoesNotContain("localhost", description, StringComparison.Ordinal);

        using var suggestions = JsonDocument.Parse(await client.GetStringAsync(new Uri("/api/suggest?format=opensearch&q=sol", UriKind.Relative)));
        Assert.Contains("https://gastroref.example.org/anatomy/soleus", suggestions.RootElement[3].EnumerateArray().Select(u => u.GetString()));

        using var suggest = JsonDocument.Parse(await client.GetStringAsync(new Uri("/api/suggest?q=sol", UriKind.Relative)));
        Assert.Contains("https://gastroref.example.org/anatomy/soleus", suggest.RootElement.GetProperty("suggestions").EnumerateArray().Select(s => s.GetProperty("url").GetString()));
        using var search = JsonDocument.Parse(await client.GetStringAsync(new Uri("/api/search?q=soleus", UriKind.Relative)));
        Assert.Equal("https://gastroref.example.org/anatomy/soleus", search.RootElement.GetProperty("results")[0].GetProperty("url").GetString());
    }
}
