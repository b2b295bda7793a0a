using GastroRef.Web.Data;
using GastroRef.Web.Search;
using GastroRef.Web.Tests.Infrastructure;
using Microsoft.Extensions.DependencyInjection;

namespace GastroRef.Web.Tests.Search;

/// <summary>What students type, against the real content: the structure they mean must come first (or near the top
/// where several are right), linked to the section that answers them.</summary>
public sealed class SearchRelevanceTests(SiteFactory site) : IClassFixture<SiteFactory>
{
    private async Task<SearchResults> SearchAsync(string query, string? type = null, bool correct = true)
    {
        await site.ReadyClientAsync();
        return await site.Services.GetRequiredService<SearchEngine>().SearchAsync(query, type, 20, correct, CancellationToken.None);
    }

    [Theory]
    // Plain words
    [InlineData("calf muscle", "gastrocnemius")]
    [InlineData("heel bone", "calcaneus")]
    [InlineData("back of the knee", "popliteal-fossa")]
    [InlineData("shin bone", "tibia")]
    [InlineData("tennis leg", "tennis-leg")]
    // Titles, in any case and with accents typed or not
    [InlineData("Gastrocnemius", "gastrocnemius")]
    [InlineData("SOLEUS", "soleus")]
    [InlineData("tibia", "tibia")]
    // Latin
    [InlineData("caput mediale", "medial-head-of-gastrocnemius")]
    [InlineData("caput laterale musculi gastrocnemii", "lateral-head-of-gastrocnemius")]
    [InlineData("nervus tibialis", "tibial-nerve")]
    [InlineData("tendo calcaneus", "calcaneal-tendon")]
    [InlineData("os calcis", "calcaneus")]
    // Eponyms
    [InlineData("Achilles", "calcaneal-tendon")]
    [InlineData("Achilles tendon", "calcaneal-tendon")]
    [InlineData("tendo Achillis", "calcaneal-tendon")]
    // Old names
    [InlineData("peroneal nerve", "common-fibular-nerve")]
    [InlineData("peroneal artery", "fibular-artery")]
    [InlineData("lesser saphenous vein", "small-saphenous-vein")]
    [InlineData("medial popliteal nerve", "tibial-nerve")]
    // Typos
    [InlineData("gastrocnemus", "gastrocnemius")]
    [InlineData("solues", "soleus")]
    [InlineData("poplitael fossa", "popliteal-fossa")]
    [InlineData("calcanues", "calcaneus")]
    // Still typing
    [InlineData("gastroc", "gastrocnemius")]
    [InlineData("plantari", "plantaris")]
    // The whole lower limb: names, old names and eponyms, abbreviations, plain words, typos
    // Names
    [InlineData("femoral nerve", "femoral-nerve")]
    [InlineData("tibialis anterior", "tibialis-anterior")]
    [InlineData("gluteus medius", "gluteus-medius")]
    [InlineData("adductor magnus", "adductor-magnus")]
    [InlineData("anterior cruciate ligament", "anterior-cruciate-ligament")]
    [InlineData("medial meniscus", "medial-meniscus")]
    [InlineData("dorsalis pedis", "dorsalis-pedis-artery")]
    [InlineData("tarsal tunnel", "tarsal-tunnel")]
    [InlineData("plantar fasciitis", "plantar-fasciitis")]
    // Old names and eponyms
    [InlineData("peroneus longus", "fibularis-longus")]
    [InlineData("Hunter's canal", "adductor-canal")]
    [InlineData("subsartorial canal", "adductor-canal")]
    [InlineData("Scarpa's triangle", "femoral-triangle")]
    [InlineData("profunda femoris", "deep-femoral-artery")]
    [InlineData("innominate bone", "hip-bone")]
    [InlineData("astragalus", "talus")]
    // Abbreviations
    [InlineData("ACL", "anterior-cruciate-ligament")]
    [InlineData("PCL", "posterior-cruciate-ligament")]
    [InlineData("MCL", "medial-collateral-ligament")]
    [InlineData("LCL", "lateral-collateral-ligament")]
    [InlineData("TFL", "tensor-fasciae-latae")]
    [InlineData("MTSS", "medial-tibial-stress-syndrome")]
    [InlineData("ACL tear", "anterior-cruciate-ligament-tear")]
    // Plain words
    [InlineData("foot drop", "common-fibular-nerve-palsy")]
    [InlineData("shin splints", "medial-tibial-stress-syndrome")]
    [InlineData("kneecap", "patella")]
    [InlineData("quads", "quadriceps-femoris")]
    [InlineData("sprained ankle", "lateral-ankle-sprain")]
    [InlineData("plantar fascia", "plantar-aponeurosis")]
    // Typos
    [InlineData("sartorious", "sartorius")]
    [InlineData("piriformus", "piriformis")]
    [InlineData("gluteus medus", "gluteus-medius")]
    [InlineData("gracillis", "gracilis")]
    public async Task The_structure_meant_comes_first(string query, string slug)
    {
        var results = await SearchAsync(query);

        Assert.NotEmpty(results.Results);
        Assert.True(results.Results[0].Slug == slug, $"'{query}' gave {string.Join(", ", results.Results.Take(5).Select(r => r.Slug))}; expected {slug} first");
    }

