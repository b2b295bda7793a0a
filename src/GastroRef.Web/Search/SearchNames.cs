using System.Collections.Frozen;
using System.Runtime.InteropServices;
using GastroRef.Content;

namespace GastroRef.Web.Search;

/// <summary>A structure as the search index knows it.</summary>
public sealed record IndexedStructure(long Id, string Slug, string Type, string Title, string Summary, IReadOnlyList<string> Aliases, string Latin)
{
    public string Url => StructureUrls.Article(Slug);

    private TokenizedText? _summaryTokens;

    /// <summary>The summary tokenized, once per content version and only for structures a search shows (building it
    /// for every structure would slow down publishing a version): most results are described by it. Two searches
    /// may both build it; either copy is the same.</summary>
    public TokenizedText SummaryTokens => _summaryTokens ??= SearchText.Tokenize(Summary);
}

/// <summary>One name of a structure: its title, an alias or its Latin name, as shown and as normalized words.</summary>
public sealed record StructureName(long StructureId, string Display, string Normalized, string Kind)
{
    public string[] Words { get; } = Normalized.Split(' ', StringSplitOptions.RemoveEmptyEntries);

    /// <summary>Titles before aliases before Latin names.</summary>
    public int KindOrder => Kind switch { "title" => 0, "alias" => 1, _ => 2 };
}

/// <summary>How well a structure's names answer a query: its <see cref="Tier"/> and, within a tier, a score that
/// favours titles over aliases over Latin names and rare words over common ones.</summary>
public readonly record struct NameMatch(int Tier, double Score);

/// <summary>The names of every indexed structure in memory: which structures a query names (and how exactly),
/// and suggestions as you type. Built once per content version with <see cref="SearchVocabulary"/>.</summary>
public sealed class SearchNames
{
    /// <summary>A name that is exactly what was typed.</summary>
    public const int TierTyped = 6;

    /// <summary>A name that is the query through a synonym or another form of the word, or the query followed by
    /// the kind of structure ("Achilles" → "Achilles tendon").</summary>
    public const int TierEquivalent = 5;

    /// <summary>A name that starts with the query.</summary>
    public const int TierStartsWith = 4;

    /// <summary>Names that hold every word of the query between them.</summary>
    public const int TierAllWords = 3;

    /// <summary>Names that hold the query's distinctive words, the text the rest ("soleus innervation").</summary>
    public const int TierSomeWords = 2;

    /// <summary>The query matched the text only.</summary>
    public const int TierText = 1;

    private static readonly string[] KindNouns = ["muscle", "muscles", "head", "tendon", "nerve", "artery", "arteries", "vein", "bone", "joint", "ligament"];

    private readonly StructureName[] _byName;
    private readonly Dictionary<string, int[]> _postings;
    private readonly string[] _words;
    private readonly Dictionary<string, long[]> _byNormalized;
    private readonly FrozenDictionary<long, StructureName[]> _namesOf;

