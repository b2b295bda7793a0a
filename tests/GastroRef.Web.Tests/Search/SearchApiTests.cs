using System.Net;
using System.Text.Json;
using System.Text.RegularExpressions;
using System.Xml.Linq;
using GastroRef.Web.Tests.Infrastructure;

namespace GastroRef.Web.Tests.Search;

public sealed class SearchApiTests(SiteFactory site) : IClassFixture<SiteFactory>
{
    private async Task<(HttpResponseMessage Response, JsonDocument Json)> GetJsonAsync(string url)
    {
        var client = await site.ReadyClientAsync();
        var response = await client.GetAsync(new Uri(url, UriKind.Relative));
        return (response, JsonDocument.Parse(await response.Content.ReadAsStringAsync()));
    }

    [Fact]
    public async Task Search_json_has_the_documented_shape()
    {
        var (response, json) = await GetJsonAsync("/api/search?q=soleus%20innervation");
        using var _ = json;
        var root = json.RootElement;

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal("application/json", response.Content.Headers.ContentType!.MediaType);
        Assert.Equal("soleus innervation", root.GetProperty("query").GetString());
        Assert.Equal(JsonValueKind.Null, root.GetProperty("correctedQuery").ValueKind);
        Assert.True(root.GetProperty("total").GetInt32() >= root.GetProperty("results").GetArrayLength());
        Assert.True(root.GetProperty("matchedAllWords").GetBoolean());

        var first = root.GetProperty("results")[0];
        Assert.Equal("soleus", first.GetProperty("slug").GetString());
        Assert.Equal("Soleus", first.GetProperty("title").GetString());
        Assert.Equal("muscle", first.GetProperty("type").GetString());
        Assert.Equal("innervation", first.GetProperty("section").GetString());
        Assert.Equal("Innervation", first.GetProperty("sectionTitle").GetString());
        Assert.Equal("http://localhost/anatomy/soleus#innervation", first.GetProperty("url").GetString());
        Assert.DoesNotContain("<", first.GetProperty("snippet").GetString(), StringComparison.Ordinal);
        Assert.NotEqual(0, first.GetProperty("highlights").GetArrayLength());
        Assert.Contains("<mark>", first.GetProperty("snippetHtml").GetString(), StringComparison.Ordinal);
        Assert.Equal(JsonValueKind.Number, first.GetProperty("score").ValueKind);
        Assert.Equal(JsonValueKind.Array, first.GetProperty("otherSections").ValueKind);

        var types = root.GetProperty("types").EnumerateArray().ToList();
        Assert.Contains(types, t => t.GetProperty("type").GetString() == "muscle" && t.GetProperty("count").GetInt32() > 0 && t.GetProperty("label").GetString() == "muscle");
        Assert.Equal(root.GetProperty("total").GetInt32(), types.Sum(t => t.GetProperty("count").GetInt32()));
    }

    [Fact]
    public async Task Page_level_results_have_a_null_section()
    {
        var (_, json) = await GetJsonAsync("/api/search?q=soleus");
        using var _ = json;

        var first = json.RootElement.GetProperty("results")[0];
        Assert.Equal("http://localhost/anatomy/soleus", first.GetProperty("url").GetString());
        Assert.Equal(JsonValueKind.Null, first.GetProperty("section").ValueKind);
        Assert.Equal(JsonValueKind.Null, first.GetProperty("sectionTitle").ValueKind);
    }

    [Fact]
    public async Task Corrected_query_is_reported_and_exact_turns_correction_off()
    {
        var (_, corrected) = await GetJsonAsync("/api/search?q=solues");
        using (corrected)
        {
            Assert.Equal("soleus", corrected.RootElement.GetProperty("correctedQuery").GetString());
            Assert.Equal("soleus", corrected.RootElement.GetProperty("results")[0].GetProperty("slug").GetString());
        }

        var (_, exact) = await GetJsonAsync("/api/search?q=solues&exact=1");
        using (exact)
        {
            Assert.Equal(JsonValueKind.Null, exact.RootElement.GetProperty("correctedQuery").ValueKind);
            Assert.Equal(0, exact.RootElement.GetProperty("total").GetInt32());
        }
    }

    [Fact]
    public async Task Type_and_limit_narrow_the_results()
    {
        var (_, json) = await GetJsonAsync("/api/search?q=calf&type=artery&limit=2");
        using var _ = json;

        var results = json.RootElement.GetProperty("results").EnumerateArray().ToList();
        Assert.InRange(results.Count, 1, 2);
        Assert.All(results, r => Assert.Equal("artery", r.GetProperty("type").GetString()));
        Assert.Equal("artery", json.RootElement.GetProperty("type").GetString());
    }

