using System.Collections.Frozen;

namespace GastroRef.Web.Search;

/// <summary>One way to match part of a query: a word or phrase (normalized words), optionally ending in a prefix.
/// Prefixes are matched in memory (names, sections); FTS5 gets the prefix's commonest completions as words.
/// <paramref name="Synonym"/>: added from the synonym list or aliases, not typed.</summary>
public sealed record QueryAlternative(string Phrase, bool Prefix, bool Synonym = false)
{
    public IReadOnlyList<string> Words { get; } = Phrase.Split(' ');
}

/// <summary>Part of a query that must match: any one of its alternatives (the word, its other forms,
/// its synonyms, its prefix and completions while it is being typed).</summary>
public sealed record QueryGroup(string Text, IReadOnlyList<QueryAlternative> Alternatives)
{
    /// <summary>FTS5 syntax: the alternatives as quoted words and phrases, OR-ed. A long prefix query
    /// (<c>"muscle" *</c>) merges every matching word's list over the whole index, so prefixes stay out.
    /// A synonym of several words for a typed phrase is looked for in names and headings only: "caput mediale"
    /// finds the structures called or sectioned "medial head", not every page that mentions a medial head in passing
    /// (its own words are searched everywhere already), and checking a common phrase in every page's text is what
    /// made such queries the slowest. A synonym of one typed word is what the word stands for ("dvt" → "deep vein
    /// thrombosis", "mcl" → "medial collateral ligament") and is looked for everywhere.</summary>
    public string ToFts() => "(" + string.Join(" OR ", Alternatives
        .Where(a => !a.Prefix)
        .GroupBy(a => a.Phrase, StringComparer.Ordinal)
        .Select(g => g.All(a => a.Synonym) && g.First().Words.Count > 1 && Text.Contains(' ', StringComparison.Ordinal)
            ? $"{{{SearchSchema.NameAndHeadingColumns}}} : {SearchText.Quote(g.Key)}"
            : SearchText.Quote(g.Key))) + ")";

    public bool CanMatch => Alternatives.Any(a => !a.Prefix);
}

/// <summary>A user's search text turned into FTS5 syntax that can never be malformed: the text is split into
/// words (letters and digits only, quoted), misspelled words are corrected, synonyms and other forms of each word
/// (plurals, "innervates" for "innervation") are added, and the last word is completed while it is being typed.</summary>
public sealed class SearchQuery
{
    /// <summary>Words that say little about what is wanted; they are left out unless nothing else is left.</summary>
    private static readonly FrozenSet<string> StopWords = new[]
    {
        "a", "an", "and", "are", "as", "at", "by", "do", "does", "for", "from", "how", "in", "into", "is", "it", "its",
        "of", "on", "or", "the", "to", "what", "when", "where", "which", "who", "why", "with",
    }.ToFrozenSet(StringComparer.Ordinal);

    private SearchQuery(string text, IReadOnlyList<string> words, IReadOnlyList<QueryGroup> groups, string? correctedText)
    {
        Text = text;
        Words = words;
        Groups = groups;
        CorrectedText = correctedText;
    }

    /// <summary>The text as typed, trimmed.</summary>
    public string Text { get; }

    /// <summary>The words searched for, after any correction.</summary>
    public IReadOnlyList<string> Words { get; }

    public IReadOnlyList<QueryGroup> Groups { get; }

    /// <summary>The corrected query when a misspelled word was replaced, else null.</summary>
    public string? CorrectedText { get; }

    public bool IsEmpty => Groups.Count == 0;

    /// <summary>The FTS5 MATCH expression: every part of the query (or, with <paramref name="any"/>, at least one),
    /// each part any of its alternatives. Null when nothing can match.</summary>
    public string? MatchExpression(bool any = false)
    {
        var groups = Groups.Where(g => g.CanMatch).ToList();
        return groups.Count == 0 || (!any && groups.Count < Groups.Count) ? null : string.Join(any ? " OR " : " AND ", groups.Select(g => g.ToFts()));
    }

    /// <summary>The expression bm25 ranks by: only the parts of the query held by few structures (at most
    /// <paramref name="maxDocuments"/>). bm25 reads the whole list of every word it ranks by to weigh it, and a word in
    /// most structures weighs next to nothing, so leaving such words out changes little and saves much. Null when no
    /// part is selective, or when every part is (then the match expression itself is the cheapest).</summary>
    public string? SelectiveExpression(SearchVocabulary vocabulary, int maxDocuments)
    {
        ArgumentNullException.ThrowIfNull(vocabulary);
        var selective = Groups.Where(g => g.CanMatch && Documents(g, vocabulary) <= maxDocuments).ToList();
        return selective.Count == 0 || selective.Count == Groups.Count ? null : string.Join(" AND ", selective.Select(g => g.ToFts()));
    }

    /// <summary>At most how many structures hold this part of the query.</summary>
    public static long Documents(QueryGroup group, SearchVocabulary vocabulary)
    {
        ArgumentNullException.ThrowIfNull(group);
        ArgumentNullException.ThrowIfNull(vocabulary);
        return group.Alternatives.Where(a => !a.Prefix).Sum(a => (long)a.Words.Min(vocabulary.DocumentCount));
    }

