using GastroRef.Content;
using System.Collections.Concurrent;
using System.Collections.Frozen;
using System.Numerics;

namespace GastroRef.Web.Search;

/// <summary>Everything a query needs to know about the index, loaded once per content version: the terms with
/// the number of structures holding each (from <c>fts5vocab</c>), the synonyms, plural forms and the names of
/// every structure. Typo corrections are computed here, by edit distance, and remembered. Given the vocabulary of an
/// earlier version, what depends only on input that did not change (the order and forms of the terms, the normalized
/// names of structures named as before) is taken from it rather than computed again.</summary>
public sealed class SearchVocabulary
{
    /// <summary>How many corrections to remember before starting afresh (hostile input could be endless).</summary>
    private const int CorrectionCacheLimit = 10_000;

    private static readonly FrozenDictionary<string, string> IrregularPlurals = new Dictionary<string, string>(StringComparer.Ordinal)
    {
        ["calves"] = "calf",
        ["feet"] = "foot",
        ["teeth"] = "tooth",
        ["halves"] = "half",
    }.ToFrozenDictionary(StringComparer.Ordinal);

    private readonly Dictionary<string, int> _documentCounts;
    private readonly string[] _sortedTerms;
    private readonly long[] _cumulativeCounts;
    private readonly Dictionary<int, Candidate[]> _termsByLength;
    private readonly Dictionary<string, string[]> _forms;
    private readonly FrozenSet<string> _synonymWords;
    private readonly ConcurrentDictionary<string, string?> _corrections = new(StringComparer.Ordinal);

    public SearchVocabulary(
        long version,
        IEnumerable<KeyValuePair<string, int>> terms,
        IReadOnlyDictionary<string, IReadOnlyList<string>> synonyms,
        IEnumerable<IndexedStructure> structures,
        SearchVocabulary? previous = null)
    {
        ArgumentNullException.ThrowIfNull(terms);
        ArgumentNullException.ThrowIfNull(synonyms);
        ArgumentNullException.ThrowIfNull(structures);
        Version = version;
        // Plain dictionaries: built for every content version, where freezing them cost more than it saves in lookups.
        _documentCounts = terms.ToDictionary(StringComparer.Ordinal);

        // The terms themselves rarely change from one version to the next (their counts do): their order and forms are kept.
        var sameTerms = previous is not null && previous._documentCounts.Count == _documentCounts.Count && _documentCounts.Keys.All(previous._documentCounts.ContainsKey);
        _sortedTerms = sameTerms ? previous!._sortedTerms : [.. _documentCounts.Keys.Order(StringComparer.Ordinal)];
        _cumulativeCounts = new long[_sortedTerms.Length + 1];
        for (var i = 0; i < _sortedTerms.Length; i++)
        {
            _cumulativeCounts[i + 1] = _cumulativeCounts[i] + _documentCounts[_sortedTerms[i]];
        }

        _termsByLength = _documentCounts
            .Where(t => t.Key.All(char.IsLetter))
            .GroupBy(t => t.Key.Length)
            .ToDictionary(g => g.Key, g => g.Select(t => new Candidate(t.Key, LetterMask(t.Key), t.Value)).ToArray());
        _forms = sameTerms ? previous!._forms : _documentCounts.Keys
            .Where(t => t.All(char.IsLetter))
            .GroupBy(Stem, StringComparer.Ordinal)
            .ToDictionary(g => g.Key, g => g.Order(StringComparer.Ordinal).ToArray(), StringComparer.Ordinal);

        var normalized = new Dictionary<string, IReadOnlyList<string>>(StringComparer.Ordinal);
        foreach (var (key, equivalents) in synonyms)
        {
            var term = SearchText.Normalize(key);
            if (term.Length > 0)
            {
                normalized[term] = [.. equivalents.Select(SearchText.Normalize).Where(e => e.Length > 0 && e != term).Distinct(StringComparer.Ordinal)];
            }
        }

        Synonyms = normalized.ToFrozenDictionary(StringComparer.Ordinal);
        LongestSynonym = Synonyms.Keys.Select(k => k.Count(c => c == ' ') + 1).DefaultIfEmpty(0).Max();
        _synonymWords = Synonyms.Keys.SelectMany(k => k.Split(' ')).ToFrozenSet(StringComparer.Ordinal);
        Names = new SearchNames(structures, previous?.Names);
    }

