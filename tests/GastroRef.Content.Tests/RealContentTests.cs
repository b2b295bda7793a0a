namespace GastroRef.Content.Tests;

/// <summary>The repository's own content/: every page the lower limb needs, complete and valid.</summary>
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

    /// <summary>The rest of the lower limb, as a first-year exam asks for it: gluteal region, thigh, hip and knee,
    /// leg, ankle and foot, and the common conditions.</summary>
    public static TheoryData<string, string> LowerLimbPages() => new()
    {
        { "cuboid", "bone" }, { "cuneiforms", "bone" }, { "hip-bone", "bone" }, { "metatarsals", "bone" },
        { "navicular", "bone" }, { "patella", "bone" }, { "phalanges-of-foot", "bone" }, { "talus", "bone" },
        { "anterior-cruciate-ligament-tear", "condition" }, { "common-fibular-nerve-palsy", "condition" },
        { "compartment-syndrome", "condition" }, { "lateral-ankle-sprain", "condition" },
        { "medial-tibial-stress-syndrome", "condition" }, { "meniscal-tear", "condition" }, { "plantar-fasciitis", "condition" },
        { "trendelenburg-gait", "condition" }, { "hip-joint", "joint" }, { "lateral-meniscus", "cartilage" },
        { "medial-meniscus", "cartilage" }, { "subtalar-joint", "joint" }, { "anterior-cruciate-ligament", "ligament" },
        { "deltoid-ligament", "ligament" }, { "extensor-retinacula-of-ankle", "ligament" }, { "fibular-retinacula", "ligament" },
        { "flexor-retinaculum-of-ankle", "ligament" }, { "iliofemoral-ligament", "ligament" },
        { "lateral-collateral-ligament", "ligament" }, { "lateral-ligaments-of-ankle", "ligament" },
        { "medial-collateral-ligament", "ligament" }, { "patellar-ligament", "ligament" }, { "plantar-aponeurosis", "ligament" },
        { "posterior-cruciate-ligament", "ligament" }, { "abductor-digiti-minimi", "muscle" }, { "abductor-hallucis", "muscle" },
        { "adductor-brevis", "muscle" }, { "adductor-hallucis", "muscle" }, { "adductor-longus", "muscle" },
        { "adductor-magnus", "muscle" }, { "extensor-digitorum-brevis", "muscle" }, { "extensor-digitorum-longus", "muscle" },
        { "extensor-hallucis-longus", "muscle" }, { "fibularis-brevis", "muscle" }, { "fibularis-longus", "muscle" },
        { "fibularis-tertius", "muscle" }, { "flexor-digitorum-brevis", "muscle" }, { "flexor-hallucis-brevis", "muscle" },
        { "gluteus-maximus", "muscle" }, { "gluteus-medius", "muscle" }, { "gluteus-minimus", "muscle" },
        { "gracilis", "muscle" }, { "hamstrings", "muscle-group" }, { "iliacus", "muscle" }, { "iliopsoas", "muscle-group" },
        { "inferior-gemellus", "muscle" }, { "obturator-externus", "muscle" }, { "obturator-internus", "muscle" },
        { "pectineus", "muscle" }, { "piriformis", "muscle" }, { "psoas-major", "muscle" }, { "quadratus-femoris", "muscle" },
        { "quadratus-plantae", "muscle" }, { "quadriceps-femoris", "muscle-group" }, { "rectus-femoris", "muscle" },
        { "sartorius", "muscle" }, { "semitendinosus", "muscle" }, { "superior-gemellus", "muscle" },
        { "tensor-fasciae-latae", "muscle" }, { "tibialis-anterior", "muscle" }, { "vastus-intermedius", "muscle" },
        { "vastus-lateralis", "muscle" }, { "vastus-medialis", "muscle" }, { "deep-fibular-nerve", "nerve" },
        { "femoral-nerve", "nerve" }, { "inferior-gluteal-nerve", "nerve" }, { "lateral-femoral-cutaneous-nerve", "nerve" },
        { "lateral-plantar-nerve", "nerve" }, { "medial-plantar-nerve", "nerve" }, { "obturator-nerve", "nerve" },
        { "posterior-femoral-cutaneous-nerve", "nerve" }, { "sciatic-nerve", "nerve" }, { "superficial-fibular-nerve", "nerve" },
        { "superior-gluteal-nerve", "nerve" }, { "adductor-canal", "region" }, { "ankle-and-foot", "region" },
        { "anterior-compartment-of-leg", "region" }, { "anterior-compartment-of-thigh", "region" },
        { "femoral-triangle", "region" }, { "gluteal-region", "region" }, { "greater-sciatic-foramen", "region" },
        { "knee-region", "region" }, { "lateral-compartment-of-leg", "region" }, { "leg", "region" },
        { "lesser-sciatic-foramen", "region" }, { "lower-limb", "region" }, { "medial-compartment-of-thigh", "region" },
        { "posterior-compartment-of-thigh", "region" }, { "tarsal-tunnel", "region" }, { "thigh", "region" },
        { "pes-anserinus", "tendon" }, { "anterior-tibial-artery", "artery" }, { "deep-femoral-artery", "artery" },
        { "dorsalis-pedis-artery", "artery" }, { "femoral-artery", "artery" }, { "femoral-vein", "vein" },
        { "inferior-gluteal-artery", "artery" }, { "lateral-plantar-artery", "artery" }, { "medial-plantar-artery", "artery" },
        { "superior-gluteal-artery", "artery" },
    };

    [Fact]
    public void The_content_folder_validates_with_no_errors_and_no_warnings() =>
        Assert.Empty(Content.Value.Problems.Select(p => p.ToString()));

    [Theory]
    [MemberData(nameof(RequiredPages))]
    [MemberData(nameof(LowerLimbPages))]
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

    [Fact]
    public void Every_page_is_listed_with_its_sources_in_the_docs_table()
    {
        var table = File.ReadAllText(Path.Combine(RepositoryContent(), "..", "docs", "content-sources.md"));
        var listed = System.Text.RegularExpressions.Regex.Matches(table, @"^\| \[([a-z0-9-]+)\]\(\.\./content/([^)]+)\) \| (.+) \|$", System.Text.RegularExpressions.RegexOptions.Multiline)
            .ToDictionary(m => m.Groups[1].Value, m => (Path: m.Groups[2].Value, Sources: m.Groups[3].Value));

        Assert.All(Content.Value.Documents, page =>
        {
            Assert.True(listed.TryGetValue(page.Slug, out var row), $"docs/content-sources.md has no row for {page.Slug}");
            Assert.Equal(page.SourcePath.Replace('\\', '/'), row.Path);
            Assert.True(row.Sources.Split(';').Length >= 2, $"{page.Slug}: the docs table names fewer than two sources");
        });
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