    [Theory]
    [InlineData("/api/search?q=soleus&type=organ", "Unknown type 'organ'")]
    [InlineData("/api/search?q=soleus&limit=0", "limit must be a whole number from 1 to 50")]
    [InlineData("/api/search?q=soleus&limit=51", "limit must be a whole number from 1 to 50")]
    [InlineData("/api/search?q=soleus&limit=ten", "limit must be a whole number from 1 to 50")]
    [InlineData("/api/suggest?q=sol&limit=11", "limit must be a whole number from 1 to 10")]
    public async Task Bad_parameters_get_400_with_a_clear_message(string url, string message)
    {
        var (response, json) = await GetJsonAsync(url);
        using var _ = json;

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        Assert.Equal("application/problem+json", response.Content.Headers.ContentType!.MediaType);
        Assert.StartsWith(message, json.RootElement.GetProperty("title").GetString(), StringComparison.Ordinal);
    }

    [Fact]
    public async Task Queries_up_to_200_characters_are_answered_and_longer_ones_get_400()
    {
        var (atLimit, ok) = await GetJsonAsync("/api/search?q=" + new string('a', 200));
        ok.Dispose();
        Assert.Equal(HttpStatusCode.OK, atLimit.StatusCode);

        var (tooLong, json) = await GetJsonAsync("/api/search?q=" + new string('a', 201));
        using var _ = json;
        Assert.Equal(HttpStatusCode.BadRequest, tooLong.StatusCode);
        Assert.Contains("limited to 200 characters", json.RootElement.GetProperty("title").GetString(), StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("")]
    [InlineData("   ")]
    [InlineData("!!! ??? ***")]
    public async Task Nothing_to_search_for_is_an_empty_result_not_an_error(string query)
    {
        var (response, json) = await GetJsonAsync("/api/search?q=" + Uri.EscapeDataString(query));
        using var _ = json;

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal(0, json.RootElement.GetProperty("total").GetInt32());
        Assert.Equal(0, json.RootElement.GetProperty("results").GetArrayLength());
    }

    [Fact]
    public async Task Snippets_are_plain_text_with_highlight_ranges_and_an_html_form_with_mark_tags_only()
    {
        // Every snippet of a broad query and of a query that matches inside accented and escaped text.
        foreach (var url in new[] { "/api/search?q=the&limit=50", "/api/search?q=silfverskiold", "/api/search?q=calf%20muscle" })
        {
            var (_, json) = await GetJsonAsync(url);
            using var _ = json;

            foreach (var result in json.RootElement.GetProperty("results").EnumerateArray())
            {
                var snippet = result.GetProperty("snippet").GetString()!;
                var html = result.GetProperty("snippetHtml").GetString()!;
                var highlights = result.GetProperty("highlights").EnumerateArray()
                    .Select(h => (Start: h.GetProperty("start").GetInt32(), Length: h.GetProperty("length").GetInt32())).ToList();

                // The ranges are in order, do not overlap and lie inside the text.
                Assert.Equal(highlights.OrderBy(h => h.Start), highlights);
                Assert.All(highlights.Zip(highlights.Skip(1)), p => Assert.True(p.First.Start + p.First.Length <= p.Second.Start));
                Assert.All(highlights, h => Assert.InRange(h.Start + h.Length, 1, snippet.Length));

                // The HTML form is the same text, escaped, with exactly those stretches in <mark>.
                var marked = Regex.Matches(html, "<mark>(.*?)</mark>").Select(m => WebUtility.HtmlDecode(m.Groups[1].Value)).ToList();
                Assert.Equal(highlights.Select(h => snippet.Substring(h.Start, h.Length)), marked);
                var withoutMarks = html.Replace("<mark>", "", StringComparison.Ordinal).Replace("</mark>", "", StringComparison.Ordinal);
                Assert.DoesNotContain("<", withoutMarks, StringComparison.Ordinal);
                Assert.DoesNotContain(">", withoutMarks, StringComparison.Ordinal);
                Assert.Equal(snippet, WebUtility.HtmlDecode(withoutMarks));
            }
        }
    }

    [Fact]
    public async Task Result_and_suggestion_urls_are_absolute_and_follow_the_request()
    {
        var client = await site.ReadyClientAsync();
        client.DefaultRequestHeaders.Host = "anatomy.example.net";

        using var search = JsonDocument.Parse(await client.GetStringAsync(new Uri("/api/search?q=deep%20vein%20thrombosis", UriKind.Relative)));
        using var suggest = JsonDocument.Parse(await client.GetStringAsync(new Uri("/api/suggest?q=sol", UriKind.Relative)));

        var results = search.RootElement.GetProperty("results").EnumerateArray().ToList();
        Assert.NotEmpty(results);
        Assert.All(results, r => Assert.StartsWith("http://anatomy.example.net/anatomy/", r.GetProperty("url").GetString(), StringComparison.Ordinal));
        Assert.Contains(results.SelectMany(r => r.GetProperty("otherSections").EnumerateArray()), s => s.GetProperty("url").GetString()!.StartsWith("http://anatomy.example.net/anatomy/", StringComparison.Ordinal));
        Assert.All(results.SelectMany(r => r.GetProperty("otherSections").EnumerateArray()), s => Assert.StartsWith("http://anatomy.example.net/anatomy/", s.GetProperty("url").GetString(), StringComparison.Ordinal));
        Assert.All(suggest.RootElement.GetProperty("suggestions").EnumerateArray(), s => Assert.StartsWith("http://anatomy.example.net/anatomy/", s.GetProperty("url").GetString(), StringComparison.Ordinal));
    }

    [Fact]
    public async Task Suggest_json_lists_names_with_their_structure()
    {
        var (response, json) = await GetJsonAsync("/api/suggest?q=heel");
        using var _ = json;

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal("heel", json.RootElement.GetProperty("query").GetString());
        var suggestion = json.RootElement.GetProperty("suggestions").EnumerateArray().First(s => s.GetProperty("slug").GetString() == "calcaneus");
        Assert.Equal("heel bone", suggestion.GetProperty("label").GetString());
        Assert.Equal("Calcaneus", suggestion.GetProperty("title").GetString());
        Assert.Equal("bone", suggestion.GetProperty("type").GetString());
        Assert.Equal("alias", suggestion.GetProperty("kind").GetString());
        Assert.Equal("http://localhost/anatomy/calcaneus", suggestion.GetProperty("url").GetString());
    }

    [Fact]
    public async Task Suggest_speaks_the_opensearch_suggestions_format_for_browsers()
    {
        var client = await site.ReadyClientAsync();
        var response = await client.GetAsync(new Uri("/api/suggest?format=opensearch&q=sole", UriKind.Relative));
        using var json = JsonDocument.Parse(await response.Content.ReadAsStringAsync());

        Assert.Equal("application/x-suggestions+json", response.Content.Headers.ContentType!.MediaType);
        Assert.Equal(4, json.RootElement.GetArrayLength());
        Assert.Equal("sole", json.RootElement[0].GetString());
        Assert.Contains("Soleus", json.RootElement[1].EnumerateArray().Select(e => e.GetString()));
        Assert.All(json.RootElement[3].EnumerateArray(), url => Assert.StartsWith("http://localhost/anatomy/", url.GetString(), StringComparison.Ordinal));
    }

    [Fact]
    public async Task Opensearch_description_points_browsers_at_the_search_page_and_suggestions()
    {
        var client = await site.ReadyClientAsync();
        var response = await client.GetAsync(new Uri("/opensearch.xml", UriKind.Relative));
        var xml = XDocument.Parse(await response.Content.ReadAsStringAsync());
        XNamespace os = "http://a9.com/-/spec/opensearch/1.1/";

        Assert.Equal("application/opensearchdescription+xml", response.Content.Headers.ContentType!.MediaType);
        Assert.Equal("GastroRef", xml.Root!.Element(os + "ShortName")!.Value);
        var urls = xml.Root.Elements(os + "Url").ToDictionary(u => (string)u.Attribute("type")!, u => (string)u.Attribute("template")!);
        Assert.Equal("http://localhost/search?q={searchTerms}", urls["text/html"]);
        Assert.Equal("http://localhost/api/suggest?format=opensearch&q={searchTerms}", urls["application/x-suggestions+json"]);

        var page = await Html.ParseAsync(await client.GetAsync(new Uri("/", UriKind.Relative)));
        Assert.Equal("/opensearch.xml", page.QuerySelector("link[rel=search][type='application/opensearchdescription+xml']")!.GetAttribute("href"));
    }

    private static int CountOf(string text, string part) => (text.Length - text.Replace(part, "", StringComparison.Ordinal).Length) / part.Length;
}