    /// <summary>The content version (<see cref="Data.StoreState.Version"/>) this vocabulary was read at.</summary>
    public long Version { get; }

    /// <summary>The pages of structures searched lately, indexed for this version.</summary>
    internal VersionCache<long, IndexedPage> Pages { get; } = new(IndexedPage.TokenBudget, page => page.TokenCount);

    /// <summary>What each phrase searched lately adds to bm25, for this version (<see cref="Search.PhraseScores"/>).</summary>
    internal VersionCache<string, IReadOnlyDictionary<long, double>> PhraseScores { get; } = new(Search.PhraseScores.EntryBudget, scores => scores.Count);

    public int TermCount => _documentCounts.Count;

    /// <summary>Every indexed term with the number of structures holding it.</summary>
    internal IReadOnlyDictionary<string, int> DocumentCounts => _documentCounts;

    /// <summary>Normalized term or phrase → normalized equivalents.</summary>
    public FrozenDictionary<string, IReadOnlyList<string>> Synonyms { get; }

    /// <summary>Words in the longest synonym key.</summary>
    public int LongestSynonym { get; }

    /// <summary>The names of every indexed structure.</summary>
    public SearchNames Names { get; }

    public int StructureCount => Names.Structures.Count;

    /// <summary>True when the word is in the index or in a synonym.</summary>
    public bool IsKnown(string word) => _documentCounts.ContainsKey(word) || _synonymWords.Contains(word);

    /// <summary>How many structures hold the term.</summary>
    public int DocumentCount(string term) => _documentCounts.GetValueOrDefault(term);

    /// <summary>An upper bound on how many structures hold a word starting with <paramref name="prefix"/>.</summary>
    public int PrefixDocumentCount(string prefix)
    {
        ArgumentNullException.ThrowIfNull(prefix);
        var (from, to) = PrefixRange(prefix);
        return (int)Math.Min(int.MaxValue, _cumulativeCounts[to] - _cumulativeCounts[from]);
    }

    /// <summary>The indexed words starting with <paramref name="prefix"/> held by the most structures, most first.</summary>
    public IReadOnlyList<string> Completions(string prefix, int count)
    {
        ArgumentNullException.ThrowIfNull(prefix);
        var (from, to) = PrefixRange(prefix);
        var best = new List<(string Term, int Documents)>(count + 1);
        for (var i = from; i < to; i++)
        {
            var documents = (int)(_cumulativeCounts[i + 1] - _cumulativeCounts[i]);
            if (best.Count == count && documents <= best[^1].Documents)
            {
                continue;
            }

            var at = best.FindIndex(b => b.Documents < documents);
            best.Insert(at < 0 ? best.Count : at, (_sortedTerms[i], documents));
            if (best.Count > count)
            {
                best.RemoveAt(best.Count - 1);
            }
        }

        return [.. best.Select(b => b.Term)];
    }

    /// <summary>True when some indexed word starts with <paramref name="prefix"/>.</summary>
    public bool HasPrefix(string prefix)
    {
        ArgumentNullException.ThrowIfNull(prefix);
        var (from, to) = PrefixRange(prefix);
        return to > from;
    }

    private (int From, int To) PrefixRange(string prefix) => SearchText.PrefixRange(_sortedTerms, prefix);

    /// <summary>The indexed forms of a word: "muscles" → muscle, muscles; "innervates" → innervation, innervated.
    /// The word itself is not included unless it is indexed.</summary>
    public IReadOnlyList<string> Forms(string word)
    {
        ArgumentNullException.ThrowIfNull(word);
        return _forms.TryGetValue(Stem(word), out var forms) ? forms : [];
    }

