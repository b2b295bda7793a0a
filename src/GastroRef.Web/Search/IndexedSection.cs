using System.Collections.Concurrent;

namespace GastroRef.Web.Search;

/// <summary>A section row as search scores it: heading and body tokenized once per content version, with where each
/// word occurs. Choosing a result's section looks up the query's words here instead of reading and scanning every
/// section's text again on every search (that was most of a search's cost; bm25 over an FTS5 table of sections was
/// measured slower still, as it weighs every matching section of the index, not only those of the results shown).</summary>
internal sealed class IndexedSection
{
    public IndexedSection(string sectionId, string sectionTitle, string heading, string body)
    {
        SectionId = sectionId;
        SectionTitle = sectionTitle;
        Heading = new IndexedText(heading);
        Body = new IndexedText(body);
    }

    public string SectionId { get; }

    public string SectionTitle { get; }

    public IndexedText Heading { get; }

    public IndexedText Body { get; }

    public bool IsOverview => SectionId == SearchSchema.OverviewSection;
}

/// <summary>A text tokenized, with the positions of each of its words and its length in words.</summary>
internal sealed class IndexedText
{
    public IndexedText(string text)
    {
        Tokens = SearchText.Tokenize(text);
        var positions = new Dictionary<string, List<int>>(StringComparer.Ordinal);
        var lookup = positions.GetAlternateLookup<ReadOnlySpan<char>>();
        for (var i = 0; i < Tokens.Tokens.Count; i++)
        {
            var word = Tokens.Word(i);
            if (!lookup.TryGetValue(word, out var list))
            {
                list = [];
                lookup[word] = list;
            }

            list.Add(i);
        }

        Positions = positions.ToDictionary(p => p.Key, p => p.Value.ToArray(), StringComparer.Ordinal);
        WordCount = text.Length == 0 ? 0 : text.AsSpan().Count(' ') + 1;
    }

    public TokenizedText Tokens { get; }

    /// <summary>Where each folded word occurs, as token indexes in order.</summary>
    public IReadOnlyDictionary<string, int[]> Positions { get; }

    /// <summary>Roughly how many words the text has (spaces plus one), for length normalisation only.</summary>
    public int WordCount { get; }
}

/// <summary>The indexed sections of the structures searched lately, for one content version (it lives in that
/// version's <see cref="SearchVocabulary"/>). Bounded: past <see cref="TokenBudget"/> tokens it starts afresh.</summary>
internal sealed class SectionCache
{
    /// <summary>About 30 MB of tokens and positions: all of today's content, or the sections of a few thousand
    /// structures of a large one.</summary>
    public const int TokenBudget = 2_000_000;

    private readonly ConcurrentDictionary<long, IReadOnlyList<IndexedSection>> _sections = new();
    private long _tokens;

    public bool TryGet(long structureId, out IReadOnlyList<IndexedSection>? sections) => _sections.TryGetValue(structureId, out sections);

    public void Add(long structureId, IReadOnlyList<IndexedSection> sections)
    {
        var tokens = sections.Sum(s => s.Heading.Tokens.Tokens.Count + s.Body.Tokens.Tokens.Count);
        if (Interlocked.Add(ref _tokens, tokens) > TokenBudget)
        {
            _sections.Clear();
            Interlocked.Exchange(ref _tokens, tokens);
        }

        _sections[structureId] = sections;
    }
}
