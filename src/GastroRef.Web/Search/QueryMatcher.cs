using System.Text;

namespace GastroRef.Web.Search;

/// <summary>Where one part of the query (<see cref="Group"/>) matched: tokens <see cref="First"/>..<see cref="Last"/>.</summary>
public readonly record struct TextMatch(int First, int Last, int Group);

/// <summary>Finds a query's words, phrases and prefixes in text, scores sections with BM25 (heading above body,
/// the same weighting as the index) and builds snippets: plain text with the matches as ranges.</summary>
public sealed class QueryMatcher
{
    private const double K1 = 1.2;
    private const double B = 0.75;
    private const double AverageSectionWords = 120;

    private readonly Dictionary<string, List<(int Group, QueryAlternative Alternative)>> _byFirstWord = new(StringComparer.Ordinal);
    private readonly Dictionary<string, List<(int Group, QueryAlternative Alternative)>>.AlternateLookup<ReadOnlySpan<char>> _lookup;
    private readonly List<(string Prefix, int Group)> _prefixes = [];
    private readonly double[] _idf;

    public QueryMatcher(SearchQuery query, SearchVocabulary vocabulary)
    {
        ArgumentNullException.ThrowIfNull(query);
        ArgumentNullException.ThrowIfNull(vocabulary);
        GroupCount = query.Groups.Count;
        _idf = new double[GroupCount];
        for (var g = 0; g < GroupCount; g++)
        {
            foreach (var alternative in query.Groups[g].Alternatives)
            {
                if (alternative.Words.Count == 1 && alternative.Prefix)
                {
                    _prefixes.Add((alternative.Phrase, g));
                }
                else
                {
                    var first = alternative.Words[0];
                    if (!_byFirstWord.TryGetValue(first, out var list))
                    {
                        _byFirstWord[first] = list = [];
                    }

                    list.Add((g, alternative));
                }

                _idf[g] = Math.Max(_idf[g], Idf(vocabulary, alternative));
            }
        }

        _lookup = _byFirstWord.GetAlternateLookup<ReadOnlySpan<char>>();
    }

    public int GroupCount { get; }

    /// <summary>Every place the query matches <paramref name="text"/>.</summary>
    public List<TextMatch> Find(TokenizedText text)
    {
        ArgumentNullException.ThrowIfNull(text);
        var matches = new List<TextMatch>();
        for (var i = 0; i < text.Count; i++)
        {
            var word = text.Word(i);
            if (_lookup.TryGetValue(word, out var alternatives))
            {
                foreach (var (group, alternative) in alternatives)
                {
                    if (alternative.Words.Count == 1)
                    {
                        matches.Add(new(i, i, group));
                    }
                    else if (PhraseAt(text, i, alternative))
                    {
                        matches.Add(new(i, i + alternative.Words.Count - 1, group));
                    }
                }
            }

            foreach (var (prefix, group) in _prefixes)
            {
                if (word.StartsWith(prefix, StringComparison.Ordinal))
                {
                    matches.Add(new(i, i, group));
                }
            }
        }

        return matches;
    }

    /// <summary>Every place the query matches each field of a page (index: section × 2, + 1 for the body; null where
    /// nothing matched), each in the order <see cref="Find(TokenizedText)"/> gives: found through the page's word
    /// positions instead of by reading every token.</summary>
    internal List<TextMatch>?[] Find(IndexedPage page)
    {
        ArgumentNullException.ThrowIfNull(page);
        var found = new List<TextMatch>?[page.Sections.Count * 2];
        var unordered = false;
        foreach (var (first, alternatives) in _byFirstWord)
        {
            if (!page.Occurrences.TryGetValue(first, out var occurrences))
            {
                continue;
            }

            foreach (var (field, position) in occurrences)
            {
                for (var k = 0; k < alternatives.Count; k++)
                {
                    var (group, alternative) = alternatives[k];
                    if (alternative.Words.Count == 1)
                    {
                        unordered |= Add(found, field, new(position, position, group));
                    }
                    else if (PhraseAt(page.Sections[field / 2].Field(field % 2), position, alternative))
                    {
                        unordered |= Add(found, field, new(position, position + alternative.Words.Count - 1, group));
                    }
                }
            }
        }

        for (var k = 0; k < _prefixes.Count; k++)
        {
            var (prefix, group) = _prefixes[k];
            foreach (var occurrences in page.OccurrencesStartingWith(prefix))
            {
                foreach (var (field, position) in occurrences)
                {
                    unordered |= Add(found, field, new(position, position, group));
                }
            }
        }

        if (unordered)
        {
            foreach (var list in found)
            {
                if (list is not null)
                {
                    SortByFirstKeepingOrder(list);
                }
            }
        }

        return found;

        // True when the match lands before one already in its field (another word, or a prefix, matched earlier text).
        static bool Add(List<TextMatch>?[] found, int field, TextMatch match)
        {
            var list = found[field] ??= [];
            list.Add(match);
            return list.Count > 1 && list[^2].First > match.First;
        }
    }

    /// <summary>A stable insertion sort by first token: at one token, one word's alternatives were added in the order
    /// <see cref="Find(TokenizedText)"/> tries them, and prefixes after them, so keeping the order added keeps its order.
    /// Lists are short and nearly sorted.</summary>
    private static void SortByFirstKeepingOrder(List<TextMatch> list)
    {
        for (var i = 1; i < list.Count; i++)
        {
            var current = list[i];
            var j = i - 1;
            while (j >= 0 && list[j].First > current.First)
            {
                list[j + 1] = list[j];
                j--;
            }

            list[j + 1] = current;
        }
    }

