using GastroRef.Web.Tests.Infrastructure;

namespace GastroRef.Web.Tests.Pages.Anatomy;

/// <summary>The Connections panel on the real content: each relation is written once, on one page, and shows from both ends.</summary>
public sealed class ConnectionsTests(SiteFactory site) : IClassFixture<SiteFactory>
{
    [Fact]
    public async Task Tibial_nerve_lists_every_muscle_it_innervates_though_only_the_muscles_state_it()
    {
        var panel = await PanelAsync("tibial-nerve");

        var innervates = Group(panel, "Innervates");
        Assert.Equal("innervated_by", innervates.Kind);
        Assert.Equal("incoming", innervates.Direction);
        Assert.Superset(
            new HashSet<string> { "gastrocnemius", "soleus", "plantaris", "popliteus", "tibialis-posterior", "flexor-digitorum-longus", "flexor-hallucis-longus", "medial-head-of-gastrocnemius", "lateral-head-of-gastrocnemius" },
            innervates.Slugs.ToHashSet());
        Assert.Equal(["lateral-plantar-nerve", "medial-plantar-nerve", "sural-nerve"], Group(panel, "Branches").Slugs.Order());
        Assert.DoesNotContain(Labels(panel), l => l == "Innervated by");
        Assert.Equal(innervates.Titles.Order(StringComparer.OrdinalIgnoreCase), innervates.Titles);
    }

    [Fact]
    public async Task The_hamstrings_are_innervated_by_the_divisions_of_the_sciatic_nerve_not_by_the_tibial_nerve()
    {
        var tibial = Group(await PanelAsync("tibial-nerve"), "Innervates");
        Assert.DoesNotContain("biceps-femoris", tibial.Slugs);
        Assert.DoesNotContain("semimembranosus", tibial.Slugs);
        Assert.DoesNotContain("biceps-femoris", Group(await PanelAsync("common-fibular-nerve"), "Innervates").Slugs);

        var sciatic = await PanelAsync("sciatic-nerve");
        Assert.Superset(new HashSet<string> { "biceps-femoris", "semimembranosus" }, Group(sciatic, "Innervates").Slugs.ToHashSet());
        Assert.Equal(["common-fibular-nerve", "tibial-nerve"], Group(sciatic, "Branches").Slugs);

        // The key fact names the division and links the nerve the division belongs to.
        var client = await site.ReadyClientAsync();
        var biceps = await Html.ParseAsync(await client.GetAsync(new Uri("/anatomy/biceps-femoris", UriKind.Relative)));
        var innervation = biceps.QuerySelectorAll("#key-facts tr").Single(tr => tr.QuerySelector("th")!.TextContent == "Innervation").QuerySelector("td")!;
        Assert.Contains("tibial division of the sciatic nerve", innervation.TextContent, StringComparison.Ordinal);
        Assert.Contains("common fibular division of the sciatic nerve", innervation.TextContent, StringComparison.Ordinal);
        Assert.All(innervation.QuerySelectorAll("a"), a => Assert.Equal("/anatomy/sciatic-nerve", a.GetAttribute("href")));
    }

    [Fact]
    public async Task Calcaneus_lists_what_inserts_on_it()
    {
        var panel = await PanelAsync("calcaneus");

        var insertions = Group(panel, "Receives insertion of");
        Assert.Equal("incoming", insertions.Direction);
        Assert.Superset(new HashSet<string> { "gastrocnemius", "soleus", "plantaris", "calcaneal-tendon" }, insertions.Slugs.ToHashSet());
        Assert.Equal(["fibular-artery", "posterior-tibial-artery"], Group(panel, "Supplied by").Slugs);
    }

    [Fact]
    public async Task Popliteal_artery_lists_its_branches_and_what_it_supplies()
    {
        var panel = await PanelAsync("popliteal-artery");

        Assert.Equal(["anterior-tibial-artery", "posterior-tibial-artery", "sural-arteries"], Group(panel, "Branches").Slugs);
        Assert.Contains("knee-joint", Group(panel, "Supplies").Slugs);
        // It continues the femoral artery, which the tree of vessels shows as its parent.
        Assert.Equal(["femoral-artery"], Group(panel, "Branch of").Slugs);

        var branch = await PanelAsync("sural-arteries");
        Assert.Equal(["popliteal-artery"], Group(branch, "Branch of").Slugs);
        Assert.Equal("outgoing", Group(branch, "Branch of").Direction);
    }

    [Fact]
    public async Task Gastrocnemius_lists_its_heads_and_the_group_lists_its_members_as_has_part()
    {
        var gastrocnemius = await PanelAsync("gastrocnemius");
        Assert.Equal(["lateral-head-of-gastrocnemius", "medial-head-of-gastrocnemius"], Group(gastrocnemius, "Has part").Slugs);
        Assert.Equal(["triceps-surae"], Group(gastrocnemius, "Part of").Slugs);

        var group = await PanelAsync("triceps-surae");
        Assert.Superset(new HashSet<string> { "gastrocnemius", "soleus" }, Group(group, "Has part").Slugs.ToHashSet());

        var head = await PanelAsync("medial-head-of-gastrocnemius");
        Assert.Equal(["gastrocnemius"], Group(head, "Part of").Slugs);
    }

