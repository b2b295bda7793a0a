using System.Net;
using AngleSharp.Dom;
using GastroRef.Web.Infrastructure;
using GastroRef.Web.Tests.Infrastructure;

namespace GastroRef.Web.Tests.Pages.Compare;

public sealed class CompareTests(SiteFactory site) : IClassFixture<SiteFactory>
{
    [Fact]
    public async Task Gastrocnemius_and_soleus_side_by_side_with_each_key_fact_marked_same_or_different()
    {
        var page = await GetAsync("/compare?a=gastrocnemius&b=soleus", HttpStatusCode.OK);

        Assert.Equal("Gastrocnemius and Soleus", page.QuerySelector("h1")!.TextContent.Trim());
        var headers = page.QuerySelectorAll("#compare-facts thead th a").Select(a => a.GetAttribute("href")).ToList();
        Assert.Equal(["/anatomy/gastrocnemius", "/anatomy/soleus"], headers);

        var facts = Rows(page, "#compare-facts", "data-key");
        Assert.Equal(["origin", "insertion", "innervation", "arterial_supply", "venous_drainage", "function"], facts.Keys);
        Assert.Equal("differs", facts["origin"].GetAttribute("data-status"));
        Assert.Equal("samestructures", facts["innervation"].GetAttribute("data-status"));
        Assert.Equal("samestructures", facts["insertion"].GetAttribute("data-status"));
        Assert.Contains("Differs", facts["origin"].QuerySelector(".compare-status")!.TextContent, StringComparison.Ordinal);
        Assert.Contains("compare-differs", facts["origin"].ClassList);
        var origin = facts["origin"].QuerySelectorAll("td").ToList();
        Assert.Contains("/anatomy/femur", origin[0].QuerySelectorAll("a").Select(a => a.GetAttribute("href")));
        Assert.Contains("/anatomy/tibia", origin[1].QuerySelectorAll("a").Select(a => a.GetAttribute("href")));
    }

    [Theory]
    [InlineData("medial-head-of-gastrocnemius", "soleus", "innervation")]
    [InlineData("triceps-surae", "gastrocnemius", "innervation")]
    [InlineData("popliteal-artery", "popliteal-vein", "course")]
    public async Task Pairs_students_ask_for_across_kinds_are_compared(string a, string b, string sharedFact)
    {
        var page = await GetAsync($"/compare?a={a}&b={b}", HttpStatusCode.OK);

        var facts = Rows(page, "#compare-facts", "data-key");
        Assert.True(facts.ContainsKey(sharedFact), $"no {sharedFact} row");
        Assert.Null(page.QuerySelector("main [role=alert]"));
    }

    [Fact]
    public async Task An_artery_and_its_vein_show_each_ones_own_facts_as_only_one_side()
    {
        var page = await GetAsync("/compare?a=popliteal-artery&b=popliteal-vein", HttpStatusCode.OK);

        var facts = Rows(page, "#compare-facts", "data-key");
        Assert.Equal("onlya", facts["branches"].GetAttribute("data-status"));
        Assert.Equal("onlyb", facts["tributaries"].GetAttribute("data-status"));
        Assert.Equal("origin", facts.Keys.First());
    }

    [Theory]
    [InlineData("gastrocnemius", "soleus", "venous_drainage")] // gastrocnemius veins; soleal sinuses to the tibial and fibular veins
    [InlineData("medial-head-of-gastrocnemius", "lateral-head-of-gastrocnemius", "arterial_supply")] // medial and lateral sural arteries
    [InlineData("gastrocnemius", "semimembranosus", "innervation")] // the tibial nerve; the tibial division of the sciatic nerve
    public async Task Facts_that_name_different_structures_in_their_text_are_not_called_the_same(string a, string b, string key)
    {
        var page = await GetAsync($"/compare?a={a}&b={b}", HttpStatusCode.OK);

        Assert.Equal("differs", Rows(page, "#compare-facts", "data-key")[key].GetAttribute("data-status"));
    }

    [Fact]
    public async Task Compare_is_linked_from_the_header_and_from_browse()
    {
        var home = await GetAsync("/", HttpStatusCode.OK);
        Assert.NotNull(home.QuerySelector("header nav a[href='/compare']"));
        var browse = await GetAsync("/anatomy", HttpStatusCode.OK);
        Assert.NotNull(browse.QuerySelector("main a[href='/compare']"));
    }