    /// <remarks>The word tables are plain dictionaries, not frozen ones: they are built again for every content version,
    /// in the seeding that publishes it, and freezing them cost more there (0.3 s at 10,000 structures) than it saved
    /// in lookups.</remarks>
    public SearchNames(IEnumerable<IndexedStructure> structures, SearchNames? previous = null)
    {
        ArgumentNullException.ThrowIfNull(structures);
        Structures = structures.ToFrozenDictionary(s => s.Id);
        if (previous is not null && previous.Structures.Count == Structures.Count &&
            Structures.Values.All(s => previous.Structures.GetValueOrDefault(s.Id) is { } before && SameNames(before, s)))
        {
            // Every structure is named as before (most edits change text, not names): the tables are the same.
            (_byName, _namesOf, _byNormalized, _postings, _words) = (previous._byName, previous._namesOf, previous._byNormalized, previous._postings, previous._words);
            return;
        }

        var names = new List<StructureName>();
        foreach (var structure in Structures.Values)
        {
            // Normalizing every name is most of the cost of building these tables: a structure named as it was in the
            // previous version keeps the names normalized then (normalizing depends on the name alone).
            if (previous is not null && previous.Structures.GetValueOrDefault(structure.Id) is { } before && SameNames(before, structure))
            {
                names.AddRange(previous._namesOf.GetValueOrDefault(structure.Id) ?? []);
                continue;
            }

            names.Add(new(structure.Id, structure.Title, SearchText.Normalize(structure.Title), "title"));
            names.AddRange(structure.Aliases.Select(a => new StructureName(structure.Id, a, SearchText.Normalize(a), "alias")));
            if (structure.Latin.Length > 0)
            {
                names.Add(new(structure.Id, structure.Latin, SearchText.Normalize(structure.Latin), "latin"));
            }
        }

        _byName = [.. names.Where(n => n.Normalized.Length > 0).OrderBy(n => n.Normalized, StringComparer.Ordinal).ThenBy(n => n.KindOrder)];
        _namesOf = _byName.GroupBy(n => n.StructureId).ToFrozenDictionary(g => g.Key, g => g.ToArray());

        // Loops rather than GroupBy: this runs for every content version, over every name.
        var byNormalized = new Dictionary<string, List<long>>(StringComparer.Ordinal);
        var postings = new Dictionary<string, List<int>>(StringComparer.Ordinal);
        for (var i = 0; i < _byName.Length; i++)
        {
            var name = _byName[i];
            if (!byNormalized.TryGetValue(name.Normalized, out var ids))
            {
                byNormalized[name.Normalized] = ids = [];
            }

            if (!ids.Contains(name.StructureId))
            {
                ids.Add(name.StructureId);
            }

            foreach (var word in name.Words)
            {
                if (!postings.TryGetValue(word, out var indexes))
                {
                    postings[word] = indexes = [];
                }

                // A word twice in one name counts once.
                if (indexes.Count == 0 || indexes[^1] != i)
                {
                    indexes.Add(i);
                }
            }
        }

        _byNormalized = byNormalized.ToDictionary(p => p.Key, p => p.Value.ToArray(), StringComparer.Ordinal);
        _postings = postings.ToDictionary(p => p.Key, p => p.Value.ToArray(), StringComparer.Ordinal);
        _words = [.. _postings.Keys.Order(StringComparer.Ordinal)];
    }

    public FrozenDictionary<long, IndexedStructure> Structures { get; }

    private static bool SameNames(IndexedStructure before, IndexedStructure now) =>
        before.Title == now.Title && before.Latin == now.Latin && before.Aliases.SequenceEqual(now.Aliases, StringComparer.Ordinal);

    /// <summary>Every structure whose names hold the whole query, or its distinctive words, with how well.
    /// Found through the word lists and the sorted names, so a common word ("muscle") costs a few lookups per
    /// structure, not a comparison of every name.</summary>
    public Dictionary<long, NameMatch> Match(SearchQuery query)
    {
        ArgumentNullException.ThrowIfNull(query);
        var matches = new Dictionary<long, NameMatch>();
        if (query.IsEmpty)
        {
            return matches;
        }

        // For each part of the query, the structures whose names hold it, with the best kind of name that does.
        // Parts held by many names ("muscle") are checked only against the structures the rarest part names.
        var total = Math.Max(1, Structures.Count);
        var distinctive = Math.Max(3, total / 20);
        var estimates = query.Groups.Select(EstimateNames).ToArray();
        var rarest = Array.IndexOf(estimates, estimates.Min());
        var coverage = new Dictionary<long, double>?[query.Groups.Count];
        for (var g = 0; g < coverage.Length; g++)
        {
            if (g == rarest || estimates[g] <= distinctive)
            {
                coverage[g] = Coverage(query.Groups[g]);
            }
        }

        var idf = new double[coverage.Length];
        for (var g = 0; g < coverage.Length; g++)
        {
            var count = coverage[g]?.Count ?? estimates[g];
            idf[g] = Math.Log(1 + ((total - count + 0.5) / (count + 0.5)));
        }

        var covering = new Dictionary<long, double[]>();
        foreach (var (id, _) in coverage[rarest]!)
        {
            var weights = new double[coverage.Length];
            var all = true;
            for (var g = 0; g < coverage.Length && all; g++)
            {
                weights[g] = coverage[g] is { } known ? known.GetValueOrDefault(id) : NameWeight(id, query.Groups[g]);
                all = weights[g] > 0;
            }

            if (all)
            {
                covering[id] = weights;
                matches[id] = new NameMatch(TierAllWords, Score(id));
            }
        }

        for (var g = 0; g < coverage.Length; g++)
        {
            if (coverage[g] is not { } known || known.Count > distinctive)
            {
                continue;
            }

            foreach (var id in known.Keys)
            {
                matches.TryAdd(id, new NameMatch(TierSomeWords, Score(id)));
            }
        }

        // A whole name inside a longer query is a structure and a topic: "popliteal artery entrapment".
        for (var start = 0; start < query.Words.Count; start++)
        {
            for (var length = 1; start + length <= query.Words.Count && length < query.Words.Count; length++)
            {
                foreach (var id in Named(string.Join(' ', query.Words.Skip(start).Take(length))))
                {
                    var score = Score(id) + length;
                    if (!matches.TryGetValue(id, out var match) || (match.Tier == TierSomeWords && match.Score < score))
                    {
                        matches[id] = new NameMatch(TierSomeWords, score);
                    }
                }
            }
        }

        // Names that are the query, or start with it, rank above names that merely hold its words.
        var typed = string.Join(' ', query.Words);
        var typing = query.Groups[^1].Alternatives.Any(a => a.Prefix);
        Raise(StartingWith(typed + " "), TierStartsWith);
        if (typing)
        {
            Raise(StartingWith(typed), TierStartsWith);
        }

        var equivalents = query.Groups.Count == 1 ? query.Groups[0].Alternatives.Where(a => !a.Prefix).Select(a => a.Phrase) : [];
        Raise(equivalents.Concat(KindNouns.Select(noun => $"{typed} {noun}")).SelectMany(Named), TierEquivalent);
        Raise(Named(typed), TierTyped);
        return matches;

        double Score(long id)
        {
            var score = 0.0;
            for (var g = 0; g < coverage.Length; g++)
            {
                var weight = covering.TryGetValue(id, out var weights) ? weights[g] : coverage[g]?.GetValueOrDefault(id) ?? 0;
                score += idf[g] * weight;
            }

            return score;
        }

        void Raise(IEnumerable<long> ids, int tier)
        {
            foreach (var id in ids)
            {
                if (matches.TryGetValue(id, out var match) && match.Tier < tier)
                {
                    matches[id] = match with { Tier = tier };
                }
            }
        }
    }

