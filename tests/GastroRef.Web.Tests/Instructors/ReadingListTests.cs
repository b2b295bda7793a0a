using System.Net;
using GastroRef.Web.Instructors;
using GastroRef.Web.Tests.Infrastructure;

namespace GastroRef.Web.Tests.Instructors;

public sealed class ReadingListTests : IClassFixture<SiteFactory>
{
    private readonly SiteFactory _site;

    public ReadingListTests(SiteFactory site) => _site = site;

    [Fact]
    public async Task A_list_shows_its_sections_in_order_with_notes_and_names_the_bad_items()
    {
        var client = await _site.ReadyClientAsync();

        var response = await client.GetAsync(new Uri(
            "/lists?title=Week+3&i=tibial-nerve/course&n=Read+first&i=no-such-page/course&i=soleus%23innervation&i=soleus&i=gastrocnemius/no-such-section&i=<script>&i=gastrocnemius/origin",
            UriKind.Relative));

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        var page = await Html.ParseAsync(response);
        Assert.Equal("Week 3", page.QuerySelector("h1")!.TextContent.Trim());
        var items = page.QuerySelectorAll(".list-item").Select(i => $"{i.GetAttribute("data-slug")}/{i.GetAttribute("data-section")}").ToList();
        Assert.Equal(["tibial-nerve/course", "soleus/innervation", "gastrocnemius/origin"], items);
        Assert.Equal("Read first", page.QuerySelector("#item-1 .list-note")!.GetAttribute("data-note"));
        Assert.Null(page.QuerySelector("#item-2 .list-note"));
        Assert.Contains("Course", page.QuerySelector("#item-1-heading")!.TextContent, StringComparison.Ordinal);
        Assert.Equal("/anatomy/soleus#innervation", page.QuerySelector("#item-2 .list-full a")!.GetAttribute("href"));

        var problems = page.QuerySelectorAll(".list-problems li").Select(li => li.TextContent).ToList();
        Assert.Equal(4, problems.Count);
        Assert.Contains(problems, p => p.StartsWith("no-such-page/course", StringComparison.Ordinal) && p.Contains("no page", StringComparison.Ordinal));
        Assert.Contains(problems, p => p.StartsWith("soleus:", StringComparison.Ordinal) && p.Contains("no section", StringComparison.Ordinal));
        Assert.Contains(problems, p => p.StartsWith("gastrocnemius/no-such-section", StringComparison.Ordinal));
        Assert.Contains(problems, p => p.StartsWith("<script>", StringComparison.Ordinal));
        Assert.Null(page.QuerySelector(".list-problems script"));

        Assert.Equal("/practice/set?structures=tibial-nerve,soleus,gastrocnemius", page.QuerySelector("a.list-practise")!.GetAttribute("href"));
        Assert.Equal("/lists?title=Week+3&i=tibial-nerve/course&n=Read+first&i=soleus/innervation&i=gastrocnemius/origin",
            page.QuerySelector("a.list-permalink")!.GetAttribute("href"));
    }

    [Fact]
    public async Task Citations_point_at_the_sources_shown_with_the_section_and_other_page_links_go_back_to_the_article()
    {
        var client = await _site.ReadyClientAsync();

        var page = await Html.ParseAsync(await client.GetAsync(new Uri("/lists?i=soleus/innervation", UriKind.Relative)));

        var citations = page.QuerySelectorAll("#item-1 a[href^='#']").Select(a => a.GetAttribute("href")!).Distinct().ToList();
        Assert.NotEmpty(citations);
        Assert.All(citations, href => Assert.NotNull(page.GetElementById(href[1..])));
        Assert.Equal("Sources cited in this section", page.QuerySelector("#item-1-sources")!.TextContent);
        Assert.Equal(citations.Count, page.QuerySelectorAll("#item-1 .list-sources li").Length);
    }

