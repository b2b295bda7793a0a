using System.Net;
using GastroRef.Web.Tests.Infrastructure;

namespace GastroRef.Web.Tests.Pages.Anatomy;

public sealed class ArticleTests(SiteFactory site) : IClassFixture<SiteFactory>
{
    private static readonly string[] StandardMuscleSections =
        ["origin", "insertion", "relations", "innervation", "blood-supply", "function", "clinical-notes", "sources"];

    [Fact]
    public async Task Gastrocnemius_shows_title_latin_pronunciation_type_and_summary()
    {
        var client = await site.ReadyClientAsync();
        var page = await Html.ParseAsync(await client.GetAsync(new Uri("/anatomy/gastrocnemius", UriKind.Relative)));

        Assert.Equal("Gastrocnemius", page.QuerySelector("h1")!.TextContent.Trim());
        Assert.Single(page.QuerySelectorAll("h1"));
        Assert.Contains("Musculus gastrocnemius", page.QuerySelector(".article-latin i[lang=la]")!.TextContent, StringComparison.Ordinal);
        Assert.Contains("gas-trok-NEE-mee-us", page.QuerySelector(".pronunciation")!.TextContent, StringComparison.Ordinal);
        Assert.Equal("muscle", page.QuerySelector(".article-type")!.TextContent.Trim());
        Assert.False(string.IsNullOrWhiteSpace(page.QuerySelector(".article-summary")?.TextContent));
        Assert.Contains("calf muscle", page.QuerySelector(".article-aliases")!.TextContent, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Key_facts_box_lists_origin_insertion_innervation_with_roots_supply_and_function_with_links()
    {
        var client = await site.ReadyClientAsync();
        var page = await Html.ParseAsync(await client.GetAsync(new Uri("/anatomy/gastrocnemius", UriKind.Relative)));

        var box = page.GetElementById("key-facts");
        Assert.NotNull(box);
        var terms = box!.QuerySelectorAll("th").Select(th => th.TextContent.Trim()).ToList();
        Assert.Equal(["Origin", "Insertion", "Innervation", "Arterial supply", "Venous drainage", "Function"], terms);
        var innervation = box.QuerySelectorAll("tr").Single(tr => tr.QuerySelector("th")!.TextContent == "Innervation");
        Assert.Equal("/anatomy/tibial-nerve", innervation.QuerySelector("a")!.GetAttribute("href"));
        Assert.Contains("S1", innervation.TextContent, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Every_standard_section_has_its_canonical_id_a_toc_entry_and_a_copy_link_control()
    {
        var client = await site.ReadyClientAsync();
        var page = await Html.ParseAsync(await client.GetAsync(new Uri("/anatomy/gastrocnemius", UriKind.Relative)));

        var tocTargets = page.QuerySelectorAll("#toc a").Select(a => a.GetAttribute("href")).ToList();
        foreach (var id in StandardMuscleSections)
        {
            var section = page.GetElementById(id);
            Assert.True(section is not null, $"no element with id '{id}'");
            Assert.Equal("section", section!.LocalName);
            Assert.Contains($"#{id}", tocTargets);
            var copy = section.QuerySelector("h2 [data-copy-link]");
            Assert.True(copy is not null, $"section '{id}' has no copy-link control");
            Assert.Equal($"#{id}", copy!.GetAttribute("href"));
            Assert.StartsWith("Copy link to ", copy.GetAttribute("aria-label"), StringComparison.Ordinal);
        }

        Assert.NotNull(page.QuerySelector("[role=status][aria-live=polite]"));
        Assert.NotNull(page.QuerySelector("script[src*='site']"));
    }

    [Fact]
    public async Task Toc_is_numbered_and_links_every_section_in_page_order()
    {
        var client = await site.ReadyClientAsync();
        var page = await Html.ParseAsync(await client.GetAsync(new Uri("/anatomy/gastrocnemius", UriKind.Relative)));

        var sectionIds = page.QuerySelectorAll("article section.article-section").Select(s => (string?)("#" + s.Id)).ToList();
        var tocIds = page.QuerySelectorAll("#toc .toc-list > li:not(.toc-extra) > a").Select(a => a.GetAttribute("href")).ToList();
        Assert.Equal(sectionIds, tocIds);
        Assert.Equal("ol", page.QuerySelector("#toc .toc-list")!.LocalName);
    }

    [Fact]
    public async Task Sources_are_numbered_with_ids_and_last_updated_is_shown()
    {
        var client = await site.ReadyClientAsync();
        var page = await Html.ParseAsync(await client.GetAsync(new Uri("/anatomy/gastrocnemius", UriKind.Relative)));

        var sources = page.QuerySelectorAll("#sources ol > li").ToList();
        Assert.True(sources.Count >= 2);
        Assert.Equal("source-1", sources[0].Id);
        Assert.NotNull(page.QuerySelector(".article-footer time[datetime]"));
        Assert.Contains("/anatomy/gastrocnemius", page.QuerySelector("link[rel=canonical]")!.GetAttribute("href"), StringComparison.Ordinal);
    }

    [Fact]
    public async Task Body_links_to_other_structures_are_page_urls_that_resolve()
    {
        var client = await site.ReadyClientAsync();
        var page = await Html.ParseAsync(await client.GetAsync(new Uri("/anatomy/gastrocnemius", UriKind.Relative)));

        var hrefs = page.QuerySelectorAll("article a[href^='/anatomy/']").Select(a => a.GetAttribute("href")!).Distinct().ToList();
        Assert.Contains("/anatomy/soleus", hrefs);
        Assert.DoesNotContain(hrefs, h => h.Contains(".md", StringComparison.Ordinal));
        foreach (var href in hrefs)
        {
            var path = href.Split('#')[0];
            var response = await client.GetAsync(new Uri(path, UriKind.Relative));
            Assert.True(response.StatusCode == HttpStatusCode.OK, $"{href} answered {(int)response.StatusCode}");
        }
    }

    [Fact]
    public async Task Mixed_case_slug_answers_301_to_lowercase()
    {
        var client = await site.ReadyClientAsync();
        var response = await client.GetAsync(new Uri("/anatomy/Gastrocnemius", UriKind.Relative));

        Assert.Equal(HttpStatusCode.MovedPermanently, response.StatusCode);
        Assert.Equal("/anatomy/gastrocnemius", response.Headers.Location!.OriginalString);
    }

    [Fact]
    public async Task Unknown_slug_is_a_404_page_with_a_search_box_and_the_closest_structures()
    {
        var client = await site.ReadyClientAsync();
        var response = await client.GetAsync(new Uri("/anatomy/gastrocnemus", UriKind.Relative));
        var page = await Html.ParseAsync(response);

        Assert.Equal(HttpStatusCode.NotFound, response.StatusCode);
        Assert.NotNull(page.QuerySelector("main form[action='/search'] input[name=q]"));
        var suggestions = page.QuerySelectorAll("main .structure-list a").Select(a => a.GetAttribute("href")).ToList();
        Assert.Equal("/anatomy/gastrocnemius", suggestions.First());
        Assert.NotNull(page.QuerySelector("main a[href='/']"));
    }

    [Theory]
    [InlineData("/anatomy/achilles-tendon", "/anatomy/calcaneal-tendon")]
    [InlineData("/anatomy/Achilles-Tendon", "/anatomy/achilles-tendon")]
    [InlineData("/anatomy/musculus-soleus", "/anatomy/soleus")]
    [InlineData("/anatomy/posterior-compartment-of-the-leg?x=1", "/anatomy/posterior-compartment-of-leg?x=1")]
    public async Task A_pages_other_name_as_an_address_answers_301_to_the_page(string path, string target)
    {
        var client = await site.ReadyClientAsync();
        var response = await client.GetAsync(new Uri(path, UriKind.Relative));

        Assert.Equal(HttpStatusCode.MovedPermanently, response.StatusCode);
        Assert.Equal(target, response.Headers.Location!.OriginalString);
    }

    [Fact]
    public async Task The_404_suggests_the_page_an_alias_names()
    {
        var client = await site.ReadyClientAsync();
        var response = await client.GetAsync(new Uri("/anatomy/achilles", UriKind.Relative));
        var page = await Html.ParseAsync(response);

        Assert.Equal(HttpStatusCode.NotFound, response.StatusCode);
        var suggestions = page.QuerySelectorAll("main .structure-list li").ToList();
        var tendon = suggestions.Single(li => li.QuerySelector("a")!.GetAttribute("href") == "/anatomy/calcaneal-tendon");
        Assert.Contains("also: Achilles tendon", tendon.TextContent, StringComparison.Ordinal);
        Assert.DoesNotContain(suggestions, li => li.QuerySelector("a")!.GetAttribute("href") is "/anatomy/popliteus" or "/anatomy/fibula");
    }

    [Theory]
    [InlineData("/anatomy/no-such-thing")]
    [InlineData("/anatomy/xqzw")]
    public async Task The_404_suggests_nothing_rather_than_noise(string path)
    {
        var client = await site.ReadyClientAsync();
        var response = await client.GetAsync(new Uri(path, UriKind.Relative));
        var page = await Html.ParseAsync(response);

        Assert.Equal(HttpStatusCode.NotFound, response.StatusCode);
        Assert.Empty(page.QuerySelectorAll("main .structure-list a"));
        Assert.DoesNotContain("Did you mean", page.QuerySelector("main")!.TextContent, StringComparison.Ordinal);
        Assert.NotNull(page.QuerySelector("main form[action='/search'] input[name=q]"));
    }

    [Fact]
    public async Task Any_unknown_url_gets_the_same_helpful_404()
    {
        var client = await site.ReadyClientAsync();
        var response = await client.GetAsync(new Uri("/no/such/place", UriKind.Relative));
        var page = await Html.ParseAsync(response);

        Assert.Equal(HttpStatusCode.NotFound, response.StatusCode);
        Assert.NotNull(page.QuerySelector("main form[action='/search']"));
    }

    [Fact]
    public async Task Connections_panel_shows_relations_in_both_directions()
    {
        var client = await site.ReadyClientAsync();
        var page = await Html.ParseAsync(await client.GetAsync(new Uri("/anatomy/tibial-nerve", UriKind.Relative)));

        var connections = page.GetElementById("connections")!;
        var innervates = connections.QuerySelectorAll("dt").Single(dt => dt.TextContent == "Innervates");
        var muscles = innervates.NextElementSibling!.QuerySelectorAll("a").Select(a => a.GetAttribute("href")).ToList();
        Assert.Contains("/anatomy/gastrocnemius", muscles);
        Assert.Contains("/anatomy/soleus", muscles);
    }

    [Fact]
    public async Task Pages_have_no_inline_script_and_no_jquery()
    {
        var client = await site.ReadyClientAsync();
        foreach (var path in new[] { "/", "/anatomy", "/anatomy/gastrocnemius" })
        {
            var page = await Html.ParseAsync(await client.GetAsync(new Uri(path, UriKind.Relative)));
            Assert.All(page.QuerySelectorAll("script"), s => Assert.True(s.HasAttribute("src") || s.GetAttribute("type") == "application/ld+json", $"inline script on {path}"));
            Assert.DoesNotContain(page.QuerySelectorAll("script[src]"), s => s.GetAttribute("src")!.Contains("jquery", StringComparison.OrdinalIgnoreCase));
            Assert.Empty(page.QuerySelectorAll("[onclick], [onload], [onerror]"));
        }
    }
}
