using System.Net;
using AngleSharp.Dom;
using GastroRef.Web.Tests.Infrastructure;

namespace GastroRef.Web.Tests.Search;

/// <summary>/search is a server-rendered GET page: it works without JavaScript and shows, for each structure, its title
/// and type, the matched section as a link and a snippet with the matches marked.</summary>
public sealed class SearchPageTests(SiteFactory site) : IClassFixture<SiteFactory>
{
    private async Task<(HttpResponseMessage Response, IDocument Page)> GetAsync(string url)
    {
        var client = await site.ReadyClientAsync();
        var response = await client.GetAsync(new Uri(url, UriKind.Relative));
        return (response, await Html.ParseAsync(response));
    }

    [Fact]
    public async Task Each_result_shows_title_and_type_then_the_section_link_then_a_marked_snippet()
    {
        var (response, page) = await GetAsync("/search?q=soleus+innervation");

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        var first = page.QuerySelector(".search-results > li")!;
        Assert.Equal("/anatomy/soleus", first.QuerySelector("h2 a")!.GetAttribute("href"));
        Assert.Equal("Soleus", first.QuerySelector("h2 a")!.TextContent);
        Assert.Equal("muscle", first.QuerySelector("h2 .card-type")!.TextContent);
        var section = first.QuerySelector(".search-result-section a")!;
        Assert.Equal("/anatomy/soleus#innervation", section.GetAttribute("href"));
        Assert.Equal("Soleus › Innervation", section.TextContent);
        Assert.Equal("soleus", first.QuerySelector(".search-result-snippet mark")!.TextContent, ignoreCase: true);
        Assert.Empty(first.QuerySelectorAll(".search-result-snippet *:not(mark)"));
    }

    [Fact]
    public async Task Type_filters_show_counts_and_mark_the_current_one()
    {
        var (_, all) = await GetAsync("/search?q=popliteal");
        var filters = all.QuerySelectorAll(".search-filters a").ToList();
        Assert.Equal("page", filters[0].GetAttribute("aria-current"));
        Assert.StartsWith("All types", filters[0].TextContent.Trim(), StringComparison.Ordinal);
        var veins = filters.Single(a => a.TextContent.Trim().StartsWith("Veins", StringComparison.Ordinal));
        Assert.Equal("/search?q=popliteal&type=vein", veins.GetAttribute("href"));
        var count = int.Parse(veins.QuerySelector(".count")!.TextContent, System.Globalization.CultureInfo.InvariantCulture);

        var (_, filtered) = await GetAsync(veins.GetAttribute("href")!);
        Assert.Equal("page", filtered.QuerySelectorAll(".search-filters a").Single(a => a.TextContent.Trim().StartsWith("Veins", StringComparison.Ordinal)).GetAttribute("aria-current"));
        var types = filtered.QuerySelectorAll(".search-results h2 .card-type").Select(t => t.TextContent).ToList();
        Assert.Equal(count, types.Count);
        Assert.All(types, t => Assert.Equal("vein", t));
    }

    [Fact]
    public async Task A_corrected_query_says_showing_results_for_and_offers_the_original()
    {
        var (_, page) = await GetAsync("/search?q=gastrocnemus");

        var correction = page.QuerySelector(".search-correction")!;
        Assert.Contains("Showing results for", correction.TextContent, StringComparison.Ordinal);
        var links = correction.QuerySelectorAll("a").ToList();
        Assert.Equal("gastrocnemius", links[0].TextContent);
        Assert.Equal("/search?q=gastrocnemus&exact=1", links[1].GetAttribute("href"));
        Assert.Equal("/anatomy/gastrocnemius", page.QuerySelector(".search-results h2 a")!.GetAttribute("href"));

        var (_, exact) = await GetAsync(links[1].GetAttribute("href")!);
        Assert.Null(exact.QuerySelector(".search-correction"));
        Assert.Null(exact.QuerySelector(".search-results"));
    }

    [Fact]
    public async Task No_results_offers_close_names_tips_a_search_box_and_the_way_back()
    {
        var (response, page) = await GetAsync("/search?q=zzqxvw");

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Contains("No structure matches", page.QuerySelector(".search-summary")!.TextContent, StringComparison.Ordinal);
        Assert.NotEmpty(page.QuerySelectorAll(".structure-list a[href^='/anatomy/']"));
        Assert.NotNull(page.QuerySelector("form.search-page-form[method=get][action='/search'] input[name=q][data-suggest]"));
        Assert.NotEmpty(page.QuerySelectorAll(".search-tips a[href^='/search?q=']"));
        Assert.NotNull(page.QuerySelector(".search-back a[href='/']"));
        Assert.NotNull(page.QuerySelector(".search-back a[href='/anatomy']"));
    }

