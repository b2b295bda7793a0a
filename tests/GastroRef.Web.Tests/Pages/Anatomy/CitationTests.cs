using GastroRef.Web.Pages.Anatomy;
using GastroRef.Web.Tests.Infrastructure;

namespace GastroRef.Web.Tests.Pages.Anatomy;

public sealed class CitationTests(SiteFactory site) : IClassFixture<SiteFactory>
{
    private const string Url = "https://gastroref.example.org/anatomy/gastrocnemius";

    [Fact]
    public void Apa_gives_the_site_the_update_date_the_title_and_the_stable_url()
    {
        var citation = Citation.For("Gastrocnemius", Url, new DateOnly(2026, 11, 21), new DateOnly(2026, 12, 3));

        Assert.Equal("GastroRef. (2026, November 21). Gastrocnemius. https://gastroref.example.org/anatomy/gastrocnemius", citation.Apa);
        Assert.Equal("Gastrocnemius", citation.Title);
    }

    [Fact]
    public void Vancouver_gives_updated_and_cited_dates_in_nlm_form()
    {
        var citation = Citation.For("Gastrocnemius", Url, new DateOnly(2026, 11, 21), new DateOnly(2026, 12, 3));

        Assert.Equal(
            "GastroRef [Internet]. GastroRef; c2026. Gastrocnemius; [updated 2026 Nov 21; cited 2026 Dec 3]. Available from: https://gastroref.example.org/anatomy/gastrocnemius",
            citation.Vancouver);
    }

    [Fact]
    public void An_undated_page_is_cited_n_d_with_the_retrieval_date()
    {
        var citation = Citation.For("Soleus?", Url, null, new DateOnly(2027, 1, 5));

        Assert.Equal("GastroRef. (n.d.). Soleus? Retrieved January 5, 2027, from https://gastroref.example.org/anatomy/gastrocnemius", citation.Apa);
        Assert.Equal("GastroRef [Internet]. GastroRef; c2027. Soleus?; [cited 2027 Jan 5]. Available from: https://gastroref.example.org/anatomy/gastrocnemius", citation.Vancouver);
    }

    [Theory]
    [InlineData("gastrocnemius", "Gastrocnemius")]
    [InlineData("tibial-nerve", "Tibial nerve")]
    [InlineData("tennis-leg", "Tennis leg")]
    public async Task Every_article_has_a_cite_this_page_block_with_both_styles_the_canonical_url_and_the_update_date(string slug, string title)
    {
        var client = await site.ReadyClientAsync();
        var page = await Html.ParseAsync(await client.GetAsync(new Uri($"/anatomy/{slug}", UriKind.Relative)));
        var canonical = page.QuerySelector("link[rel=canonical]")!.GetAttribute("href")!;

        var cite = page.GetElementById("cite");
        Assert.NotNull(cite);
        Assert.Equal("Cite this page", cite!.QuerySelector("h2")!.TextContent.Trim());
        var apa = Normalise(cite.QuerySelector("#cite-apa")!.TextContent);
        Assert.Equal($"GastroRef. ({RepositoryPaths.ApaDateOf(slug)}). {title}. {canonical}", apa);
        Assert.Equal(title, cite.QuerySelector("#cite-apa i")!.TextContent);

        var vancouver = Normalise(cite.QuerySelector("#cite-vancouver")!.TextContent);
        Assert.StartsWith($"GastroRef [Internet]. GastroRef; c2026. {title}; [updated {RepositoryPaths.UpdatedOf(slug).ToString("yyyy MMM d", System.Globalization.CultureInfo.InvariantCulture)}; cited ", vancouver, StringComparison.Ordinal);
        Assert.EndsWith($"]. Available from: {canonical}", vancouver, StringComparison.Ordinal);
        var cited = cite.QuerySelector("#cite-vancouver time[data-cited-date]")!;
        var today = DateOnly.FromDateTime(DateTime.UtcNow);
        Assert.Contains(cited.GetAttribute("datetime"), new[] { today, today.AddDays(-1) }.Select(d => d.ToString("yyyy-MM-dd", System.Globalization.CultureInfo.InvariantCulture)));

        // The copy buttons need the script: hidden until it shows them.
        Assert.All(cite.QuerySelectorAll("button[data-copy-citation]"), b => Assert.True(b.HasAttribute("hidden")));
    }

    private static string Normalise(string text) => string.Join(' ', text.Split((char[]?)null, StringSplitOptions.RemoveEmptyEntries));
}

/// <summary>The Vancouver citation names the publisher and place the site is configured with.</summary>
public sealed class CitationPublisherTests : IDisposable
{
    private readonly SiteFactory _site = new();

    public void Dispose() => _site.Dispose();

    [Fact]
    public void A_configured_place_and_publisher_are_named_and_an_unset_place_is_left_out()
    {
        var citation = Citation.For("Gastrocnemius", "https://gastroref.example.org/anatomy/gastrocnemius", new DateOnly(2026, 11, 21), new DateOnly(2026, 12, 3),
            new CitationPublisher("GastroRef Project", "Leeds (UK)"));

        Assert.Equal(
            "GastroRef [Internet]. Leeds (UK): GastroRef Project; c2026. Gastrocnemius; [updated 2026 Nov 21; cited 2026 Dec 3]. Available from: https://gastroref.example.org/anatomy/gastrocnemius",
            citation.Vancouver);
    }

    [Fact]
    public async Task The_article_cites_the_configured_place_of_publication()
    {
        _site.Settings[CitationPublisher.PlaceSetting] = "Leeds (UK)";
        _site.Settings[CitationPublisher.PublisherSetting] = "GastroRef Project";
        var client = await _site.ReadyClientAsync();
        var page = await Html.ParseAsync(await client.GetAsync(new Uri("/anatomy/soleus", UriKind.Relative)));

        var vancouver = page.QuerySelector("#cite-vancouver")!.TextContent;
        Assert.StartsWith("GastroRef [Internet]. Leeds (UK): GastroRef Project; c", vancouver.Trim(), StringComparison.Ordinal);
        Assert.DoesNotContain("[place unknown]", vancouver, StringComparison.Ordinal);
    }
}