    /// <summary>Roughly how many index entries bm25 reads to weigh <paramref name="groups"/>: every word of every
    /// phrase, as a phrase is found by reading the lists of all its words.</summary>
    public static long RankCost(IEnumerable<QueryGroup> groups, SearchVocabulary vocabulary)
    {
        ArgumentNullException.ThrowIfNull(groups);
        ArgumentNullException.ThrowIfNull(vocabulary);
        return groups.SelectMany(g => g.Alternatives).Where(a => !a.Prefix).Select(a => a.Phrase).Distinct(StringComparer.Ordinal)
            .Sum(phrase => phrase.Split(' ').Sum(word => (long)vocabulary.DocumentCount(word)));
    }

    /// <summary>The parts of the query the selective expression ranks by (see <see cref="SelectiveExpression"/>).</summary>
    public IReadOnlyList<QueryGroup> SelectiveGroups(SearchVocabulary vocabulary, int maxDocuments)
    {
        ArgumentNullException.ThrowIfNull(vocabulary);
        var selective = Groups.Where(g => g.CanMatch && Documents(g, vocabulary) <= maxDocuments).ToList();
        return selective.Count == 0 || selective.Count == Groups.Count ? Groups : selective;
    }

    /// <summary>How many completions of a prefix being typed are searched for.</summary>
    public const int MaxCompletions = 12;

    /// <summary>Parses <paramref name="text"/>. With <paramref name="correct"/> false, misspelled words are searched as typed.
    /// A last word being typed is matched as a prefix from <paramref name="minimumPrefix"/> letters.</summary>
    public static SearchQuery Parse(string? text, SearchVocabulary vocabulary, bool correct = true, int minimumPrefix = 2)
    {
        ArgumentNullException.ThrowIfNull(vocabulary);
        var trimmed = (text ?? "").Trim();
        var words = SearchText.Words(trimmed).Take(SearchText.MaxWords).ToList();
        if (words.Count == 0)
        {
            return new SearchQuery(trimmed, [], [], null);
        }

        // Still typing the last word (no space after it): match it as a prefix too, from two letters on.
        var typing = SearchText.EndsInWord(text) && words.Count == SearchText.Words(trimmed).Count;
        var corrected = false;
        for (var i = 0; i < words.Count && correct; i++)
        {
            var word = words[i];
            if (vocabulary.IsKnown(word) || (typing && i == words.Count - 1 && vocabulary.HasPrefix(word)))
            {
                continue;
            }

            if (vocabulary.Correct(word) is { } replacement)
            {
                words[i] = replacement;
                corrected = true;
            }
        }

        var groups = new List<QueryGroup>();
        var position = 0;
        while (position < words.Count)
        {
            var (length, equivalents) = LongestSynonym(words, position, vocabulary);
            var phrase = string.Join(' ', words.Skip(position).Take(length));
            var isLast = position + length == words.Count;
            var alternatives = new List<QueryAlternative>();
            if (length == 1)
            {
                alternatives.AddRange(vocabulary.Forms(phrase).Select(form => new QueryAlternative(form, false)));
                if (!alternatives.Any(a => a.Phrase == phrase))
                {
                    alternatives.Insert(0, new QueryAlternative(phrase, false));
                }
            }
            else
            {
                alternatives.Add(new QueryAlternative(phrase, false));
            }

            var last = words[^1];
            if (isLast && typing && equivalents.Count == 0 && last.Length >= minimumPrefix && (last.Length <= 3 || vocabulary.DocumentCount(last) < 3))
            {
                // Still typing a word that is short or not (or hardly) a word of its own yet: match it as a prefix,
                // and search for the words it most often begins ("tib" → tibial, tibia, tibialis…). A word in the
                // synonym list ("dvt", "ta") is a whole word already.
                alternatives.Add(new QueryAlternative(phrase, true));
                var start = phrase.Length > last.Length ? phrase[..(phrase.Length - last.Length)] : "";
                alternatives.AddRange(vocabulary.Completions(last, MaxCompletions).Select(c => new QueryAlternative(start + c, false)));
            }

            alternatives.AddRange(equivalents.Select(e => new QueryAlternative(e, false, Synonym: true)));
            var group = new QueryGroup(phrase, [.. alternatives.Distinct()]);
            var isStopWord = length == 1 && equivalents.Count == 0 && (StopWords.Contains(phrase) || (phrase.Length == 1 && !char.IsDigit(phrase[0])));
            if (!isStopWord || (isLast && typing && phrase.Length >= minimumPrefix))
            {
                groups.Add(group);
            }

            position += length;
        }

        if (groups.Count == 0)
        {
            // Only little words: search for them after all rather than for nothing.
            groups.AddRange(words.Distinct(StringComparer.Ordinal).Select(w => new QueryGroup(w, [new QueryAlternative(w, false)])));
        }

        return new SearchQuery(trimmed, words, groups, corrected ? string.Join(' ', words) : null);
    }

    private static (int Length, IReadOnlyList<string> Equivalents) LongestSynonym(List<string> words, int position, SearchVocabulary vocabulary)
    {
        for (var length = Math.Min(vocabulary.LongestSynonym, words.Count - position); length >= 1; length--)
        {
            var key = string.Join(' ', words.Skip(position).Take(length));
            if (vocabulary.Synonyms.TryGetValue(key, out var equivalents))
            {
                return (length, equivalents);
            }
        }

        return (1, []);
    }
}