    [Theory]
    [InlineData("calf", "gastrocnemius")]
    [InlineData("calf", "soleus")]
    [InlineData("calf", "triceps-surae")]
    [InlineData("calf muscle", "soleus")]
    [InlineData("Achilles", "achilles-tendinopathy")]
    [InlineData("Achilles", "achilles-tendon-rupture")]
    [InlineData("fibular nerve", "common-fibular-nerve")]
    [InlineData("fibular nerve", "deep-fibular-nerve")]
    [InlineData("sol", "soleus")]
    [InlineData("tib", "tibia")]
    [InlineData("tib", "tibial-nerve")]
    [InlineData("hamstrings", "hamstrings")]
    [InlineData("hamstrings", "semitendinosus")]
    [InlineData("hamstrings", "biceps-femoris")]
    [InlineData("glutes", "gluteus-maximus")]
    [InlineData("glutes", "gluteus-medius")]
    [InlineData("ATFL", "lateral-ligaments-of-ankle")]
    [InlineData("Trendelenburg", "trendelenburg-gait")]
    [InlineData("hip flexors", "iliopsoas")]
    [InlineData("quadriceps", "rectus-femoris")]
    [InlineData("compartment syndrome", "compartment-syndrome")]
    public async Task Several_right_answers_are_all_near_the_top(string query, string slug)
    {
        var results = await SearchAsync(query);

        Assert.Contains(slug, results.Results.Take(5).Select(r => r.Slug));
    }

    [Fact]
    public async Task A_synonym_of_several_words_finds_what_it_names_not_every_page_that_mentions_it()
    {
        // "caput mediale" means the medial head of gastrocnemius (and tennis leg, also called "rupture of the medial
        // head of gastrocnemius"); the popliteal fossa mentions a medial head only in its text.
        var latin = await SearchAsync("caput mediale");
        var english = await SearchAsync("medial head", type: "region");

        Assert.Equal("medial-head-of-gastrocnemius", latin.Results[0].Slug);
        Assert.Contains("tennis-leg", latin.Results.Select(r => r.Slug));
        Assert.DoesNotContain("popliteal-fossa", latin.Results.Select(r => r.Slug));
        Assert.Contains("popliteal-fossa", english.Results.Select(r => r.Slug));
    }

    [Theory]
    [InlineData("soleus innervation", "/anatomy/soleus#innervation")]
    [InlineData("gastrocnemius origin", "/anatomy/gastrocnemius#origin")]
    [InlineData("tibial nerve branches", "/anatomy/tibial-nerve#branches")]
    [InlineData("soleus strain", "/anatomy/soleus#soleus-strain")]
    [InlineData("accessory soleus", "/anatomy/soleus#accessory-soleus")]
    [InlineData("popliteal artery entrapment", "/anatomy/popliteal-artery#entrapment-syndrome")]
    [InlineData("Thompson test", "/anatomy/achilles-tendon-rupture#examination")]
    public async Task A_structure_and_a_topic_link_straight_to_the_section(string query, string url)
    {
        var results = await SearchAsync(query);

        Assert.True(results.Results.Take(3).Any(r => r.Url == url), $"'{query}' gave {string.Join(", ", results.Results.Take(5).Select(r => r.Url))}; expected {url} in the first three");
        var hit = results.Results.First(r => r.Url == url);
        Assert.Equal(url.Split('#')[1], hit.Section);
        Assert.False(string.IsNullOrEmpty(hit.SectionTitle));
    }