    [Fact]
    public async Task Bones_read_gives_origin_to_and_veins_read_drains()
    {
        var femur = await PanelAsync("femur");
        Assert.Contains("gastrocnemius", Group(femur, "Gives origin to").Slugs);

        var vein = await PanelAsync("popliteal-vein");
        Assert.Contains("gastrocnemius", Group(vein, "Drains").Slugs);
        Assert.Contains("small-saphenous-vein", Group(vein, "Tributaries").Slugs);
    }

    [Fact]
    public async Task Symmetric_relations_show_on_both_pages_under_one_name()
    {
        // Only gastrocnemius states "synergists: [soleus]"; soleus states its own list without gastrocnemius.
        var soleus = await PanelAsync("soleus");
        var synergists = Group(soleus, "Synergists");
        Assert.Equal("both", synergists.Direction);
        Assert.Contains("gastrocnemius", synergists.Slugs);
        Assert.Contains("plantaris", synergists.Slugs);
        Assert.Single(Labels(soleus), l => l == "Synergists");

        var biceps = await PanelAsync("biceps-femoris");
        Assert.Contains("popliteus", Group(biceps, "Antagonists").Slugs);
    }

    [Fact]
    public async Task Related_links_are_named_by_what_they_join()
    {
        var gastrocnemius = await PanelAsync("gastrocnemius");
        Assert.Contains("tennis-leg", Group(gastrocnemius, "Related conditions").Slugs);

        var condition = await PanelAsync("tennis-leg");
        Assert.Contains("medial-head-of-gastrocnemius", Group(condition, "Structures involved").Slugs);

        var nerve = await PanelAsync("tibial-nerve");
        Assert.Equal(["popliteal-fossa", "posterior-compartment-of-leg", "tarsal-tunnel"], Group(nerve, "Regions").Slugs);

        var region = await PanelAsync("popliteal-fossa");
        Assert.Contains("popliteal-artery", Group(region, "In this region").Slugs);
        // Regions related to each other are neighbours, whichever page states it: the leg compartment below, the thigh compartment above.
        var neighbours = Group(region, "Neighbouring regions").Slugs;
        Assert.Contains("posterior-compartment-of-leg", neighbours);
        Assert.Contains("posterior-compartment-of-thigh", neighbours);
        Assert.DoesNotContain("popliteal-fossa", neighbours);
    }

    [Fact]
    public async Task Pages_that_only_mention_a_structure_are_folded_under_mentioned_in_without_repeating_connections()
    {
        var client = await site.ReadyClientAsync();
        var page = await Html.ParseAsync(await client.GetAsync(new Uri("/anatomy/sural-nerve", UriKind.Relative)));

        var mentions = page.QuerySelector("#connections details.connections-mentions");
        Assert.NotNull(mentions);
        Assert.StartsWith("Mentioned in", mentions!.QuerySelector("summary")!.TextContent.Trim(), StringComparison.Ordinal);
        var mentioned = mentions.QuerySelectorAll("a").Select(a => a.GetAttribute("href")).ToList();
        Assert.Contains("/anatomy/gastrocnemius", mentioned);
        var typed = page.QuerySelectorAll("#connections dd a").Select(a => a.GetAttribute("href")).ToList();
        Assert.Contains("/anatomy/tibial-nerve", typed);
        Assert.Empty(mentioned.Intersect(typed));
    }

    [Fact]
    public async Task No_page_lists_itself_and_every_connection_link_resolves()
    {
        var client = await site.ReadyClientAsync();
        foreach (var slug in new[] { "gastrocnemius", "tibial-nerve", "calcaneus", "popliteal-fossa", "tennis-leg" })
        {
            var page = await Html.ParseAsync(await client.GetAsync(new Uri($"/anatomy/{slug}", UriKind.Relative)));
            var hrefs = page.QuerySelectorAll("#connections a").Select(a => a.GetAttribute("href")!).ToList();
            Assert.NotEmpty(hrefs);
            Assert.DoesNotContain($"/anatomy/{slug}", hrefs);
            Assert.All(hrefs, h => Assert.Matches("^/anatomy/[a-z0-9-]+$", h));
        }
    }

    private sealed record PanelGroup(string Label, string Kind, string Direction, IReadOnlyList<string> Slugs, IReadOnlyList<string> Titles);

    private async Task<IReadOnlyList<PanelGroup>> PanelAsync(string slug)
    {
        var client = await site.ReadyClientAsync();
        var page = await Html.ParseAsync(await client.GetAsync(new Uri($"/anatomy/{slug}", UriKind.Relative)));
        var panel = page.GetElementById("connections");
        Assert.True(panel is not null, $"/anatomy/{slug} has no Connections panel");
        return [.. panel!.QuerySelectorAll("dt").Select(dt =>
        {
            var links = dt.NextElementSibling!.QuerySelectorAll("a").ToList();
            return new PanelGroup(
                dt.TextContent.Trim(),
                dt.GetAttribute("data-kind")!,
                dt.GetAttribute("data-direction")!,
                [.. links.Select(a => a.GetAttribute("href")!["/anatomy/".Length..])],
                [.. links.Select(a => a.TextContent.Trim())]);
        })];
    }

    private static PanelGroup Group(IReadOnlyList<PanelGroup> panel, string label)
    {
        var group = panel.FirstOrDefault(g => g.Label == label);
        Assert.True(group is not null, $"no '{label}' group; the panel has: {string.Join(", ", Labels(panel))}");
        return group!;
    }

    private static IEnumerable<string> Labels(IReadOnlyList<PanelGroup> panel) => panel.Select(g => g.Label);
}
