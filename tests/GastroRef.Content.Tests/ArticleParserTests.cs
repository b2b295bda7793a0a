namespace GastroRef.Content.Tests;

public sealed class ArticleParserTests
{
    private static (ParsedArticle? Article, List<ContentProblem> Problems) Parse(string body)
    {
        var problems = new List<ContentProblem>();
        return (ArticleParser.Parse("muscles/x.md", body, 10, problems), problems);
    }

    [Theory]
    [InlineData("Innervation", "innervation")]
    [InlineData("Nerve supply", "innervation")]
    [InlineData("Blood Supply and Venous Drainage", "blood-supply")]
    [InlineData("Arterial supply", "blood-supply")]
    [InlineData("Actions", "function")]
    [InlineData("Clinical significance", "clinical-notes")]
    [InlineData("Testing and palpation", "testing")]
    [InlineData("Proximal attachment", "origin")]
    public void Standard_sections_keep_their_canonical_id_whatever_the_wording(string heading, string id)
    {
        var (article, problems) = Parse($"## {heading}\n\nText.\n");

        Assert.Empty(problems);
        Assert.Equal(id, Assert.Single(article!.Headings).Id);
    }

    [Fact]
    public void Other_headings_get_kebab_case_ids_with_diacritics_folded()
    {
        var (article, _) = Parse("## Variations (Rare Forms)\n\n### Müller's variant\n");

        Assert.Equal(["variations-rare-forms", "muller-s-variant"], article!.Headings.Select(h => h.Id));
    }

    [Fact]
    public void A_pinned_id_wins_and_is_removed_from_the_heading_text()
    {
        var (article, problems) = Parse("### Tennis leg {#tennis-leg}\n\n## How it moves the foot {#function}\n");

        Assert.Empty(problems);
        Assert.Equal(("tennis-leg", "Tennis leg"), (article!.Headings[0].Id, article.Headings[0].Title));
        Assert.Equal("function", article.Headings[1].Id);
    }

    [Fact]
    public void Only_id_attributes_are_allowed_in_heading_braces()
    {
        var (article, problems) = Parse("## Origin {onclick=alert(1)}\n");

        var problem = Assert.Single(problems);
        Assert.Equal(10, problem.Line);
        Assert.Equal(ProblemSeverity.Warning, problem.Severity);
        Assert.Contains("{onclick=alert(1)}", Assert.Single(article!.Headings).Title, StringComparison.Ordinal);
    }

    [Fact]
    public void Duplicate_and_reserved_ids_are_errors_with_their_lines()
    {
        var (_, problems) = Parse("## Origin\n\n## Origins\n\n## Sources\n");

        Assert.Contains(problems, p => p.Line == 12 && p.Message.Contains("'origin' is already used on line 10", StringComparison.Ordinal));
        Assert.Contains(problems, p => p.Line == 14 && p.Message.Contains("reserved", StringComparison.Ordinal));
    }

    [Fact]
    public void Level_one_headings_are_reported()
    {
        var (_, problems) = Parse("# Title again\n");

        Assert.Contains("use '##' for sections", Assert.Single(problems).Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Pathologically_deep_nesting_is_reported_not_thrown()
    {
        var (article, problems) = Parse(new string('>', 20_000) + " deep\n" + string.Concat(Enumerable.Repeat("[", 50_000)));

        // Markdig either copes or refuses; either way nothing escapes as an exception.
        Assert.True(article is not null || problems.Count > 0);
    }
}