    /// <summary>The indexed word closest to a word that is not in the index, or null when none is close:
    /// one edit for words of 4–7 letters, two from 8 letters. Ties go to the word in more documents.</summary>
    public string? Correct(string word)
    {
        ArgumentNullException.ThrowIfNull(word);
        if (word.Length < 4 || !word.All(char.IsLetter) || IsKnown(word))
        {
            return null;
        }

        if (_corrections.TryGetValue(word, out var cached))
        {
            return cached;
        }

        var correction = FindClosest(word);
        if (_corrections.Count >= CorrectionCacheLimit)
        {
            _corrections.Clear();
        }

        _corrections[word] = correction;
        return correction;
    }

    /// <summary>A light stemmer for English inflections: enough to find "muscle" from "muscles", "artery" from
    /// "arteries" and "innervation" from "innervates", without mangling Latin ("soleus", "femoris", "surae")
    /// or words such as "region". Only words that share a stem and are in the index are ever added.</summary>
    public static string Stem(string word)
    {
        ArgumentNullException.ThrowIfNull(word);
        if (IrregularPlurals.TryGetValue(word, out var singular))
        {
            return singular;
        }

        if (word.Length <= 3)
        {
            return word;
        }

        foreach (var (suffix, replacement, minimum) in Suffixes)
        {
            if (word.Length >= minimum && word.EndsWith(suffix, StringComparison.Ordinal))
            {
                var stem = word[..^suffix.Length] + replacement;
                // "-ion" only after t or x (insertion, flexion), so "region" and "lesion" keep their endings.
                if (suffix == "ion" && stem[^1] is not ('t' or 'x'))
                {
                    continue;
                }

                return stem;
            }
        }

        if (word[^1] == 's' && !word.EndsWith("ss", StringComparison.Ordinal) && !word.EndsWith("us", StringComparison.Ordinal) &&
            !word.EndsWith("is", StringComparison.Ordinal))
        {
            return word[..^1];
        }

        return word;
    }

    private static readonly (string Suffix, string Replacement, int Minimum)[] Suffixes =
    [
        ("ations", "at", 8), ("ation", "at", 7), ("ating", "at", 7), ("ated", "at", 6), ("ates", "at", 6), ("ate", "at", 6),
        ("ions", "", 7), ("ion", "", 6), ("ying", "y", 6), ("ies", "y", 5), ("ied", "y", 5), ("ing", "", 6),
        ("ches", "ch", 5), ("shes", "sh", 5), ("sses", "ss", 5), ("xes", "x", 5), ("eed", "eed", 4), ("ed", "", 5),
    ];

    private string? FindClosest(string word)
    {
        var maxDistance = word.Length >= 8 ? 2 : 1;
        var mask = LetterMask(word);
        string? best = null;
        var bestDistance = maxDistance + 1;
        var bestCount = 0;
        for (var length = word.Length - maxDistance; length <= word.Length + maxDistance; length++)
        {
            if (!_termsByLength.TryGetValue(length, out var candidates))
            {
                continue;
            }

            foreach (var candidate in candidates)
            {
                // Each edit changes at most two letters of the set of letters used: a cheap first filter.
                if ((BitOperations.PopCount(mask ^ candidate.Mask) + 1) / 2 > Math.Min(maxDistance, bestDistance))
                {
                    continue;
                }

                var distance = EditDistance.AtMost(word, candidate.Term, Math.Min(maxDistance, bestDistance));
                if (distance < bestDistance || (distance == bestDistance && candidate.Documents > bestCount))
                {
                    best = candidate.Term;
                    bestDistance = distance;
                    bestCount = candidate.Documents;
                }
            }
        }

        return bestDistance <= maxDistance ? best : null;
    }

    private static ulong LetterMask(string word)
    {
        ulong mask = 0;
        foreach (var c in word)
        {
            mask |= 1UL << (c % 64);
        }

        return mask;
    }

    private readonly record struct Candidate(string Term, ulong Mask, int Documents);
}