    private IEnumerable<long> Named(string normalized) => _byNormalized.TryGetValue(normalized, out var ids) ? ids : [];

    private IEnumerable<long> StartingWith(string prefix)
    {
        for (var i = LowerBound(_byName, prefix); i < _byName.Length && _byName[i].Normalized.StartsWith(prefix, StringComparison.Ordinal); i++)
        {
            yield return _byName[i].StructureId;
        }
    }

    /// <summary>An upper bound on how many names hold this part of the query, from the word lists alone.</summary>
    private int EstimateNames(QueryGroup group) =>
        group.Alternatives.Sum(a => a.Prefix && a.Words.Count == 1 ? PrefixPostings(a.Words[0]) : a.Words.Min(w => _postings.TryGetValue(w, out var p) ? p.Length : 0));

    private int PrefixPostings(string prefix)
    {
        var count = 0;
        for (var i = LowerBound(_words, prefix); i < _words.Length && _words[i].StartsWith(prefix, StringComparison.Ordinal); i++)
        {
            count += _postings[_words[i]].Length;
        }

        return count;
    }

    /// <summary>The weight of the best kind of name of one structure that holds this part of the query, or 0.</summary>
    private double NameWeight(long structureId, QueryGroup group)
    {
        var best = 0.0;
        foreach (var name in _namesOf.GetValueOrDefault(structureId) ?? [])
        {
            if (group.Alternatives.Any(a => Contains(name.Words, a)))
            {
                best = Math.Max(best, Weight(name));
            }
        }

        return best;
    }

    private static double Weight(StructureName name) => name.KindOrder switch { 0 => 10.0, 1 => 8.0, _ => 4.0 };

    private Dictionary<long, double> Coverage(QueryGroup group)
    {
        var covered = new Dictionary<long, double>(EstimateNames(group));
        foreach (var alternative in group.Alternatives)
        {
            // A single whole word needs no check: the word list holds exactly the names that contain it.
            var certain = alternative.Words.Count == 1 && !alternative.Prefix;
            foreach (var index in Candidates(alternative.Words[0], alternative.Prefix && alternative.Words.Count == 1))
            {
                var name = _byName[index];
                if (certain || Contains(name.Words, alternative))
                {
                    ref var weight = ref CollectionsMarshal.GetValueRefOrAddDefault(covered, name.StructureId, out _);
                    weight = Math.Max(weight, Weight(name));
                }
            }
        }

        return covered;
    }