    /// <summary>How many different places each part of the query matched (<paramref name="matches"/> in token order, as
    /// <see cref="Find(IndexedPage)"/> gives them).</summary>
    public int[] Counts(IReadOnlyList<TextMatch> matches)
    {
        ArgumentNullException.ThrowIfNull(matches);
        var counts = new int[GroupCount];
        for (var i = 0; i < matches.Count; i++)
        {
            // Matches at one token are next to each other: count a group once per token.
            var repeated = false;
            for (var j = i - 1; j >= 0 && matches[j].First == matches[i].First; j--)
            {
                repeated |= matches[j].Group == matches[i].Group;
            }

            if (!repeated)
            {
                counts[matches[i].Group]++;
            }
        }

        return counts;
    }

    /// <summary>BM25 over the two fields of one section, body and heading (or summary): their length in words, how often
    /// each part of the query occurs in them, and the heading's weight (an occurrence there counts that many times).</summary>
    public double Score(int bodyWords, int[] bodyCounts, int headingWords, int[] headingCounts, double headingWeight)
    {
        ArgumentNullException.ThrowIfNull(bodyCounts);
        ArgumentNullException.ThrowIfNull(headingCounts);
        var length = bodyWords + headingWords;
        var score = 0.0;
        for (var g = 0; g < GroupCount; g++)
        {
            var frequency = bodyCounts[g] + (headingWeight * headingCounts[g]);
            if (frequency > 0)
            {
                score += _idf[g] * frequency * (K1 + 1) / (frequency + K1 * (1 - B + B * length / AverageSectionWords));
            }
        }

        return score;
    }

    /// <summary>About <paramref name="words"/> words of the text around its best cluster of matches, with the matches
    /// as ranges of the snippet's text and "…" where text was cut. The whole text when it is short enough.</summary>
    public static SearchSnippet Snippet(TokenizedText text, IReadOnlyList<TextMatch> matches, int words)
    {
        ArgumentNullException.ThrowIfNull(text);
        ArgumentNullException.ThrowIfNull(matches);
        var tokens = text.Tokens;
        if (tokens.Length == 0)
        {
            return new SearchSnippet(text.Text.Trim(), []);
        }

        var first = tokens.Length > words && matches.Count > 0 ? BestWindow(matches, tokens.Length, words) : 0;
        var last = Math.Min(tokens.Length, first + words) - 1;
        var from = first == 0 ? 0 : tokens[first].Start;
        var to = last == tokens.Length - 1 ? text.Text.Length : tokens[last].End;

        // Leading spaces are dropped and the ranges shifted with them, so the text and its ranges agree.
        while (from < to && char.IsWhiteSpace(text.Text[from]))
        {
            from++;
        }

        var snippet = new StringBuilder(to - from + 2);
        if (first > 0)
        {
            snippet.Append('…');
        }

        // Matches come in token order; a match starting inside the one marked before it is skipped.
        var offset = snippet.Length - from;
        var highlights = new List<TextRange>();
        var position = from;
        foreach (var match in matches)
        {
            if (match.First < first || match.Last > last)
            {
                continue;
            }

            var (start, end) = (tokens[match.First].Start, tokens[match.Last].End);
            if (start < position)
            {
                continue;
            }

            highlights.Add(new TextRange(start + offset, end - start));
            position = end;
        }

        snippet.Append(text.Text, from, to - from);
        var length = snippet.Length;
        while (length > 0 && char.IsWhiteSpace(snippet[length - 1]))
        {
            length--;
        }

        snippet.Length = length;
        if (to < text.Text.Length)
        {
            snippet.Append('…');
        }

        return new SearchSnippet(snippet.ToString(), highlights);
    }

    /// <summary>The first token of the window of <paramref name="words"/> tokens holding the most different parts of the
    /// query, then the most matches; it starts a few words before its first match so the reader sees what leads up to
    /// it. <paramref name="matches"/> are in token order.</summary>
    private static int BestWindow(IReadOnlyList<TextMatch> matches, int tokenCount, int words)
    {
        var best = (Groups: -1, Count: -1, Start: 0);
        var groups = new HashSet<int>();
        var previousAnchor = -1;
        foreach (var match in matches)
        {
            var anchor = Math.Max(0, match.First - 4);
            if (anchor == previousAnchor)
            {
                continue;
            }

            previousAnchor = anchor;
            var start = Math.Min(anchor, tokenCount - words);
            groups.Clear();
            var count = 0;
            foreach (var inside in matches)
            {
                if (inside.First >= start && inside.Last < start + words)
                {
                    groups.Add(inside.Group);
                    count++;
                }
            }

            if (groups.Count > best.Groups || (groups.Count == best.Groups && count > best.Count))
            {
                best = (groups.Count, count, start);
            }
        }

        return best.Start;
    }

    private static bool PhraseAt(TokenizedText text, int index, QueryAlternative alternative)
    {
        var words = alternative.Words;
        if (index + words.Count > text.Count)
        {
            return false;
        }

        for (var k = 1; k < words.Count; k++)
        {
            var word = text.Word(index + k);
            var ok = alternative.Prefix && k == words.Count - 1
                ? word.StartsWith(words[k], StringComparison.Ordinal)
                : word.SequenceEqual(words[k]);
            if (!ok)
            {
                return false;
            }
        }

        return true;
    }

    private static double Idf(SearchVocabulary vocabulary, QueryAlternative alternative)
    {
        var documents = alternative.Words.Count == 1 && alternative.Prefix
            ? vocabulary.PrefixDocumentCount(alternative.Phrase)
            : alternative.Words.Min(vocabulary.DocumentCount);
        var total = Math.Max(1, vocabulary.StructureCount);
        documents = Math.Clamp(documents, 1, total);
        return Math.Log(1 + ((total - documents + 0.5) / (documents + 0.5)));
    }
}