    [Fact]
    public async Task A_query_that_names_a_structure_links_to_its_page_and_shows_its_summary()
    {
        var results = await SearchAsync("soleus");

        var hit = results.Results[0];
        Assert.Equal("/anatomy/soleus", hit.Url);
        Assert.Null(hit.Section);
        Assert.StartsWith("The broad, flat calf muscle", hit.Snippet, StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_corrected_query_says_what_it_searched_for_and_exact_searches_as_typed()
    {
        var corrected = await SearchAsync("gastrocnemus");
        Assert.Equal("gastrocnemius", corrected.CorrectedQuery);
        Assert.Equal("gastrocnemus", corrected.Query);

        var exact = await SearchAsync("gastrocnemus", correct: false);
        Assert.Null(exact.CorrectedQuery);
        Assert.Empty(exact.Results);
    }

    [Fact]
    public async Task Words_that_are_spelled_right_are_never_corrected()
    {
        foreach (var query in new[] { "soleus", "plantaris", "calf", "knee pit", "popliteus" })
        {
            Assert.Null((await SearchAsync(query)).CorrectedQuery);
        }
    }

    [Fact]
    public async Task Diacritics_are_folded_both_ways()
    {
        // The soleus page mentions the Silfverskiöld test.
        var typedPlain = await SearchAsync("Silfverskiold");
        var typedAccented = await SearchAsync("Silfverskiöld");

        Assert.Contains("soleus", typedPlain.Results.Select(r => r.Slug));
        Assert.Equal(typedPlain.Results.Select(r => r.Slug), typedAccented.Results.Select(r => r.Slug));
        Assert.Contains("<mark>Silfverskiöld</mark>", typedPlain.Results.First(r => r.Slug == "soleus").SnippetHtml, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Other_forms_of_a_word_match_muscles_finds_muscle_and_innervates_finds_innervation()
    {
        var plural = await SearchAsync("muscles of the calf");
        Assert.Contains("triceps-surae", plural.Results.Take(3).Select(r => r.Slug));

        var verb = await SearchAsync("what innervates the soleus");
        Assert.Equal("/anatomy/soleus#innervation", verb.Results[0].Url);
    }

    [Fact]
    public async Task Type_filter_keeps_one_type_and_the_counts_cover_every_type()
    {
        var all = await SearchAsync("popliteal");
        var veins = await SearchAsync("popliteal", "vein");

        Assert.True(all.Types.Count > 1);
        Assert.Equal(all.Total, all.Types.Sum(t => t.Count));
        Assert.All(veins.Results, r => Assert.Equal("vein", r.Type));
        Assert.Equal(all.Types.Single(t => t.Type == "vein").Count, veins.Total);
        Assert.Equal(all.Types, veins.Types);
        Assert.Contains("popliteal-vein", veins.Results.Select(r => r.Slug));
    }

    [Fact]
    public async Task Results_are_grouped_one_per_structure_with_other_matching_sections_listed()
    {
        var results = await SearchAsync("deep vein thrombosis");

        Assert.Equal(results.Results.Count, results.Results.Select(r => r.Slug).Distinct().Count());
        Assert.Contains(results.Results.Take(3), r => r.Url == "/anatomy/soleus#deep-vein-thrombosis" || r.Url == "/anatomy/popliteal-vein#deep-vein-thrombosis");
        Assert.All(results.Results.SelectMany(r => r.OtherSections), s => Assert.StartsWith("/anatomy/", s.Url, StringComparison.Ordinal));
    }

    [Fact]
    public async Task Scores_fall_as_results_go_down()
    {
        var results = await SearchAsync("calf");

        var scores = results.Results.Select(r => r.Score).ToList();
        Assert.Equal(scores.OrderByDescending(s => s), scores);
    }

    [Fact]
    public async Task Snippets_mark_the_words_found_and_nothing_else()
    {
        var results = await SearchAsync("thrombosis in the soleal sinuses");

        var snippet = results.Results[0].SnippetHtml;
        Assert.Contains("<mark>thrombosis</mark>", snippet, StringComparison.Ordinal);
        Assert.DoesNotContain("<", snippet.Replace("<mark>", "", StringComparison.Ordinal).Replace("</mark>", "", StringComparison.Ordinal), StringComparison.Ordinal);
    }

    [Fact]
    public async Task Suggestions_offer_titles_aliases_and_latin_names_one_per_structure()
    {
        await site.ReadyClientAsync();
        var engine = site.Services.GetRequiredService<SearchEngine>();

        var titles = await engine.SuggestAsync("gastro", 8, CancellationToken.None);
        Assert.Equal("Gastrocnemius", titles[0].Label);
        Assert.Equal(titles.Count, titles.Select(s => s.Slug).Distinct().Count());

        var alias = await engine.SuggestAsync("achilles t", 8, CancellationToken.None);
        Assert.Contains(alias, s => s.Label == "Achilles tendon" && s.Slug == "calcaneal-tendon" && s.Kind == "alias");

        var latin = await engine.SuggestAsync("caput med", 8, CancellationToken.None);
        Assert.Equal("medial-head-of-gastrocnemius", latin[0].Slug);
        Assert.Equal("latin", latin[0].Kind);

        var typo = await engine.SuggestAsync("gastrocnemus", 8, CancellationToken.None);
        Assert.Equal("gastrocnemius", typo[0].Slug);
    }
}