    [Fact]
    public async Task A_retired_section_id_lands_on_the_section_that_replaced_it()
    {
        var soleus = File.ReadAllText(Path.Combine(_site.ContentPath, "muscles", "soleus.md"));
        var end = soleus.IndexOf("\n---", 4, StringComparison.Ordinal);
        _site.WriteContent(Path.Combine("muscles", "soleus.md"), soleus[..end] + "\nretired_ids:\n  nerve-supply: innervation" + soleus[end..]);
        var client = await _site.ReadyClientAsync();
        var report = await _site.ReseedAsync();
        Assert.DoesNotContain(report.Problems, p => p.Path.Contains("soleus", StringComparison.Ordinal));

        var page = await Html.ParseAsync(await client.GetAsync(new Uri("/lists?i=soleus/nerve-supply", UriKind.Relative)));
        var clipped = await Html.ParseAsync(await client.GetAsync(new Uri("/lists?title=" + new string('x', 1500), UriKind.Relative)));
        Assert.Equal(ReadingList.MaxTitleLength + 1, clipped.QuerySelector("h1")!.TextContent.Trim().Length);

        Assert.Empty(page.QuerySelectorAll(".list-problems li"));
        Assert.Equal("innervation", page.QuerySelector(".list-item")!.GetAttribute("data-section"));
        Assert.Contains("soleus/nerve-supply", page.QuerySelector(".list-moved")!.TextContent, StringComparison.Ordinal);
        var embed = await client.GetAsync(new Uri("/embed/anatomy/soleus/nerve-supply", UriKind.Relative));
        Assert.Equal(HttpStatusCode.OK, embed.StatusCode);
    }

    [Fact]
    public async Task Hostile_and_oversized_addresses_never_fail()
    {
        var client = await _site.ReadyClientAsync();
        var many = string.Concat(Enumerable.Range(0, ReadingList.MaxItems + 5).Select(_ => "&i=soleus/innervation"));
        var overflow = string.Concat(Enumerable.Range(0, ReadingList.MaxItems + 5).Select(i => $"&i=soleus/s{i}"));
        string[] queries =
        [
            "", "?i=", "?i=%", "?n=orphan+note", "?title=" + new string('x', 1500), "?i=soleus/innervation&n=" + new string('y', 1500),
            many, overflow, "?i=%00%2F%23", "?i=../../etc/passwd", "?i=soleus/innervation:~:text=tibial", "?i=SOLEUS/Innervation",
        ];

        foreach (var query in queries)
        {
            var response = await client.GetAsync(new Uri("/lists" + (query.StartsWith('&') ? "?" + query[1..] : query), UriKind.Relative));
            Assert.True(response.StatusCode == HttpStatusCode.OK, $"{query[..Math.Min(query.Length, 60)]} → {(int)response.StatusCode}");
        }

        var tooLong = await client.GetAsync(new Uri("/lists?title=" + new string('x', 5000), UriKind.Relative));
        Assert.Equal(HttpStatusCode.RequestUriTooLong, tooLong.StatusCode);

        var capped = await Html.ParseAsync(await client.GetAsync(new Uri("/lists?" + overflow[1..], UriKind.Relative)));
        Assert.Contains(capped.QuerySelectorAll(".list-problems li"), li => li.TextContent.Contains($"at most {ReadingList.MaxItems}", StringComparison.Ordinal));
    }

    [Theory]
    [InlineData("title=Week+3&i=soleus/innervation&n=Read+first&i=tibial-nerve%23course", "Week 3", "soleus/innervation|Read first;tibial-nerve/course|")]
    [InlineData("i=soleus/innervation&n=a&n=b", null, "soleus/innervation|a")]
    [InlineData("i=Soleus/Innervation:~:text=two%20routes", null, "soleus/innervation|")]
    public void The_address_format_reads_items_in_order_with_their_notes(string query, string? title, string expected)
    {
        var list = ReadingList.Parse("?" + query);

        Assert.Equal(title, list.Title);
        Assert.Equal(expected, string.Join(';', list.Items.Select(i => $"{i.Reference}|{i.Note}")));
        Assert.Equal(list.Items.ToList(), ReadingList.Parse(ReadingList.Address(list.Title, list.Items)[6..]).Items.ToList());
    }
}