    [Fact]
    public async Task A_value_longer_than_any_address_is_refused_before_any_lookup()
    {
        var page = await GetAsync($"/compare?a=gastrocnemius&b={new string('x', 2000)}", HttpStatusCode.BadRequest);

        Assert.Contains("too long", Alert(page), StringComparison.Ordinal);
        Assert.DoesNotContain(new string('x', 200), page.DocumentElement.OuterHtml, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Connections_are_compared_with_shared_structures_marked_both()
    {
        var page = await GetAsync("/compare?a=gastrocnemius&b=soleus", HttpStatusCode.OK);

        var rows = Rows(page, "#compare-connections", "data-label");
        Assert.Equal("same", rows["Innervated by"].GetAttribute("data-status"));
        Assert.Equal("differs", rows["Arises from"].GetAttribute("data-status"));
        Assert.Equal("onlya", rows["Has part"].GetAttribute("data-status"));
        Assert.Contains("Only Gastrocnemius", rows["Has part"].TextContent, StringComparison.Ordinal);
        var innervation = rows["Innervated by"].QuerySelectorAll("td li").ToList();
        Assert.All(innervation, li => Assert.Contains("shared", li.ClassList));
        Assert.All(innervation, li => Assert.NotNull(li.QuerySelector(".compare-both")));
        var origins = rows["Arises from"].QuerySelectorAll("td li").ToList();
        Assert.All(origins, li => Assert.Contains("unique", li.ClassList));

        // Each other's entry (soleus is a synergist of gastrocnemius) is not a difference.
        var synergists = rows["Synergists"].QuerySelectorAll("a").Select(a => a.GetAttribute("href")).ToList();
        Assert.DoesNotContain("/anatomy/soleus", synergists);
        Assert.DoesNotContain("/anatomy/gastrocnemius", synergists);
    }

    [Fact]
    public async Task Pickers_are_a_get_form_with_two_labelled_selects_that_keep_the_choice()
    {
        var page = await GetAsync("/compare?a=gastrocnemius&b=soleus", HttpStatusCode.OK);

        var form = page.QuerySelector("main form.compare-form")!;
        Assert.Equal("get", form.GetAttribute("method"));
        Assert.Equal("/compare", form.GetAttribute("action"));
        foreach (var (name, selected) in new[] { ("a", "gastrocnemius"), ("b", "soleus") })
        {
            var select = form.QuerySelector($"select[name={name}]")!;
            Assert.NotNull(form.QuerySelector($"label[for={select.Id}]"));
            Assert.Equal(selected, select.QuerySelector("option[selected]")!.GetAttribute("value"));
            Assert.Contains("Muscles", select.QuerySelectorAll("optgroup").Select(g => g.GetAttribute("label")));
            Assert.True(select.QuerySelectorAll("option").Length > 30);
        }

        Assert.Equal("/compare?a=soleus&b=gastrocnemius", page.QuerySelector("a.compare-swap")!.GetAttribute("href"));
        Assert.EndsWith("/compare?a=gastrocnemius&b=soleus", page.QuerySelector("link[rel=canonical]")!.GetAttribute("href"), StringComparison.Ordinal);
    }

    [Fact]
    public async Task Without_a_choice_the_page_offers_the_pickers_and_with_one_it_suggests_partners()
    {
        var empty = await GetAsync("/compare", HttpStatusCode.OK);
        Assert.NotNull(empty.QuerySelector("main form.compare-form select[name=a]"));
        Assert.Null(empty.QuerySelector("#compare-facts"));

        var one = await GetAsync("/compare?a=medial-head-of-gastrocnemius", HttpStatusCode.OK);
        var suggestions = one.QuerySelectorAll(".compare-suggestions a").Select(a => a.GetAttribute("href")).ToList();
        Assert.Equal(["/compare?a=medial-head-of-gastrocnemius&b=lateral-head-of-gastrocnemius"], suggestions);
    }

    [Fact]
    public async Task Two_different_kinds_are_a_400_with_a_clear_message_and_suggestions_for_each()
    {
        var page = await GetAsync("/compare?a=gastrocnemius&b=tibial-nerve", HttpStatusCode.BadRequest);

        Assert.Contains("Gastrocnemius is a muscle and Tibial nerve is a nerve", Alert(page), StringComparison.Ordinal);
        Assert.Contains("same kind", Alert(page), StringComparison.Ordinal);
        var suggestions = page.QuerySelectorAll(".compare-suggestions a").Select(a => a.GetAttribute("href")).ToList();
        Assert.Contains("/compare?a=gastrocnemius&b=soleus", suggestions);
        Assert.Contains("/compare?a=tibial-nerve&b=common-fibular-nerve", suggestions);
        Assert.Null(page.QuerySelector("#compare-facts"));
        Assert.NotNull(page.QuerySelector("main form.compare-form"));
    }

    [Fact]
    public async Task An_unknown_slug_is_a_404_naming_it_with_the_closest_structures()
    {
        var page = await GetAsync("/compare?a=gastrocnemius&b=solues", HttpStatusCode.NotFound);

        Assert.Contains("No structure has the slug \"solues\"", Alert(page), StringComparison.Ordinal);
        Assert.Contains("/anatomy/soleus", page.QuerySelectorAll("[role=alert] a").Select(a => a.GetAttribute("href")));
        Assert.NotNull(page.QuerySelector("main form.compare-form"));
    }

    [Theory]
    [InlineData("/compare?a=soleus&b=soleus", "Choose two different structures")]
    [InlineData("/compare?a=soleus&a=plantaris&b=gastrocnemius", "Give one structure for \"a\"")]
    public async Task The_same_structure_twice_or_two_values_for_one_side_are_a_400(string path, string message)
    {
        var page = await GetAsync(path, HttpStatusCode.BadRequest);

        Assert.Contains(message, Alert(page), StringComparison.Ordinal);
    }

    [Fact]
    public async Task Hostile_or_huge_query_values_are_shown_as_text_and_never_crash()
    {
        var client = await site.ReadyClientAsync();
        foreach (var value in new[] { "%3Cscript%3Ealert(1)%3C%2Fscript%3E", new string('x', 5000), "%27%3B--", "%00", "..%2F..%2Fetc" })
        {
            var response = await client.GetAsync(new Uri($"/compare?a=gastrocnemius&b={value}", UriKind.Relative));
            var html = await response.Content.ReadAsStringAsync();

            // An address longer than the request limits allow is refused before it reaches the page.
            Assert.Equal(
                value.Length > RequestLimits.MaxQueryStringLength ? HttpStatusCode.RequestUriTooLong
                : value.Length > Web.Pages.Compare.IndexModel.MaxSlugLength ? HttpStatusCode.BadRequest
                : HttpStatusCode.NotFound,
                response.StatusCode);
            Assert.DoesNotContain("<script>alert", html, StringComparison.Ordinal);
        }
    }

    [Fact]
    public async Task Slugs_are_case_insensitive()
    {
        var page = await GetAsync("/compare?a=Gastrocnemius&b=SOLEUS", HttpStatusCode.OK);

        Assert.Equal("Gastrocnemius and Soleus", page.QuerySelector("h1")!.TextContent.Trim());
        Assert.EndsWith("/compare?a=gastrocnemius&b=soleus", page.QuerySelector("link[rel=canonical]")!.GetAttribute("href"), StringComparison.Ordinal);
    }

    [Fact]
    public async Task Articles_offer_compare_with_links_to_structures_of_the_same_kind()
    {
        var page = await GetAsync("/anatomy/gastrocnemius", HttpStatusCode.OK);

        var links = page.QuerySelectorAll(".compare-with a").Select(a => a.GetAttribute("href")).ToList();
        Assert.Contains("/compare?a=gastrocnemius&b=soleus", links);
        Assert.Contains("/compare?a=gastrocnemius", links);
        var client = await site.ReadyClientAsync();
        foreach (var link in links)
        {
            Assert.Equal(HttpStatusCode.OK, (await client.GetAsync(new Uri(link!, UriKind.Relative))).StatusCode);
        }

        // A muscle group compares with muscles; a tendon only with the other tendon, never with a muscle.
        var group = await GetAsync("/anatomy/triceps-surae", HttpStatusCode.OK);
        Assert.NotNull(group.QuerySelector(".compare-with a[href='/compare?a=triceps-surae']"));
        var tendon = await GetAsync("/anatomy/calcaneal-tendon", HttpStatusCode.OK);
        var tendonLinks = tendon.QuerySelectorAll(".compare-with a").Select(a => a.GetAttribute("href")).ToList();
        Assert.Contains("/compare?a=calcaneal-tendon", tendonLinks);
        Assert.All(tendonLinks, link => Assert.DoesNotContain("b=soleus", link!, StringComparison.Ordinal));
    }

    private async Task<IDocument> GetAsync(string path, HttpStatusCode expected)
    {
        var client = await site.ReadyClientAsync();
        var response = await client.GetAsync(new Uri(path, UriKind.Relative));
        Assert.Equal(expected, response.StatusCode);
        return await Html.ParseAsync(response);
    }

    private static string Alert(IDocument page) => page.QuerySelector("main [role=alert]")?.TextContent ?? "";

    private static Dictionary<string, IElement> Rows(IDocument page, string table, string key) =>
        page.QuerySelectorAll($"{table} tbody tr").ToDictionary(tr => tr.GetAttribute(key)!);
}
