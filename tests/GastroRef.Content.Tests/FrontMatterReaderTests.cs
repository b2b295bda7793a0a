namespace GastroRef.Content.Tests;

public sealed class FrontMatterReaderTests
{
    private static (FrontMatter? FrontMatter, List<ContentProblem> Problems) Read(string text)
    {
        var problems = new List<ContentProblem>();
        var result = FrontMatterReader.Read("muscles/x.md", text, problems);
        return (result.FrontMatter, problems);
    }

    [Fact]
    public void Reads_every_field_into_typed_values()
    {
        var (front, problems) = Read("""
            ---
            title: Soleus
            type: muscle
            latin: Musculus soleus
            pronunciation: SO-lee-us
            aliases: [soleus muscle]
            summary: The flat muscle under the gastrocnemius.
            key_facts:
              innervation: "Tibial nerve (S1–S2)"
            relations:
              innervated_by: tibial-nerve
              synergists: [gastrocnemius, plantaris]
            ids: {ta2: 2660, fma: "22542"}
            sources: ["A.", "B."]
            redirect_from: [old-soleus]
            retired_ids: {palpation: testing}
            updated: 2026-11-21
            ---
            Body.
            """);

        Assert.Empty(problems);
        Assert.NotNull(front);
        Assert.Equal("Soleus", front!.Title);
        Assert.Equal("muscle", front.Type);
        Assert.Equal(["soleus muscle"], front.Aliases);
        Assert.Equal("innervation", Assert.Single(front.KeyFacts).Key);
        Assert.Equal(3, front.Relations.Count);
        Assert.Equal(("innervated_by", "tibial-nerve", 11), (front.Relations[0].Kind, front.Relations[0].TargetSlug, front.Relations[0].Line));
        Assert.Equal("2660", front.Ta2);
        Assert.Equal(new DateOnly(2026, 11, 21), front.Updated);
        Assert.Equal("testing", front.RetiredIds["palpation"]);
    }

    [Fact]
    public void A_region_states_where_it_comes_among_its_siblings()
    {
        var (front, problems) = Read("---\ntitle: Thigh\ntype: region\norder: 2\n---\nBody.\n");

        Assert.Empty(problems);
        Assert.Equal(2, front!.Order);
        Assert.Null(Read("---\ntitle: Leg\ntype: region\n---\nBody.\n").FrontMatter!.Order);
    }

    [Theory]
    [InlineData("---\ntitle: X\ntype: muscle\ncolour: red\n---\n", 4, "unknown field 'colour'")]
    [InlineData("---\ntitle: X\ntype: muscel\n---\n", 3, "unknown type 'muscel'")]
    [InlineData("---\ntitle: X\ntype: muscle\naliases: calf\n---\n", 4, "'aliases' must be a list")]
    [InlineData("---\ntitle: [a, b]\ntype: muscle\n---\n", 2, "'title' must be a single line of text")]
    [InlineData("---\ntype: muscle\n---\n", 2, "'title' is required")]
    [InlineData("---\ntitle: X\ntype: muscle\nupdated: 21/11/2026\n---\n", 4, "'updated' must be a date")]
    [InlineData("---\ntitle: X\ntype: region\norder: second\n---\n", 4, "'order' must be a whole number from 1 to 999")]
    [InlineData("---\ntitle: X\ntype: region\norder: 0\n---\n", 4, "'order' must be a whole number from 1 to 999")]
    [InlineData("---\ntitle: X\ntype: muscle\norder: 2\n---\n", 4, "'order' places a region among the regions beside it; a muscle has none")]
    [InlineData("---\ntitle: X\ntype: nerve\nkey_facts:\n  insertion: somewhere\n---\n", 5, "key fact 'insertion' does not fit a nerve")]
    [InlineData("---\ntitle: X\ntype: muscle\nrelations:\n  innervated_by: [Tibial Nerve]\n---\n", 5, "is not a slug")]
    [InlineData("---\ntitle: X\ntype: muscle\nrelations:\n  touches: [femur]\n---\n", 5, "unknown relation 'touches'")]
    [InlineData("---\ntitle: X\ntype: muscle\nslug: Bad_Slug\n---\n", 4, "must be lowercase kebab-case")]
    [InlineData("---\ntitle: X\ntitle: Y\ntype: muscle\n---\n", 3, "Duplicate key title")]
    [InlineData("---\ntitle: X\n  type: [muscle\n---\n", 3, "not valid YAML")]
    public void Reports_each_mistake_with_its_file_line(string text, int line, string message)
    {
        var (_, problems) = Read(text);

        var problem = Assert.Single(problems, p => p.Message.Contains(message, StringComparison.Ordinal));
        Assert.Equal(line, problem.Line);
        Assert.StartsWith($"muscles/x.md:{line}: ", problem.ToString(), StringComparison.Ordinal);
    }

    [Fact]
    public void A_file_without_front_matter_is_reported_on_line_1()
    {
        var (front, problems) = Read("# Just Markdown\n");

        Assert.Null(front);
        Assert.Equal(1, Assert.Single(problems).Line);
    }

    [Fact]
    public void Unclosed_front_matter_is_reported()
    {
        var (front, problems) = Read("---\ntitle: X\n");

        Assert.Null(front);
        Assert.Contains("not closed", Assert.Single(problems).Message, StringComparison.Ordinal);
    }
}
