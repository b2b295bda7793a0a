namespace GastroRef.Content.Tests;

/// <summary>The repository's own content/: every page the calf-and-knee set needs, complete and valid.</summary>
public sealed class RealContentTests
{
    private static readonly Lazy<ContentSet> Content = new(() => ContentLoader.Load(RepositoryContent()));

    public static TheoryData<string, string> RequiredPages() => new()
    {
        { "gastrocnemius", "muscle" }, { "medial-head-of-gastrocnemius", "muscle-head" }, { "lateral-head-of-gastrocnemius", "muscle-head" },
        { "soleus", "muscle" }, { "plantaris", "muscle" }, { "popliteus", "muscle" }, { "flexor-digitorum-longus", "muscle" },
        { "flexor-hallucis-longus", "muscle" }, { "tibialis-posterior", "muscle" }, { "biceps-femoris", "muscle" },
        { "semimembranosus", "muscle" }, { "triceps-surae", "muscle-group" }, { "posterior-compartment-of-leg", "region" },
        { "tibial-nerve", "nerve" }, { "sural-nerve", "nerve" }, { "common-fibular-nerve", "nerve" }, { "saphenous-nerve", "nerve" },
        { "popliteal-artery", "artery" }, { "sural-arteries", "artery" }, { "posterior-tibial-artery", "artery" }, { "fibular-artery", "artery" },
        { "popliteal-vein", "vein" }, { "small-saphenous-vein", "vein" }, { "great-saphenous-vein", "vein" },
        { "femur", "bone" }, { "tibia", "bone" }, { "fibula", "bone" }, { "calcaneus", "bone" },
        { "knee-joint", "joint" }, { "ankle-joint", "joint" }, { "calcaneal-tendon", "tendon" }, { "popliteal-fossa", "region" },
        { "tennis-leg", "condition" }, { "achilles-tendinopathy", "condition" }, { "achilles-tendon-rupture", "condition" },
        { "calcaneal-bursitis", "condition" },
    };

    [Fact]
    public void The_content_folder_validates_with_no_errors_and_no_warnings() =>
        Assert.Empty(Content.Value.Problems.Select(p => p.ToString()));

    [Theory]
    [MemberData(nameof(RequiredPages))]
    public void Each_required_page_exists_with_its_sections_sources_and_length(string slug, string type)
    {
        var page = Content.Value.Documents.SingleOrDefault(d => d.Slug == slug);

        Assert.True(page is not null, $"content has no page '{slug}'");
        Assert.Equal(type, page!.Type);
        var ids = page.Sections.Select(s => s.Id).ToHashSet();
        Assert.All(ContentSchema.RequiredSectionsByType[type], id => Assert.True(ids.Contains(id), $"{slug} lacks the section '{id}'"));
        Assert.True(page.Sources.Count >= 2, $"{slug} lists {page.Sources.Count} sources");
        Assert.True(page.WordCount >= (slug == "gastrocnemius" ? 1000 : 300), $"{slug} has {page.WordCount} words");
        Assert.False(string.IsNullOrWhiteSpace(page.Summary));
        if (type != "condition")
        {
            Assert.True(page.Latin is not null, $"{slug} has no Latin name");
        }

        Assert.NotEmpty(page.KeyFacts);
        Assert.NotNull(page.Updated);
    }

    [Fact]
    public void Muscle_pages_have_testing_and_clinical_subsections()
    {
        foreach (var muscle in Content.Value.Documents.Where(d => d.Type is "muscle" or "muscle-head"))
        {
            Assert.Contains(muscle.Sections, s => s.Id == "testing");
            Assert.NotEmpty(muscle.Sections.Single(s => s.Id == "clinical-notes").Subsections);
        }
    }

    [Fact]
    public void Synonyms_cover_plain_words_eponyms_and_old_names()
    {
        var synonyms = Content.Value.Synonyms;

        Assert.Contains("gastrocnemius", synonyms["calf"]);
        Assert.Contains("calcaneus", synonyms["heel bone"]);
        Assert.Contains("fibular", synonyms["peroneal"]);
        Assert.Contains("peroneal", synonyms["fibular"]);
        Assert.True(synonyms.ContainsKey("achilles"));
    }

    [Fact]
    public void Every_page_links_only_to_existing_pages_and_names_its_neighbours()
    {
        var slugs = Content.Value.Documents.Select(d => d.Slug).ToHashSet();
        var gastrocnemius = Content.Value.Documents.Single(d => d.Slug == "gastrocnemius");

        Assert.All(Content.Value.Documents.SelectMany(d => d.LinkedSlugs), s => Assert.Contains(s, slugs));
        Assert.Contains("soleus", gastrocnemius.LinkedSlugs);
        Assert.Contains("tibial-nerve", gastrocnemius.LinkedSlugs);
    }

    private static string RepositoryContent()
    {
        for (var dir = new DirectoryInfo(AppContext.BaseDirectory); dir is not null; dir = dir.Parent)
        {
            if (File.Exists(Path.Combine(dir.FullName, "GastroRef.sln")))
            {
                return Path.Combine(dir.FullName, "content");
            }
        }

        throw new InvalidOperationException("GastroRef.sln not found above the test binaries.");
    }
}
