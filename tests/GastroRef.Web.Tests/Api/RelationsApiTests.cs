using System.Net;
using System.Text.Json;
using GastroRef.Web.Tests.Infrastructure;

namespace GastroRef.Web.Tests.Api;

/// <summary>/api/structures/{slug}/relations: both directions of every typed relation, as JSON.</summary>
public sealed class RelationsApiTests(SiteFactory site) : IClassFixture<SiteFactory>
{
    [Fact]
    public async Task Tibial_nerve_relations_include_the_muscles_that_state_innervated_by_it()
    {
        using var json = await GetAsync("tibial-nerve");
        var root = json.RootElement;

        Assert.Equal("tibial-nerve", root.GetProperty("slug").GetString());
        Assert.Equal("Tibial nerve", root.GetProperty("title").GetString());
        Assert.Equal("nerve", root.GetProperty("type").GetString());
        Assert.Equal("http://localhost/anatomy/tibial-nerve", root.GetProperty("url").GetString());
        var innervates = Relation(root, "innervated_by", "incoming");
        Assert.Equal("Innervates", innervates.GetProperty("label").GetString());
        var muscles = innervates.GetProperty("structures").EnumerateArray().ToList();
        Assert.Contains(muscles, m => m.GetProperty("slug").GetString() == "gastrocnemius"
            && m.GetProperty("title").GetString() == "Gastrocnemius"
            && m.GetProperty("type").GetString() == "muscle"
            && m.GetProperty("url").GetString() == "http://localhost/anatomy/gastrocnemius");
        Assert.Contains(muscles, m => m.GetProperty("slug").GetString() == "soleus");
        // The hamstrings are supplied by the sciatic nerve's tibial division, above where the tibial nerve begins.
        Assert.DoesNotContain(muscles, m => m.GetProperty("slug").GetString() is "biceps-femoris" or "semimembranosus");
        Assert.Equal(["lateral-plantar-nerve", "medial-plantar-nerve", "sural-nerve"], Slugs(Relation(root, "branch_of", "incoming")).Order());
    }

    [Fact]
    public async Task Both_directions_appear_on_each_end()
    {
        using var calcaneus = await GetAsync("calcaneus");
        Assert.Contains("gastrocnemius", Slugs(Relation(calcaneus.RootElement, "inserts_on", "incoming")));
        Assert.Equal(["fibular-artery", "posterior-tibial-artery"], Slugs(Relation(calcaneus.RootElement, "supplied_by", "outgoing")));

        using var artery = await GetAsync("popliteal-artery");
        Assert.Equal(["anterior-tibial-artery", "posterior-tibial-artery", "sural-arteries"], Slugs(Relation(artery.RootElement, "branch_of", "incoming")));

        using var gastrocnemius = await GetAsync("gastrocnemius");
        Assert.Equal(["lateral-head-of-gastrocnemius", "medial-head-of-gastrocnemius"], Slugs(Relation(gastrocnemius.RootElement, "part_of", "incoming")));
        Assert.Equal(["triceps-surae"], Slugs(Relation(gastrocnemius.RootElement, "part_of", "outgoing")));
        Assert.Contains("soleus", Slugs(Relation(gastrocnemius.RootElement, "synergists", "both")));

        using var soleus = await GetAsync("soleus");
        Assert.Contains("gastrocnemius", Slugs(Relation(soleus.RootElement, "synergists", "both")));
    }

    [Fact]
    public async Task Mixed_case_slugs_work_and_unknown_ones_are_a_problem_json_404()
    {
        var client = await site.ReadyClientAsync();
        var ok = await client.GetAsync(new Uri("/api/structures/Tibial-Nerve/relations", UriKind.Relative));
        Assert.Equal(HttpStatusCode.OK, ok.StatusCode);

        var missing = await client.GetAsync(new Uri("/api/structures/no-such-nerve/relations", UriKind.Relative));
        Assert.Equal(HttpStatusCode.NotFound, missing.StatusCode);
        Assert.Equal("application/problem+json", missing.Content.Headers.ContentType!.MediaType);
        using var problem = JsonDocument.Parse(await missing.Content.ReadAsStringAsync());
        Assert.Contains("no-such-nerve", problem.RootElement.GetProperty("title").GetString(), StringComparison.Ordinal);
    }

    [Fact]
    public async Task The_relations_match_the_connections_panel()
    {
        var client = await site.ReadyClientAsync();
        foreach (var slug in new[] { "gastrocnemius", "tibial-nerve", "popliteal-fossa", "tennis-leg" })
        {
            using var json = await GetAsync(slug);
            var page = await Html.ParseAsync(await client.GetAsync(new Uri($"/anatomy/{slug}", UriKind.Relative)));
            var panel = page.QuerySelectorAll("#connections dt").Select(dt => dt.TextContent.Trim());
            var api = json.RootElement.GetProperty("relations").EnumerateArray()
                .Where(r => r.GetProperty("kind").GetString() != "links_to").Select(r => r.GetProperty("label").GetString());
            Assert.Equal(panel, api);
        }
    }

    private async Task<JsonDocument> GetAsync(string slug)
    {
        var client = await site.ReadyClientAsync();
        var response = await client.GetAsync(new Uri($"/api/structures/{slug}/relations", UriKind.Relative));
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal("application/json", response.Content.Headers.ContentType!.MediaType);
        return JsonDocument.Parse(await response.Content.ReadAsStringAsync());
    }

    private static JsonElement Relation(JsonElement root, string kind, string direction)
    {
        var matches = root.GetProperty("relations").EnumerateArray()
            .Where(r => r.GetProperty("kind").GetString() == kind && r.GetProperty("direction").GetString() == direction).ToList();
        Assert.True(matches.Count > 0, $"no {direction} {kind} relation");
        return matches[0];
    }

    private static List<string?> Slugs(JsonElement relation) =>
        [.. relation.GetProperty("structures").EnumerateArray().Select(s => s.GetProperty("slug").GetString())];
}
