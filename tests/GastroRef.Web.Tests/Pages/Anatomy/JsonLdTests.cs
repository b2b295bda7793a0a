using System.Text.Json;
using GastroRef.Web.Tests.Infrastructure;

namespace GastroRef.Web.Tests.Pages.Anatomy;

/// <summary>schema.org JSON-LD on every article: valid JSON with @context, a typed page and structure, names on every node.</summary>
public sealed class JsonLdTests(SiteFactory site) : IClassFixture<SiteFactory>
{
    private static readonly Dictionary<string, string> ExpectedTypes = new()
    {
        ["muscle"] = "Muscle", ["muscle-head"] = "Muscle", ["muscle-group"] = "Muscle", ["nerve"] = "Nerve", ["artery"] = "Artery",
        ["vein"] = "Vein", ["bone"] = "Bone", ["joint"] = "Joint", ["tendon"] = "AnatomicalStructure",
        ["ligament"] = "Ligament", ["cartilage"] = "AnatomicalStructure",
        ["region"] = "AnatomicalStructure", ["condition"] = "MedicalCondition",
    };

    [Fact]
    public async Task Every_article_carries_one_structurally_valid_json_ld_block_of_its_type()
    {
        var client = await site.ReadyClientAsync();
        using var list = JsonDocument.Parse(await client.GetStringAsync(new Uri("/api/structures", UriKind.Relative)));
        var structures = list.RootElement.EnumerateArray().Select(e => (Slug: e.GetProperty("slug").GetString()!, Type: e.GetProperty("type").GetString()!, Title: e.GetProperty("title").GetString()!)).ToList();
        Assert.True(structures.Count >= 36);

        foreach (var (slug, type, title) in structures)
        {
            using var json = await JsonLdAsync(slug);
            var root = json.RootElement;
            Assert.Equal("https://schema.org", root.GetProperty("@context").GetString());
            var graph = root.GetProperty("@graph").EnumerateArray().ToList();
            var page = Assert.Single(graph, n => n.GetProperty("@type").GetString() == "MedicalWebPage");
            var structure = Assert.Single(graph, n => n.GetProperty("@type").GetString() == ExpectedTypes[type]);
            Assert.Equal(title, page.GetProperty("name").GetString());
            Assert.Equal(title, structure.GetProperty("name").GetString());
            Assert.EndsWith($"/anatomy/{slug}", page.GetProperty("url").GetString(), StringComparison.Ordinal);
            Assert.Equal(structure.GetProperty("@id").GetString(), page.GetProperty("about").GetProperty("@id").GetString());
            Assert.StartsWith("http", structure.GetProperty("url").GetString(), StringComparison.Ordinal);
            CheckEveryNode(root, slug);
        }
    }

    [Fact]
    public async Task Gastrocnemius_is_a_muscle_with_action_nerve_blood_supply_origin_insertion_parts_and_codes()
    {
        using var json = await JsonLdAsync("gastrocnemius");
        var muscle = Structure(json, "Muscle");

        Assert.StartsWith("Plantar flexion", muscle.GetProperty("muscleAction").GetString(), StringComparison.Ordinal);
        Assert.Equal(["Tibial nerve"], Names(muscle, "nerve"));
        Assert.Equal("Nerve", muscle.GetProperty("nerve")[0].GetProperty("@type").GetString());
        Assert.Equal(["Sural arteries", "Popliteal vein"], Names(muscle, "bloodSupply"));
        Assert.Equal(["Femur"], Names(muscle, "origin"));
        Assert.Equal(["Calcaneus"], Names(muscle, "insertion"));
        Assert.Equal("Bone", muscle.GetProperty("insertion")[0].GetProperty("@type").GetString());
        Assert.Equal(["Lateral head of gastrocnemius", "Medial head of gastrocnemius"], Names(muscle, "subStructure"));
        Assert.Equal(["Triceps surae"], Names(muscle, "partOfSystem"));
        Assert.Contains("Tennis leg", Names(muscle, "relatedCondition"));
        Assert.Equal("MedicalCondition", muscle.GetProperty("relatedCondition")[0].GetProperty("@type").GetString());
        Assert.Contains("Musculus gastrocnemius", Names(muscle, "alternateName", plain: true));
        var code = Assert.Single(muscle.GetProperty("code").EnumerateArray());
        Assert.Equal("MedicalCode", code.GetProperty("@type").GetString());
        Assert.Equal("22541", code.GetProperty("codeValue").GetString());
        Assert.Equal("FMA", code.GetProperty("codingSystem").GetString());
    }

    [Fact]
    public async Task Popliteus_names_its_antagonist_and_soleus_has_both_codes()
    {
        using var popliteus = await JsonLdAsync("popliteus");
        Assert.Equal(["Biceps femoris"], Names(Structure(popliteus, "Muscle"), "antagonist"));

        using var soleus = await JsonLdAsync("soleus");
        var codes = Structure(soleus, "Muscle").GetProperty("code").EnumerateArray()
            .Select(c => $"{c.GetProperty("codingSystem").GetString()} {c.GetProperty("codeValue").GetString()}").ToList();
        Assert.Equal(["TA2 2660", "FMA 22542"], codes);
    }