    [Fact]
    public async Task The_empty_search_page_invites_a_search()
    {
        var (response, page) = await GetAsync("/search");

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal("Search", page.QuerySelector("h1")!.TextContent);
        Assert.NotNull(page.QuerySelector("form.search-page-form input[name=q]"));
        Assert.Null(page.QuerySelector(".search-results"));
    }

    [Fact]
    public async Task Too_long_a_query_gets_400_with_the_limit_explained_and_a_search_box()
    {
        var (response, page) = await GetAsync("/search?q=" + new string('a', 201));

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        Assert.Contains("limited to 200 characters", page.QuerySelector("[role=alert]")!.TextContent, StringComparison.Ordinal);
        Assert.NotNull(page.QuerySelector("form.search-page-form input[name=q][maxlength='200']"));
    }

    [Fact]
    public async Task Search_is_a_get_form_everywhere()
    {
        var (_, page) = await GetAsync("/search?q=calf");

        var header = page.QuerySelector("header form.site-search")!;
        Assert.Equal("get", header.GetAttribute("method"));
        Assert.Equal("/search", header.GetAttribute("action"));
        Assert.Equal("calf", page.QuerySelector("#site-search-input")!.GetAttribute("value"));
        Assert.NotNull(page.QuerySelector("script[src^='/js/search'][defer]"));
        Assert.Empty(page.QuerySelectorAll("script:not([src])"));
        Assert.Equal("calf – Search · GastroRef", page.Title);
    }

    [Theory]
    [InlineData("/search", "http://localhost/search")]
    [InlineData("/search?q=calf", "http://localhost/search?q=calf")]
    [InlineData("/search?q=%20Caput%20%20MEDIALE%20", "http://localhost/search?q=caput%20mediale")]
    [InlineData("/search?q=gastrocnemus", "http://localhost/search?q=gastrocnemius")]
    [InlineData("/search?q=soleus&type=muscle&limit=50", "http://localhost/search?q=soleus")]
    public async Task Pages_that_answer_with_our_own_content_are_indexable_under_one_canonical_address(string url, string canonical)
    {
        var (response, page) = await GetAsync(url);

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Null(page.QuerySelector("meta[name=robots]"));
        Assert.Equal(canonical, Assert.Single(page.QuerySelectorAll("link[rel=canonical]")).GetAttribute("href"));
    }

    [Theory]
    [InlineData("/search?q=zzqxv", HttpStatusCode.OK)]
    [InlineData("/search?q=soleus+casino+bonus", HttpStatusCode.OK)]
    [InlineData("/search?q=gastrocnemus&exact=1", HttpStatusCode.OK)]
    [InlineData("/search?q=plantaris&type=vein", HttpStatusCode.OK)]
    [InlineData("/search?type=bogus&q=soleus", HttpStatusCode.BadRequest)]
    public async Task Pages_without_a_full_answer_are_not_indexed_and_name_no_canonical(string url, HttpStatusCode status)
    {
        var (response, page) = await GetAsync(url);

        Assert.Equal(status, response.StatusCode);
        Assert.Equal("noindex", Assert.Single(page.QuerySelectorAll("meta[name=robots]")).GetAttribute("content"));
        Assert.Null(page.QuerySelector("link[rel=canonical]"));
    }

    [Fact]
    public async Task More_results_than_shown_offers_to_show_more()
    {
        var (_, page) = await GetAsync("/search?q=the");

        var more = page.QuerySelector(".search-more a")!;
        Assert.Equal("/search?q=the&limit=50", more.GetAttribute("href"));
        Assert.Equal(20, page.QuerySelectorAll(".search-results > li").Length);
    }

    [Fact]
    public async Task When_no_structure_has_every_word_the_page_says_so()
    {
        var (_, page) = await GetAsync("/search?q=soleus+zzqxvw");

        Assert.Contains("none has them all", page.QuerySelector(".search-summary")!.TextContent, StringComparison.Ordinal);
        Assert.Equal("/anatomy/soleus", page.QuerySelector(".search-results h2 a")!.GetAttribute("href"));
    }
}
