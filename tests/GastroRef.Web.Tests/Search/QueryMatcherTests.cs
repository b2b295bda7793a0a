using GastroRef.Web.Search;

namespace GastroRef.Web.Tests.Search;

/// <summary>Finding a query's matches through a page's word positions must give exactly what reading every token
/// gives, in the same order: choosing a result's section, its snippet and its highlights depend on both.</summary>
public sealed class QueryMatcherTests
{
    private static readonly (string Id, string Title, string Heading, string Body)[] Sections =
    [
        ("overview", "", "The gastrocnemius plantar flexes the foot at the ankle and flexes the knee.",
            "Plantar flexion comes mostly from the triceps surae; the plantaris is small. Flexion of the knee and plantar flexion together."),
        ("function", "Function", "Function",
            "Plantar flexion of the foot, flexion of the knee, plantar fascia tension, plantaris helps flexion. Plantar plantar flexion."),
        ("relations", "Relations", "Relations of the plantaris and the popliteal fossa",
            "The plantaris lies between the heads; the popliteal artery and the tibial nerve pass deep. Plantar flexion again."),
    ];

    [Theory]
    [InlineData("plantar flexion")]
    [InlineData("plantar")]
    [InlineData("plant")]
    [InlineData("flex knee")]
    [InlineData("plantaris popliteal fossa")]
    [InlineData("tibial nerve plantar")]
    [InlineData("flexion plantar plantaris")]
    public void Matches_found_through_word_positions_are_those_found_by_reading_every_token_in_the_same_order(string text)
    {
        var page = new IndexedPage([.. Sections.Select(s => new IndexedSection(s.Id, s.Title, s.Heading, s.Body))]);
        var vocabulary = Vocabulary(page);
        var query = SearchQuery.Parse(text, vocabulary, correct: false, minimumPrefix: 2);
        var matcher = new QueryMatcher(query, vocabulary);

        var found = matcher.Find(page);

        Assert.Equal(page.Sections.Count * 2, found.Length);
        var any = false;
        for (var field = 0; field < found.Length; field++)
        {
            var expected = matcher.Find(page.Sections[field / 2].Field(field % 2));
            Assert.Equal(expected, found[field] ?? []);
            any |= expected.Count > 0;
        }

        Assert.True(any, $"'{text}' should match the page somewhere");
    }

    private static SearchVocabulary Vocabulary(IndexedPage page)
    {
        var terms = page.Occurrences.Keys.Select(word => new KeyValuePair<string, int>(word, 1));
        var structure = new IndexedStructure(1, "gastrocnemius", "muscle", "Gastrocnemius", "", [], "musculus gastrocnemius");
        return new SearchVocabulary(1, terms, new Dictionary<string, IReadOnlyList<string>>(), [structure]);
    }
}