    [Fact]
    public async Task Nerves_arteries_veins_joints_and_conditions_carry_their_own_properties()
    {
        using var nerve = await JsonLdAsync("tibial-nerve");
        var tibial = Structure(nerve, "Nerve");
        Assert.Contains("Gastrocnemius", Names(tibial, "nerveMotor"));
        Assert.Equal(["Lateral plantar nerve", "Medial plantar nerve", "Sural nerve"], Names(tibial, "branch").Order());
        Assert.Contains("Knee joint", Names(tibial, "connectedTo"));

        using var artery = await JsonLdAsync("popliteal-artery");
        var popliteal = Structure(artery, "Artery");
        Assert.Equal(["Anterior tibial artery", "Posterior tibial artery", "Sural arteries"], Names(popliteal, "arterialBranch"));
        Assert.Contains("Knee joint", Names(popliteal, "supplyTo"));

        using var vein = await JsonLdAsync("popliteal-vein");
        var popVein = Structure(vein, "Vein");
        Assert.Equal(["Small saphenous vein"], Names(popVein, "tributary"));
        Assert.Contains("Gastrocnemius", Names(popVein, "regionDrained"));
        using var small = await JsonLdAsync("small-saphenous-vein");
        Assert.Equal(["Popliteal vein"], Names(Structure(small, "Vein"), "drainsTo"));

        using var joint = await JsonLdAsync("knee-joint");
        Assert.False(string.IsNullOrWhiteSpace(Structure(joint, "Joint").GetProperty("structuralClass").GetString()));

        using var condition = await JsonLdAsync("tennis-leg");
        Assert.Contains("Medial head of gastrocnemius", Names(Structure(condition, "MedicalCondition"), "associatedAnatomy"));
    }

    [Fact]
    public async Task The_page_node_has_breadcrumbs_date_and_citations()
    {
        using var json = await JsonLdAsync("medial-head-of-gastrocnemius");
        var page = json.RootElement.GetProperty("@graph").EnumerateArray().Single(n => n.GetProperty("@type").GetString() == "MedicalWebPage");

        var crumbs = page.GetProperty("breadcrumb").GetProperty("itemListElement").EnumerateArray().ToList();
        Assert.Equal(["Anatomy", "Lower limb", "Leg", "Posterior compartment of the leg", "Triceps surae", "Gastrocnemius", "Medial head of gastrocnemius"], crumbs.Select(c => c.GetProperty("name").GetString()));
        Assert.Equal(Enumerable.Range(1, crumbs.Count), crumbs.Select(c => c.GetProperty("position").GetInt32()));
        Assert.Equal("2026-11-21", page.GetProperty("dateModified").GetString());
        Assert.True(page.GetProperty("citation").GetArrayLength() >= 2);
    }

    private async Task<JsonDocument> JsonLdAsync(string slug)
    {
        var client = await site.ReadyClientAsync();
        var page = await Html.ParseAsync(await client.GetAsync(new Uri($"/anatomy/{slug}", UriKind.Relative)));
        var script = Assert.Single(page.QuerySelectorAll("head script[type='application/ld+json']"));
        return JsonDocument.Parse(script.TextContent);
    }

    private static JsonElement Structure(JsonDocument json, string type) =>
        json.RootElement.GetProperty("@graph").EnumerateArray().Single(n => n.GetProperty("@type").GetString() == type);

    private static List<string?> Names(JsonElement node, string property, bool plain = false) =>
        [.. node.GetProperty(property).EnumerateArray().Select(e => plain ? e.GetString() : e.GetProperty("name").GetString())];

    /// <summary>Every typed object names itself (codes give a codeValue instead) and every URL is absolute.</summary>
    private static void CheckEveryNode(JsonElement element, string slug)
    {
        switch (element.ValueKind)
        {
            case JsonValueKind.Object:
                // A BreadcrumbList is a container; its ListItems carry the names.
                if (element.TryGetProperty("@type", out var type) && type.GetString() != "BreadcrumbList")
                {
                    var required = type.GetString() == "MedicalCode" ? "codeValue" : "name";
                    Assert.True(element.TryGetProperty(required, out var value) && !string.IsNullOrWhiteSpace(value.GetString()),
                        $"{slug}: a {type.GetString()} node has no {required}");
                }

                foreach (var property in element.EnumerateObject())
                {
                    if (property.Name is "url" or "item" or "@id")
                    {
                        Assert.True(Uri.TryCreate(property.Value.GetString(), UriKind.Absolute, out _), $"{slug}: {property.Name} is not absolute");
                    }

                    CheckEveryNode(property.Value, slug);
                }

                break;
            case JsonValueKind.Array:
                foreach (var item in element.EnumerateArray())
                {
                    CheckEveryNode(item, slug);
                }

                break;
        }
    }
}
