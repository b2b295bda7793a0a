namespace GastroRef.Content.Tests;

/// <summary>What the parsed model gives search and other pages, so nobody parses the rendered HTML back.</summary>
public sealed class RenderedModelTests
{
    private const string Body = """
        ## Clinical notes

        Often injured [1](#source-1) [2](#source-2).

        | Sign | Meaning |
        | --- | --- |
        | Thompson | rupture |

        ### Deep vein thrombosis

        Clots form here [2](#source-2).

        ::: sources-differ
        S1–S2 [1](#source-1); S1 only [2](#source-2).
        :::

        ### Tennis leg

        A tear of the *medial* head; see [origin](#clinical-notes) and 3 < 4 & "quotes".
        """;

    [Fact]
    public void Sections_carry_their_own_text_and_each_subsections_text_without_citation_numbers()
    {
        using var folder = new ContentFolder().With("muscles/m.md", ContentFolder.Muscle(body: Body + "\n"));

        var section = Assert.Single(Assert.Single(folder.Load().Documents).Sections);

        Assert.Equal("Often injured . Sign Meaning Thompson rupture", section.OwnText);
        Assert.Equal(["deep-vein-thrombosis", "tennis-leg"], section.Subsections.Select(s => s.Id));
        Assert.Equal("Clots form here . Sources differ: S1–S2 ; S1 only .", section.Subsections[0].Text);
        Assert.Equal("A tear of the medial head; see origin and 3 < 4 & \"quotes\".", section.Subsections[1].Text);
        Assert.Contains("Deep vein thrombosis Clots form here", section.Text, StringComparison.Ordinal);
        Assert.Contains("<h3 id=\"tennis-leg\">", section.Html, StringComparison.Ordinal);
    }

    [Fact]
    public void Key_fact_links_to_the_pages_own_sections_work_on_any_page()
    {
        using var folder = new ContentFolder().With("muscles/m.md", ContentFolder.Muscle(
            extraFrontMatter: "key_facts:\n  origin: \"Femur [1](#source-1), see [clinical notes](#origin)\"\n"));

        var fact = Assert.Single(Assert.Single(folder.Load().Documents).KeyFacts);

        Assert.Contains("href=\"/anatomy/m#origin\"", fact.Html, StringComparison.Ordinal);
        Assert.Contains("href=\"/anatomy/m#source-1\"", fact.Html, StringComparison.Ordinal);
        Assert.DoesNotContain("href=\"#", fact.Html, StringComparison.Ordinal);
        Assert.Equal("Femur , see clinical notes", fact.Text);
    }
}

public sealed class KeyFactOrderTests
{
    [Theory]
    [InlineData("femur", "landmarks")]
    [InlineData("knee-joint", "joint_type")]
    [InlineData("tibial-nerve", "roots")]
    public void Key_facts_follow_the_order_of_the_types_schema(string slug, string first)
    {
        var document = Assert.Single(ContentLoader.Load(RepositoryContent.Path).Documents, d => d.Slug == slug);

        Assert.Equal(first, document.KeyFacts[0].Key);
        var order = ContentSchema.KeyFactsByType[document.Type];
        Assert.Equal(document.KeyFacts.Select(f => f.Key).OrderBy(k => Array.IndexOf(order, k)), document.KeyFacts.Select(f => f.Key));
    }

    [Fact]
    public void Key_facts_are_shown_in_the_types_order_whatever_order_the_file_gives()
    {
        using var folder = new ContentFolder().With("nerves/n.md",
            "---\ntitle: N\ntype: nerve\nkey_facts:\n  sensory: S\n  origin: O\n  roots: R\n---\n\n## Roots\n\nText.\n");

        Assert.Equal(["roots", "origin", "sensory"], Assert.Single(folder.Load().Documents).KeyFacts.Select(f => f.Key));
    }
}

public sealed class CitationMarkerTests
{
    [Fact]
    public void A_citation_is_a_superscript_link_named_source_n_in_sections_and_key_facts()
    {
        using var folder = new ContentFolder().With("muscles/m.md", ContentFolder.Muscle(
            extraFrontMatter: "key_facts:\n  origin: \"Femur [1](#source-1)\"\n",
            body: "## Origin\n\nAbove the insertion [2](#source-2). A [link that says 2](#source-2).\n"));

        var document = Assert.Single(folder.Load().Documents);

        Assert.Contains("insertion <sup class=\"citation\"><a href=\"#source-2\" aria-label=\"source 2\">2</a></sup>.", document.Sections[0].Html, StringComparison.Ordinal);
        Assert.Contains("<a href=\"#source-2\">link that says 2</a>", document.Sections[0].Html, StringComparison.Ordinal);
        Assert.Equal("Femur <sup class=\"citation\"><a href=\"/anatomy/m#source-1\" aria-label=\"source 1\">1</a></sup>", document.KeyFacts[0].Html);
    }
}
