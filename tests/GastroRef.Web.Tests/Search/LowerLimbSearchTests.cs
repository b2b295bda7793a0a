using GastroRef.Web.Search;
using GastroRef.Web.Tests.Infrastructure;
using Microsoft.Extensions.DependencyInjection;

namespace GastroRef.Web.Tests.Search;

/// <summary>What a student revising the whole lower limb types: current names, old names and eponyms, the
/// abbreviations of the ward and the gym, plain words and typos, against the real content.</summary>
public sealed class LowerLimbSearchTests(SiteFactory site) : IClassFixture<SiteFactory>
{
    private async Task<SearchResults> SearchAsync(string query)
    {
        await site.ReadyClientAsync();
        return await site.Services.GetRequiredService<SearchEngine>().SearchAsync(query, null, 20, true, CancellationToken.None);
    }

    [Theory]
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

        Assert.True(results.Results.Take(5).Any(r => r.Slug == slug), $"'{query}' gave {string.Join(", ", results.Results.Take(5).Select(r => r.Slug))}; expected {slug} in the top five");
    }
}