    /// <summary>Names for what has been typed so far: names that start with it first, then names holding every
    /// word; titles before aliases before Latin, shorter before longer; one per structure.</summary>
    public IReadOnlyList<StructureName> Suggest(IReadOnlyList<string> words, bool typing, int limit)
    {
        ArgumentNullException.ThrowIfNull(words);
        if (words.Count == 0)
        {
            return [];
        }

        var typed = string.Join(' ', words);
        var found = new List<(StructureName Name, int Order)>();
        var start = LowerBound(_byName, typed);
        for (var i = start; i < _byName.Length && found.Count < 500 && _byName[i].Normalized.StartsWith(typed, StringComparison.Ordinal); i++)
        {
            var name = _byName[i];
            var whole = name.Normalized.Length == typed.Length || name.Normalized[typed.Length] == ' ';
            if (typing || whole)
            {
                found.Add((name, name.Normalized.Length == typed.Length ? 0 : 1));
            }
        }

        if (found.Select(f => f.Name.StructureId).Distinct().Count() < limit)
        {
            var last = words[^1];
            var rarest = words.Take(typing ? words.Count - 1 : words.Count).Where(_postings.ContainsKey).OrderBy(w => _postings[w].Length).FirstOrDefault();
            var candidates = rarest is not null ? Candidates(rarest, false) : Candidates(last, typing);
            var alternative = new QueryAlternative(typed, typing);
            foreach (var index in candidates.Take(5000))
            {
                var name = _byName[index];
                if (ContainsAllWords(name.Words, words, typing) && !name.Normalized.StartsWith(typed, StringComparison.Ordinal))
                {
                    found.Add((name, Contains(name.Words, alternative) ? 2 : 3));
                }
            }
        }

        return [.. found
            .OrderBy(f => f.Order)
            .ThenBy(f => f.Name.KindOrder)
            .ThenBy(f => f.Name.Normalized.Length)
            .ThenBy(f => f.Name.Normalized, StringComparer.Ordinal)
            .Select(f => f.Name)
            .DistinctBy(n => n.StructureId)
            .Take(limit)];
    }

    /// <summary>Indexes of the names containing <paramref name="word"/> (or a word starting with it).</summary>
    private IEnumerable<int> Candidates(string word, bool prefix)
    {
        if (!prefix)
        {
            return _postings.TryGetValue(word, out var exact) ? exact : [];
        }

        var from = LowerBound(_words, word);
        var indexes = new List<int>();
        for (var i = from; i < _words.Length && _words[i].StartsWith(word, StringComparison.Ordinal); i++)
        {
            indexes.AddRange(_postings[_words[i]]);
        }

        return indexes.Distinct();
    }

    private static bool ContainsAllWords(string[] name, IReadOnlyList<string> words, bool lastIsPrefix)
    {
        for (var i = 0; i < words.Count; i++)
        {
            var prefix = lastIsPrefix && i == words.Count - 1;
            var word = words[i];
            if (!name.Any(n => prefix ? n.StartsWith(word, StringComparison.Ordinal) : n == word))
            {
                return false;
            }
        }

        return true;
    }

    /// <summary>True when the name holds the alternative's words in a row (the last as a prefix when it is one).</summary>
    internal static bool Contains(string[] name, QueryAlternative alternative)
    {
        var words = alternative.Words;
        for (var start = 0; start + words.Count <= name.Length; start++)
        {
            var all = true;
            for (var i = 0; i < words.Count && all; i++)
            {
                var last = i == words.Count - 1;
                all = alternative.Prefix && last ? name[start + i].StartsWith(words[i], StringComparison.Ordinal) : name[start + i] == words[i];
            }

            if (all)
            {
                return true;
            }
        }

        return false;
    }

    private static int LowerBound(StructureName[] names, string value)
    {
        int low = 0, high = names.Length;
        while (low < high)
        {
            var middle = (low + high) / 2;
            if (string.CompareOrdinal(names[middle].Normalized, value) < 0)
            {
                low = middle + 1;
            }
            else
            {
                high = middle;
            }
        }

        return low;
    }

    private static int LowerBound(string[] words, string value)
    {
        var index = Array.BinarySearch(words, value, StringComparer.Ordinal);
        return index >= 0 ? index : ~index;
    }
}
