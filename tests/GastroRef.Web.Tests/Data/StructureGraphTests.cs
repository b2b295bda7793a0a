using GastroRef.Web.Data;

namespace GastroRef.Web.Tests.Data;

/// <summary>Region membership, breadcrumbs and comparison candidates on small hand-made graphs.</summary>
public sealed class StructureGraphTests
{
    [Fact]
    public void Regions_come_from_part_of_at_any_depth_and_from_related_links_of_the_structure_or_its_ancestors()
    {
        var graph = Graph(
            [("leg", "region"), ("compartment", "region"), ("fossa", "region"), ("group", "muscle-group"), ("muscle", "muscle"),
             ("head", "muscle-head"), ("nerve", "nerve"), ("lonely", "bone"), ("injury", "condition")],
            [("compartment", "part_of", "leg"), ("group", "part_of", "compartment"), ("muscle", "part_of", "group"), ("head", "part_of", "muscle"),
             ("fossa", "related", "compartment"), ("fossa", "related", "nerve"), ("muscle", "related", "fossa"), ("injury", "related", "fossa")]);

        Assert.Equal(["compartment", "fossa", "leg"], Slugs(graph.RegionsOf("head")));
        Assert.Equal(["compartment", "leg"], Slugs(graph.RegionsOf("group")));
        Assert.Equal(["fossa"], Slugs(graph.RegionsOf("nerve")));
        Assert.Equal(["fossa"], Slugs(graph.RegionsOf("injury")));
        Assert.Empty(graph.RegionsOf("lonely"));
        // A region is in the regions it is part of, not in those it is merely related to.
        Assert.Equal(["leg"], Slugs(graph.RegionsOf("compartment")));
        Assert.Empty(graph.RegionsOf("fossa"));
        Assert.Equal(["compartment", "group", "head", "muscle"], Slugs(graph.InRegion("leg")));
        Assert.Equal(["head", "injury", "muscle", "nerve"], Slugs(graph.InRegion("fossa")));
    }

    [Fact]
    public void Regions_nest_by_part_of_and_what_lies_in_an_inner_region_lies_in_every_region_around_it()
    {
        var graph = Graph(
            [("limb", "region"), ("thigh", "region"), ("leg", "region"), ("knee", "region"), ("fossa", "region"), ("triangle", "region"),
             ("nerve", "nerve"), ("muscle", "muscle"), ("artery", "artery")],
            [("thigh", "part_of", "limb"), ("leg", "part_of", "limb"), ("knee", "part_of", "limb"), ("fossa", "part_of", "knee"),
             ("triangle", "part_of", "thigh"), ("fossa", "related", "nerve"), ("muscle", "part_of", "triangle"), ("artery", "related", "triangle")]);

        var root = Assert.Single(graph.RegionTree);
        Assert.Equal("limb", root.Region.Slug);
        Assert.Equal(["knee", "leg", "thigh"], root.Children.Select(c => c.Region.Slug));
        Assert.Equal(["fossa"], root.Children[0].Children.Select(c => c.Region.Slug));
        Assert.Equal(
            ["limb:0", "knee:1", "fossa:2", "leg:1", "thigh:1", "triangle:2"],
            root.Flatten().Select(p => $"{p.Branch.Region.Slug}:{p.Depth}"));

        // The nerve is related to the popliteal fossa only, yet it lies in the knee region and the limb too.
        Assert.Equal(["fossa", "knee", "limb"], Slugs(graph.RegionsOf("nerve")));
        Assert.Equal(["limb", "thigh", "triangle"], Slugs(graph.RegionsOf("artery")));
        Assert.Equal(["artery", "fossa", "knee", "leg", "muscle", "nerve", "thigh", "triangle"], Slugs(graph.InRegion("limb")));
        Assert.Equal(8, root.Count);
        Assert.Equal(["Limb", "Knee", "Fossa"], Titles(graph.Breadcrumbs("nerve")));
    }

    [Fact]
    public void Regions_beside_each_other_come_in_their_stated_order_then_by_title()
    {
        var graph = new GraphSnapshot(
            1,
            [
                new("limb", "Lower limb", "region", null, null), new("foot", "Ankle and foot", "region", null, null, 3),
                new("thigh", "Thigh", "region", null, null, 1), new("leg", "Leg", "region", null, null, 2),
                new("space", "A space", "region", null, null), new("zone", "Zone", "region", null, null),
            ],
            [new("foot", "part_of", "limb"), new("thigh", "part_of", "limb"), new("leg", "part_of", "limb"), new("space", "part_of", "limb"), new("zone", "part_of", "limb")]);

        Assert.Equal(["thigh", "leg", "foot", "space", "zone"], Assert.Single(graph.RegionTree).Children.Select(c => c.Region.Slug));
    }

