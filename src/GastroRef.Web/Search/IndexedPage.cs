namespace GastroRef.Web.Search;

/// <summary>A structure's sections as search scores them: tokenized once per content version, with where each word
/// occurs in any of them. Choosing a result's section looks the query's words up here instead of reading and scanning
/// every section's text again on every search (that was most of a search's cost; bm25 over an FTS5 table of sections
/// was measured slower still, as it weighs every matching section of the index, not only those of the results shown).</summary>
internal sealed class IndexedPage
{
    /// <summary>How many tokens of indexed pages a content version keeps (<see cref="SearchVocabulary.Pages"/>): about
    /// 30 MB of tokens and positions, all of today's content, or the pages of a few thousand structures of a large one.</summary>
    public const int TokenBudget = 2_000_000;

    /// <summary>The page's words in ordinal order, so the words a prefix begins are one binary search away, and where
    /// each occurs (the same index in both).</summary>
    private readonly string[] _sortedWords;
    private readonly WordOccurrence[][] _sortedOccurrences;

    public IndexedPage(IReadOnlyList<IndexedSection> sections)
    {
        Sections = sections;
        var occurrences = new Dictionary<string, List<WordOccurrence>>(StringComparer.Ordinal);
        var lookup = occurrences.GetAlternateLookup<ReadOnlySpan<char>>();
        for (var s = 0; s < sections.Count; s++)
        {
            for (var field = 0; field < 2; field++)
            {
                var text = sections[s].Field(field);
                for (var i = 0; i < text.Count; i++)
                {
                    if (!lookup.TryGetValue(text.Word(i), out var list))
                    {
                        list = [];
                        lookup[text.Word(i)] = list;
                    }

                    list.Add(new WordOccurrence((s * 2) + field, i));
                }
            }
        }

        Occurrences = occurrences.ToDictionary(p => p.Key, p => p.Value.ToArray(), StringComparer.Ordinal);
        _sortedWords = [.. Occurrences.Keys.Order(StringComparer.Ordinal)];
        _sortedOccurrences = [.. _sortedWords.Select(word => Occurrences[word])];
        TokenCount = sections.Sum(s => s.Heading.Count + s.Body.Count);
    }

    public IReadOnlyList<IndexedSection> Sections { get; }

    /// <summary>Where each folded word occurs: field (section × 2, + 1 for the body) and token, in that order.</summary>
    public Dictionary<string, WordOccurrence[]> Occurrences { get; }

    public int TokenCount { get; }

    /// <summary>Where each word of the page that starts with <paramref name="prefix"/> occurs.</summary>
    public ReadOnlySpan<WordOccurrence[]> OccurrencesStartingWith(string prefix)
    {
        var (from, to) = SearchText.PrefixRange(_sortedWords, prefix);
        return _sortedOccurrences.AsSpan(from, to - from);
    }
}

/// <summary>A word at token <see cref="Position"/> of field <see cref="Field"/> (section × 2 for its heading, + 1 for its body).</summary>
internal readonly record struct WordOccurrence(int Field, int Position);

/// <summary>A section row tokenized: its heading (the summary's place for the overview row) and its body.</summary>
internal sealed class IndexedSection(string sectionId, string sectionTitle, string heading, string body)
{
    public string SectionId { get; } = sectionId;

    public string SectionTitle { get; } = sectionTitle;

    public TokenizedText Heading { get; } = SearchText.Tokenize(heading);

    public TokenizedText Body { get; } = SearchText.Tokenize(body);

    /// <summary>Roughly how many words each text has (spaces plus one), for length normalisation only.</summary>
    public int HeadingWords { get; } = CountWords(heading);

    public int BodyWords { get; } = CountWords(body);

    public bool IsOverview => SectionId == SearchSchema.OverviewSection;

    public TokenizedText Field(int field) => field == 0 ? Heading : Body;

    private static int CountWords(string text) => text.Length == 0 ? 0 : text.AsSpan().Count(' ') + 1;
}
