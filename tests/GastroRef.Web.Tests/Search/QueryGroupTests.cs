using GastroRef.Web.Search;

namespace GastroRef.Web.Tests.Search;

/// <summary>How one part of a query becomes FTS5 syntax: what the reader typed is looked for everywhere; a synonym
/// of several words for a typed phrase only where structures and sections are named.</summary>
public sealed class QueryGroupTests
{
    [Fact]
    public void Typed_words_and_phrases_are_looked_for_everywhere()
    {
        var group = new QueryGroup("medial head", [new QueryAlternative("medial head", false), new QueryAlternative("soleus", false)]);

        Assert.Equal("(\"medial head\" OR \"soleus\")", group.ToFts());
    }

    [Fact]
    public void A_synonym_of_several_words_is_looked_for_in_names_and_headings_only()
    {
        var group = new QueryGroup("caput mediale", [new QueryAlternative("caput mediale", false), new QueryAlternative("medial head", false, Synonym: true)]);

        Assert.Equal("(\"caput mediale\" OR {title aliases latin headings} : \"medial head\")", group.ToFts());
    }

    [Fact]
    public void What_an_abbreviation_stands_for_is_looked_for_everywhere()
    {
        var group = new QueryGroup("mcl", [new QueryAlternative("mcl", false), new QueryAlternative("medial collateral ligament", false, Synonym: true)]);

        Assert.Equal("(\"mcl\" OR \"medial collateral ligament\")", group.ToFts());
    }

    [Fact]
    public void A_one_word_synonym_is_looked_for_everywhere()
    {
        var group = new QueryGroup("peroneal", [new QueryAlternative("peroneal", false), new QueryAlternative("fibular", false, Synonym: true)]);

        Assert.Equal("(\"peroneal\" OR \"fibular\")", group.ToFts());
    }

    [Fact]
    public void A_phrase_both_typed_and_a_synonym_is_looked_for_everywhere_once()
    {
        var group = new QueryGroup("x", [new QueryAlternative("tibial nerve", false, Synonym: true), new QueryAlternative("tibial nerve", false)]);

        Assert.Equal("(\"tibial nerve\")", group.ToFts());
    }

    [Fact]
    public void Prefixes_stay_out_of_fts()
    {
        var group = new QueryGroup("gastroc", [new QueryAlternative("gastroc", true), new QueryAlternative("gastrocnemius", false)]);

        Assert.Equal("(\"gastrocnemius\")", group.ToFts());
    }
}