    [Fact]
    public void Breadcrumbs_follow_part_of_up_to_a_region_or_put_a_related_region_or_the_kind_in_front()
    {
        var graph = Graph(
            [("leg", "region"), ("compartment", "region"), ("fossa", "region"), ("group", "muscle-group"), ("muscle", "muscle"), ("nerve", "nerve"),
             ("bone", "bone"), ("injury", "condition"), ("branch", "nerve")],
            [("compartment", "part_of", "leg"), ("group", "part_of", "compartment"), ("muscle", "part_of", "group"),
             ("fossa", "related", "nerve"), ("injury", "related", "fossa"), ("branch", "branch_of", "nerve")]);

        Assert.Equal(["Leg", "Compartment", "Group"], Titles(graph.Breadcrumbs("muscle")));
        Assert.Equal(["Fossa"], Titles(graph.Breadcrumbs("nerve")));
        Assert.Equal(["/anatomy/fossa"], graph.Breadcrumbs("nerve").Select(c => c.Url));
        Assert.Equal(["Bones"], Titles(graph.Breadcrumbs("bone")));
        Assert.Equal(["/anatomy?type=bone"], graph.Breadcrumbs("bone").Select(c => c.Url));
        Assert.Equal(["Conditions"], Titles(graph.Breadcrumbs("injury")));
        Assert.Equal(["Nerves"], Titles(graph.Breadcrumbs("branch")));
        Assert.Equal(["Leg"], Titles(graph.Breadcrumbs("compartment")));
        Assert.Empty(graph.Breadcrumbs("no-such-slug"));
    }

    [Fact]
    public void A_part_of_loop_in_the_store_cannot_hang_breadcrumbs_or_regions()
    {
        // Validation rejects loops, but a store written by an older version could still hold one.
        var graph = Graph([("a", "muscle"), ("b", "muscle-group"), ("r", "region")], [("a", "part_of", "b"), ("b", "part_of", "a"), ("b", "related", "r")]);

        Assert.Equal(["R", "B"], Titles(graph.Breadcrumbs("a")));
        Assert.Equal(["r"], Slugs(graph.RegionsOf("a")));
    }

    [Fact]
    public void Edges_to_missing_structures_are_ignored()
    {
        var graph = Graph([("a", "muscle")], [("a", "part_of", "gone"), ("gone", "related", "a")]);

        Assert.Empty(graph.Outgoing("a"));
        Assert.Empty(graph.Incoming("a"));
        Assert.Equal(["Muscles"], Titles(graph.Breadcrumbs("a")));
    }

    [Fact]
    public void Compare_candidates_are_the_same_kind_synergists_first_then_siblings_then_direct_then_shared_connections()
    {
        var graph = Graph(
            [("m", "muscle"), ("syn", "muscle"), ("sib", "muscle"), ("shares", "muscle"), ("stranger", "muscle"), ("parent", "muscle"),
             ("nerve", "nerve"), ("group", "muscle-group")],
            [("m", "synergists", "syn"), ("m", "part_of", "group"), ("sib", "part_of", "group"), ("m", "innervated_by", "nerve"),
             ("shares", "innervated_by", "nerve"), ("m", "related", "parent")]);

        Assert.Equal(["syn", "sib", "parent", "shares"], graph.CompareCandidates("m", 10).Select(n => n.Slug));
        Assert.Equal(["syn", "sib"], graph.CompareCandidates("m", 2).Select(n => n.Slug));
        Assert.DoesNotContain("stranger", Slugs(graph.CompareCandidates("m", 10)));
        Assert.Empty(graph.CompareCandidates("group", 10));
    }

    private static GraphSnapshot Graph((string Slug, string Type)[] nodes, (string From, string Kind, string To)[] edges) =>
        new(1, nodes.Select(n => new GraphNode(n.Slug, char.ToUpperInvariant(n.Slug[0]) + n.Slug[1..], n.Type, null, null)),
            [.. edges.Select(e => new GraphEdge(e.From, e.Kind, e.To))]);

    private static List<string> Slugs(IEnumerable<GraphNode> nodes) => [.. nodes.Select(n => n.Slug).Order(StringComparer.Ordinal)];

    private static List<string> Titles(IEnumerable<Crumb> crumbs) => [.. crumbs.Select(c => c.Title)];
}
