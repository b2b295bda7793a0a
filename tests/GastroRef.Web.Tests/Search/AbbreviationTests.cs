using GastroRef.Web.Search;
using GastroRef.Web.Tests.Infrastructure;
using Microsoft.Extensions.DependencyInjection;

namespace GastroRef.Web.Tests.Search;

/// <summary>The abbreviations students type (content/synonyms.yml) find the page or section they stand for, typed
/// as they are (in capitals, without a space after, as a search box sends them).</summary>
public sealed class AbbreviationTests(SiteFactory site) : IClassFixture<SiteFactory>
{
    private async Task<IReadOnlyList<SearchHit>> TopThreeAsync(string query)
    {
        await site.ReadyClientAsync();
        var results = await site.Services.GetRequiredService<SearchEngine>().SearchAsync(query, null, 20, true, CancellationToken.None);
        return [.. results.Results.Take(3)];
    }

    [Fact]
    public async Task DVT_leads_to_the_deep_vein_thrombosis_sections_soleus_among_them()
    {
        await site.ReadyClientAsync();
        var results = (await site.Services.GetRequiredService<SearchEngine>().SearchAsync("DVT", null, 20, true, CancellationToken.None)).Results;

        // The deep veins' own sections come first; the soleus page, whose venous sinuses are where most calf clots
        // start, is still found linked to its section.
        Assert.All(results.Take(3), h => Assert.Contains("deep vein thrombosis", h.SectionTitle ?? "", StringComparison.OrdinalIgnoreCase));
        Assert.Contains(results.Take(10), h => h.Url == "/anatomy/soleus#deep-vein-thrombosis");
    }

    [Theory]
    [InlineData("DVT", "/anatomy/popliteal-vein#deep-vein-thrombosis")]
    [InlineData("ACL", "/anatomy/anterior-cruciate-ligament")]
    [InlineData("PCL", "/anatomy/posterior-cruciate-ligament")]
    [InlineData("MCL", "/anatomy/medial-collateral-ligament")]
    [InlineData("LCL", "/anatomy/lateral-collateral-ligament")]
    [InlineData("ATFL", "/anatomy/lateral-ligaments-of-ankle")]
    [InlineData("PTFL", "/anatomy/lateral-ligaments-of-ankle")]
    [InlineData("CFL", "/anatomy/lateral-ligaments-of-ankle")]
    [InlineData("TA", "/anatomy/tibialis-anterior")]
    [InlineData("TP", "/anatomy/tibialis-posterior")]
    [InlineData("FHL", "/anatomy/flexor-hallucis-longus")]
    [InlineData("FDL", "/anatomy/flexor-digitorum-longus")]
    [InlineData("EHL", "/anatomy/extensor-hallucis-longus")]
    [InlineData("EDL", "/anatomy/extensor-digitorum-longus")]
    [InlineData("SSV", "/anatomy/small-saphenous-vein")]
    [InlineData("GSV", "/anatomy/great-saphenous-vein")]
    [InlineData("LSV", "/anatomy/great-saphenous-vein")]
    [InlineData("SPJ", "/anatomy/small-saphenous-vein")]
    [InlineData("SFJ", "/anatomy/great-saphenous-vein")]
    [InlineData("PTA", "/anatomy/posterior-tibial-artery")]
    [InlineData("CPN", "/anatomy/common-fibular-nerve")]
    [InlineData("CFN", "/anatomy/common-fibular-nerve")]
    [InlineData("PAES", "/anatomy/popliteal-artery#entrapment-syndrome")]
    [InlineData("MTSS", "/anatomy/medial-tibial-stress-syndrome")]
    [InlineData("PTTD", "/anatomy/tibialis-posterior#posterior-tibial-tendon-dysfunction")]
    [InlineData("TTS", "/anatomy/tarsal-tunnel#tarsal-tunnel-syndrome")]
    public async Task An_abbreviation_finds_what_it_stands_for_in_the_top_three(string abbreviation, string url)
    {
        var top = await TopThreeAsync(abbreviation);

        // A page address also accepts a result linked to one of its sections.
        Assert.True(
            top.Any(h => h.Url == url || (!url.Contains('#', StringComparison.Ordinal) && h.Url.StartsWith(url + "#", StringComparison.Ordinal))),
            $"'{abbreviation}' gave {string.Join(", ", top.Select(h => h.Url))}; expected {url} in the first three");
    }

    [Fact]
    public async Task An_abbreviation_is_a_whole_word_not_a_prefix_to_complete()
    {
        // "ta" is in the synonym list: it stands for tibialis anterior, not for the start of talus, tarsal or tarsal tunnel.
        var top = await TopThreeAsync("TA");

        Assert.Equal(3, top.Count);
        Assert.Equal("/anatomy/tibialis-anterior", top[0].Url);
        // No hit is there because a word merely starts with "ta" (talus, tarsal).
        Assert.All(top, h => Assert.DoesNotMatch("(?i)<mark>ta[a-z]", h.SnippetHtml));
    }
}
