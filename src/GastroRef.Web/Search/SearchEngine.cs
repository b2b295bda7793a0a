using GastroRef.Content;
using GastroRef.Web.Data;
using Microsoft.Data.Sqlite;

namespace GastroRef.Web.Search;

/// <summary>Reads the search index: full-text search grouped by structure and linked to the best section, and
/// suggestions as you type. Holds the vocabulary of the current content version in memory.
/// <para>Cost is kept flat as the content grows: matching and counting read one FTS5 row per structure; bm25
/// ranks every match when there are up to <see cref="RankAllLimit"/> of them (its cost grows with every match);
/// beyond that, results are the structures the query names, then matches in id order, which puts the structures
/// most pages link to first. Sections are scored in memory for the results shown only.</para></summary>
public sealed class SearchEngine : IContentSnapshotPart
{
    public const int DefaultLimit = 20;
    public const int MaxLimit = 50;
    public const int MaxSuggestions = 10;

    /// <summary>Up to this many matching structures, every one is ranked by bm25; beyond, by names and id order.</summary>
    internal const int RankAllLimit = 500;

    /// <summary>bm25 is skipped when weighing the query would read more index entries than this (a phrase of two
    /// very common words: "heel bone" in a large corpus); names and id order rank the matches instead.</summary>
    internal const int RankCostLimit = 5000;

    private const int SnippetWords = 30;
    private const int SummaryWords = 45;

    /// <summary>Where a text holds none of the query (never added to).</summary>
    private static readonly List<TextMatch> NoMatches = [];

    /// <summary>What a search finds before the store was first read.</summary>
    private static readonly SearchVocabulary NoVocabulary = new(0, [], new Dictionary<string, IReadOnlyList<string>>(), []);

    private readonly StoreOptions _options;
    private readonly ReaderPool _readers;
    private readonly StoreState _state;
    private readonly ILogger _logger;

    public SearchEngine(StoreOptions options, ReaderPool readers, StoreState state, ILogger<SearchEngine> logger)
    {
        ArgumentNullException.ThrowIfNull(state);
        _options = options;
        _readers = readers;
        _state = state;
        _logger = logger;
    }

    /// <summary>The vocabulary of the content version being served: part of its <see cref="ContentSnapshot"/>, read
    /// with it when a seeding commits.</summary>
    public Task<SearchVocabulary> VocabularyAsync(CancellationToken cancellationToken) => Task.FromResult(VocabularyOf(_state.Snapshot));

    /// <summary>Builds the vocabulary of a new content version, inside the transaction that wrote it, reusing what the
    /// vocabulary being served computed from the same input (see <see cref="SearchVocabulary"/>).</summary>
    async Task<object> IContentSnapshotPart.LoadAsync(
        SqliteConnection connection, SqliteTransaction transaction, long version, ContentSnapshot previous, CancellationToken cancellationToken)
    {
        await using var session = new ReadSession(connection, transaction, owner: null);
        var basis = VocabularyOf(previous);

        // The terms this transaction changed are relative to the version it started from: only usable on that version's vocabulary.
        var changes = TermChanges.In(transaction) is { } noted && noted.StartVersion == basis.Version && !ReferenceEquals(basis, NoVocabulary) ? noted : null;
        return await LoadVocabularyAsync(session, version, basis, changes, cancellationToken);
    }

    /// <summary>Reads the vocabulary from the store, cached or not (the benchmark times this).</summary>
    public async Task<SearchVocabulary> LoadVocabularyAsync(long version, CancellationToken cancellationToken)
    {
        var connection = new SqliteConnection(_options.ConnectionString);
        await connection.OpenAsync(cancellationToken);
        await using var session = new ReadSession(connection, connection.BeginTransaction(deferred: true), owner: connection);
        return await LoadVocabularyAsync(session, version, previous: null, changes: null, cancellationToken);
    }

    /// <summary>Searches for <paramref name="text"/>. <paramref name="type"/> (a known type or null) filters the results;
    /// the type counts always cover every type. With <paramref name="correct"/> false, misspellings are searched as typed.
    /// Links are site-relative, or absolute under <paramref name="origin"/> (scheme, host and any path base).</summary>
    public async Task<SearchResults> SearchAsync(string? text, string? type, int limit, bool correct, CancellationToken cancellationToken, string origin = "")
    {
        // The vocabulary and the index rows of one search come from one content version.
        await using var read = await ContentRead.OpenAsync(_readers, _state, dbFactory: null, cancellationToken);
        var vocabulary = VocabularyOf(read.Snapshot);
        var query = SearchQuery.Parse(text, vocabulary, correct);
        if (query.IsEmpty)
        {
            return SearchResults.Empty(query.Text, type);
        }

        limit = Math.Clamp(limit, 1, MaxLimit);
        await using var connection = new ReadSession(read);
        var results = await SearchAsync(connection, query, vocabulary, type, limit, any: false, origin, cancellationToken);
        if (results.Total == 0 && query.Groups.Count > 1)
        {
            // No structure holds every word (often a question: "what innervates the soleus"): show those holding some.
            results = await SearchAsync(connection, query, vocabulary, type, limit, any: true, origin, cancellationToken);
        }

        return results;
    }

    private async Task<SearchResults> SearchAsync(
        ReadSession connection, SearchQuery query, SearchVocabulary vocabulary, string? type, int limit, bool any, string origin, CancellationToken cancellationToken)
    {
        var everyType = query.MatchExpression(any);
        if (everyType is null)
        {
            return SearchResults.Empty(query.Text, type);
        }

        var expression = type is null ? everyType : $"({everyType}) AND {SearchText.Quote(SearchSchema.KindToken(type))}";
        var typeNumber = type is null ? -1 : SearchSchema.TypeNumber(type);
        try
        {
            var named = vocabulary.Names.Match(query);
            var selectiveLimit = Math.Max(50, vocabulary.StructureCount / 20);
            var selective = query.SelectiveExpression(vocabulary, selectiveLimit);
            var rankCost = SearchQuery.RankCost(query.SelectiveGroups(vocabulary, selectiveLimit), vocabulary);
            Dictionary<long, double> ranked;
            HashSet<long> candidates;
            var (counts, matches) = await MatchAsync(connection, everyType, typeNumber, cancellationToken);
            var matched = matches.Select(r => r >> SearchSchema.TypeBits).ToList();
            if (matched.Count <= RankAllLimit && rankCost <= RankCostLimit)
            {
                // Rank by the selective words when the query also has common ones; keep the scores of actual matches.
                var rankBy = selective is null ? expression : type is null ? selective : $"({selective}) AND {SearchText.Quote(SearchSchema.KindToken(type))}";
                var inMatches = matched.ToHashSet();
                ranked = selective is null
                    ? await RankAsync(connection, vocabulary.PhraseScores, rankBy, matched, matched.Count, cancellationToken)
                    : (await RankAsync(connection, vocabulary.PhraseScores, rankBy, null, selectiveLimit * 2, cancellationToken))
                        .Where(p => inMatches.Contains(p.Key))
                        .ToDictionary(p => p.Key, p => p.Value);
                candidates = inMatches;
            }
            else
            {
                // Too many, or too costly, to rank by text within the time we allow: the structures the query names,
                // then the first matches in id order, which puts the structures most pages link to first.
                ranked = [];
                var inMatches = matched.ToHashSet();
                candidates = [.. named.Keys.Where(inMatches.Contains), .. matched.Take(limit)];
            }

            // The best `limit` candidates, each with its section and snippet.
            var hits = Best(candidates, named, ranked, vocabulary, limit);
            var pages = await PagesAsync(
                connection,
                vocabulary.Pages,
                [.. hits.Where(h => h.Name.Tier < SearchNames.TierAllWords || vocabulary.Names.Structures[h.Id].Summary.Length == 0).Select(h => h.Id)],
                cancellationToken);
            var matcher = new QueryMatcher(query, vocabulary);
            List<SearchHit> results = [.. hits.Select(h => Describe(vocabulary.Names.Structures[h.Id], h.Name, h.Rank, pages.GetValueOrDefault(h.Id), matcher, origin))];
            var types = ContentSchema.Types
                .Select((t, i) => new SearchTypeCount(t, ContentSchema.TypeLabel(t), counts[i]))
                .Where(c => c.Count > 0)
                .ToList();
            var total = type is null ? counts.Sum() : counts[typeNumber];
            return new SearchResults(query.Text, query.CorrectedText, total, type, types, results, MatchedAllWords: !any);
        }
        catch (SqliteException e) when (e.SqliteErrorCode == 1)
        {
            // Our expressions are built from letters and digits only, so this should never happen; if it does,
            // the reader gets no results rather than an error page, and the log says why.
            SearchLog.QueryRejected(_logger, expression, e.Message);
            return SearchResults.Empty(query.Text, type);
        }
    }

    /// <summary>Titles, aliases and Latin names matching what has been typed so far, one per structure.</summary>
    public async Task<IReadOnlyList<SearchSuggestion>> SuggestAsync(string? text, int limit, CancellationToken cancellationToken)
    {
        var vocabulary = await VocabularyAsync(cancellationToken);
        var query = SearchQuery.Parse(text, vocabulary, correct: true, minimumPrefix: 1);
        if (query.Words.Count == 0)
        {
            return [];
        }

        var typing = SearchText.EndsInWord(text);
        var names = vocabulary.Names.Suggest(query.Words, typing, Math.Clamp(limit, 1, MaxSuggestions));
        return [.. names.Select(n =>
        {
            var structure = vocabulary.Names.Structures[n.StructureId];
            return new SearchSuggestion(n.Display, structure.Title, structure.Slug, structure.Type, n.Kind, structure.Url);
        })];
    }

    private static SearchVocabulary VocabularyOf(ContentSnapshot snapshot) => snapshot.Part<SearchVocabulary>() ?? NoVocabulary;

    /// <summary>Reads a version's vocabulary. With <paramref name="changes"/> (made on <paramref name="previous"/>'s version),
    /// only the changed terms are counted again; the result is the same as reading every term.</summary>
    private static async Task<SearchVocabulary> LoadVocabularyAsync(
        ReadSession connection, long version, SearchVocabulary? previous, TermChanges? changes, CancellationToken cancellationToken)
    {
        var kindTokens = ContentSchema.Types.Select(SearchSchema.KindToken).ToHashSet(StringComparer.Ordinal);
        IEnumerable<KeyValuePair<string, int>> terms;
        if (changes is not null && previous is not null)
        {
            terms = await CountAgainAsync(connection, previous, changes.Terms.Where(t => !kindTokens.Contains(t)), cancellationToken);
        }
        else
        {
            terms = await CountAllAsync(connection, kindTokens, cancellationToken);
        }

        var synonyms = new Dictionary<string, IReadOnlyList<string>>(StringComparer.Ordinal);
        await using (var command = connection.Command("SELECT Term, Equivalents FROM SearchSynonyms"))
        {
            await using var reader = await command.ExecuteReaderAsync(cancellationToken);
            while (await reader.ReadAsync(cancellationToken))
            {
                synonyms[reader.GetString(0)] = reader.GetString(1).Split('\n');
            }
        }

        var structures = new List<IndexedStructure>();
        await using (var command = connection.Command("SELECT Id, Slug, Type, Title, Summary, Aliases, Latin FROM SearchDocuments"))
        {
            await using var reader = await command.ExecuteReaderAsync(cancellationToken);
            while (await reader.ReadAsync(cancellationToken))
            {
                var aliases = reader.GetString(5);
                structures.Add(new IndexedStructure(
                    reader.GetInt64(0), reader.GetString(1), reader.GetString(2), reader.GetString(3), reader.GetString(4),
                    aliases.Length == 0 ? [] : aliases.Split(SearchSchema.NameSeparator), reader.GetString(6)));
            }
        }

        return new SearchVocabulary(version, terms, synonyms, structures, previous);
    }

    /// <summary>Every term of the index with the number of structures holding it: fts5vocab reads the whole index.</summary>
    private static async Task<List<KeyValuePair<string, int>>> CountAllAsync(ReadSession connection, HashSet<string> kindTokens, CancellationToken cancellationToken)
    {
        var terms = new List<KeyValuePair<string, int>>();
        await using (var command = connection.Command("SELECT term, doc FROM SearchTerms"))
        {
            await using var reader = await command.ExecuteReaderAsync(cancellationToken);
            while (await reader.ReadAsync(cancellationToken))
            {
                var term = reader.GetString(0);
                if (!kindTokens.Contains(term))
                {
                    terms.Add(new(term, reader.GetInt32(1)));
                }
            }
        }

        return terms;
    }

    /// <summary>The previous version's counts with <paramref name="changed"/> terms counted again: fts5vocab finds a
    /// term without reading the rest of the index. A term no structure holds any more is dropped.</summary>
    private static async Task<Dictionary<string, int>> CountAgainAsync(
        ReadSession connection, SearchVocabulary previous, IEnumerable<string> changed, CancellationToken cancellationToken)
    {
        var counts = new Dictionary<string, int>(previous.DocumentCounts, StringComparer.Ordinal);
        await using var command = connection.Command("SELECT doc FROM SearchTerms WHERE term = $term");
        var parameter = command.Parameters.Add("$term", SqliteType.Text);
        foreach (var term in changed)
        {
            parameter.Value = term;
            if (await command.ExecuteScalarAsync(cancellationToken) is { } documents)
            {
                counts[term] = Convert.ToInt32(documents, System.Globalization.CultureInfo.InvariantCulture);
            }
            else
            {
                counts.Remove(term);
            }
        }

        return counts;
    }

    /// <summary>Every matching structure: the number of each type (from the row id, no lookups) and the row ids of
    /// the wanted type in id order. The row ids come back as one list from SQLite (a broad query matches thousands of
    /// structures, and fetching them one row at a time cost more than FTS5 took to find them).</summary>
    private static async Task<(int[] Counts, List<long> RowIds)> MatchAsync(ReadSession connection, string expression, int typeNumber, CancellationToken cancellationToken)
    {
        var counts = new int[ContentSchema.Types.Count];
        var rowIds = new List<long>();
        await using var command = connection.Command("SELECT CAST(group_concat(rowid) AS BLOB) FROM SearchStructures WHERE SearchStructures MATCH $q");
        command.Parameters.AddWithValue("$q", expression);
        if (await command.ExecuteScalarAsync(cancellationToken) is not byte[] { Length: > 0 } list)
        {
            return (counts, rowIds);
        }

        var mask = (1L << SearchSchema.TypeBits) - 1;
        var sorted = true;
        long rowId = 0, previous = long.MinValue;
        for (var i = 0; i <= list.Length; i++)
        {
            if (i < list.Length && list[i] != (byte)',')
            {
                rowId = (rowId * 10) + (list[i] - (byte)'0');
                continue;
            }

            var number = (int)(rowId & mask);
            if (number < counts.Length)
            {
                counts[number]++;
                if (typeNumber < 0 || typeNumber == number)
                {
                    sorted &= rowId > previous;
                    previous = rowId;
                    rowIds.Add(rowId);
                }
            }

            rowId = 0;
        }

        // FTS5 lists matches in row id order; the callers rely on it, so make sure.
        if (!sorted)
        {
            rowIds.Sort();
        }

        return (counts, rowIds);
    }

    /// <summary>The best <paramref name="limit"/> candidates: by how well their names answer the query, then bm25,
    /// then id (most linked-to first). A partial selection, as broad queries have thousands of candidates.</summary>
    private static List<(long Id, NameMatch Name, double Rank)> Best(
        HashSet<long> candidates, Dictionary<long, NameMatch> named, Dictionary<long, double> ranked, SearchVocabulary vocabulary, int limit)
    {
        var text = new NameMatch(SearchNames.TierText, 0);

        // The best `limit` in one pass: a heap whose root is the worst of those kept so far.
        var kept = new PriorityQueue<(long Id, NameMatch Name, double Rank), (long Id, NameMatch Name, double Rank)>(
            limit + 1, Comparer<(long Id, NameMatch Name, double Rank)>.Create((a, b) => Compare(b, a)));
        foreach (var id in candidates)
        {
            if (!vocabulary.Names.Structures.ContainsKey(id))
            {
                continue;
            }

            var candidate = (id, named.GetValueOrDefault(id, text), ranked.GetValueOrDefault(id));
            if (kept.Count < limit)
            {
                kept.Enqueue(candidate, candidate);
            }
            else if (Compare(candidate, kept.Peek()) < 0)
            {
                kept.DequeueEnqueue(candidate, candidate);
            }
        }

        var best = kept.UnorderedItems.Select(item => item.Element).ToList();
        best.Sort(Compare);
        return best;

        static int Compare((long Id, NameMatch Name, double Rank) a, (long Id, NameMatch Name, double Rank) b)
        {
            var order = b.Name.Tier.CompareTo(a.Name.Tier);
            order = order != 0 ? order : b.Name.Score.CompareTo(a.Name.Score);
            order = order != 0 ? order : b.Rank.CompareTo(a.Rank);
            return order != 0 ? order : a.Id.CompareTo(b.Id);
        }
    }

    /// <summary>bm25 of the best <paramref name="count"/> structures matching <paramref name="expression"/>, by structure
    /// id (bm25 is negative, lower is better; kept as a positive relevance). <paramref name="matching"/>, when given, are
    /// the structures known to match it. The score is FTS5's own: the sum of what each phrase adds (<see cref="PhraseScores"/>).</summary>
    private static async Task<Dictionary<long, double>> RankAsync(
        ReadSession connection, VersionCache<string, IReadOnlyDictionary<long, double>> known, string expression, List<long>? matching, int count, CancellationToken cancellationToken)
    {
        if (count == 0)
        {
            return [];
        }

        matching ??= [.. (await MatchAsync(connection, expression, -1, cancellationToken)).RowIds.Select(r => r >> SearchSchema.TypeBits)];
        var phrases = PhraseScores.PhrasesOf(expression);
        var scores = new IReadOnlyDictionary<long, double>[phrases.Count];
        for (var i = 0; i < phrases.Count; i++)
        {
            scores[i] = await PhraseScoresAsync(connection, known, phrases[i], cancellationToken);
        }

        var ranked = new Dictionary<long, double>(matching.Count);
        foreach (var id in matching)
        {
            // In FTS5's order, from 0, so the sum is FTS5's to the last bit.
            var score = 0.0;
            foreach (var phrase in scores)
            {
                score += phrase.GetValueOrDefault(id);
            }

            ranked[id] = score;
        }

        return ranked.Count <= count ? ranked
            : ranked.OrderByDescending(p => p.Value).ThenBy(p => p.Key).Take(count).ToDictionary(p => p.Key, p => p.Value);
    }

    /// <summary>What <paramref name="phrase"/> adds to the bm25 of each structure holding it: bm25 of the phrase alone.</summary>
    private static async Task<IReadOnlyDictionary<long, double>> PhraseScoresAsync(
        ReadSession connection, VersionCache<string, IReadOnlyDictionary<long, double>> known, string phrase, CancellationToken cancellationToken)
    {
        if (known.TryGet(phrase, out var kept))
        {
            return kept;
        }

        var scores = new Dictionary<long, double>();
        await using var command = connection.Command($"SELECT rowid, {SearchSchema.Bm25} FROM SearchStructures WHERE SearchStructures MATCH $q");
        command.Parameters.AddWithValue("$q", phrase);
        await using var reader = await command.ExecuteReaderAsync(cancellationToken);
        while (await reader.ReadAsync(cancellationToken))
        {
            scores[reader.GetInt64(0) >> SearchSchema.TypeBits] = -reader.GetDouble(1);
        }

        known.Add(phrase, scores);
        return scores;
    }

    /// <summary>The indexed page of each structure in <paramref name="ids"/>: from the cache of this content version,
    /// else read from the store once and kept there.</summary>
    private static async Task<Dictionary<long, IndexedPage>> PagesAsync(
        ReadSession connection, VersionCache<long, IndexedPage> cache, List<long> ids, CancellationToken cancellationToken)
    {
        var pages = new Dictionary<long, IndexedPage>();
        var missing = new List<long>();
        foreach (var id in ids)
        {
            if (cache.TryGet(id, out var kept))
            {
                pages[id] = kept;
            }
            else
            {
                missing.Add(id);
            }
        }

        if (missing.Count == 0)
        {
            return pages;
        }

        var names = missing.Select((_, i) => $"$d{i}").ToList();
        await using var command = connection.Command(
            "SELECT DocumentId, SectionId, SectionTitle, Heading, Body FROM SearchSections " +
            $"WHERE DocumentId IN ({string.Join(", ", names)}) ORDER BY DocumentId, Ordinal");
        for (var i = 0; i < missing.Count; i++)
        {
            command.Parameters.AddWithValue(names[i], missing[i]);
        }

        var read = new Dictionary<long, List<IndexedSection>>();
        await using (var reader = await command.ExecuteReaderAsync(cancellationToken))
        {
            while (await reader.ReadAsync(cancellationToken))
            {
                var id = reader.GetInt64(0);
                if (!read.TryGetValue(id, out var list))
                {
                    read[id] = list = [];
                }

                list.Add(new IndexedSection(reader.GetString(1), reader.GetString(2), reader.GetString(3), reader.GetString(4)));
            }
        }

        foreach (var (id, sections) in read)
        {
            var page = new IndexedPage(sections);
            cache.Add(id, page);
            pages[id] = page;
        }

        return pages;
    }

    /// <summary>The result for one structure: linked to the page itself when the query names it, else to the
    /// section that matches best; with a marked snippet and the other sections that match.</summary>
    private static SearchHit Describe(IndexedStructure structure, NameMatch name, double rank, IndexedPage? page, QueryMatcher matcher, string origin)
    {
        var score = Math.Round((name.Tier * 1000) + name.Score + rank, 3);
        var summary = structure.SummaryTokens;
        var summaryMatches = matcher.Find(summary);
        if (name.Tier >= SearchNames.TierAllWords && summary.Count > 0)
        {
            // The query names the structure: link to the page itself, described by its summary.
            return new SearchHit(
                structure.Slug, structure.Title, structure.Type, null, null, StructureUrls.Section(structure.Slug, null, origin),
                QueryMatcher.Snippet(summary, summaryMatches, SummaryWords), score, []);
        }

        var summaryCounts = matcher.Counts(summaryMatches);
        var sections = page?.Sections ?? [];
        var matches = page is null ? [] : matcher.Find(page);
        var scored = new List<(IndexedSection Section, double Score, IReadOnlyList<TextMatch> BodyMatches)>(sections.Count);
        for (var i = 0; i < sections.Count; i++)
        {
            var section = sections[i];
            var bodyMatches = matches[(i * 2) + 1] ?? NoMatches;
            var headingMatches = section.IsOverview ? summaryMatches : matches[i * 2] ?? NoMatches;
            var sectionScore = bodyMatches.Count == 0 && headingMatches.Count == 0 ? 0
                : section.IsOverview ? matcher.Score(section.BodyWords, matcher.Counts(bodyMatches), summary.Count, summaryCounts, 2.0)
                : matcher.Score(section.BodyWords, matcher.Counts(bodyMatches), section.HeadingWords, matcher.Counts(headingMatches), 3.0);
            scored.Add((section, sectionScore, bodyMatches));
        }

        // The best-scoring section (the first of equals), and the overview.
        (IndexedSection Section, double Score, IReadOnlyList<TextMatch> BodyMatches) best = default, overview = default;
        foreach (var candidate in scored)
        {
            if (candidate.Section.IsOverview)
            {
                overview = overview.Section is null ? candidate : overview;
            }
            else if (candidate.Score > 0 && (best.Section is null || candidate.Score > best.Score))
            {
                best = candidate;
            }
        }

        var toPage = name.Tier >= SearchNames.TierAllWords || best.Section is null || (overview.Section is not null && overview.Score >= best.Score);
        var target = toPage ? null : best.Section;
        var snippet = target is not null ? QueryMatcher.Snippet(target.Body, best.BodyMatches ?? NoMatches, SnippetWords)
            : summary.Count > 0 ? QueryMatcher.Snippet(summary, summaryMatches, SummaryWords)
            : overview.Section is not null ? QueryMatcher.Snippet(overview.Section.Body, overview.BodyMatches ?? NoMatches, SnippetWords)
            : SearchSnippet.Empty;

        var others = scored
            .Where(s => !s.Section.IsOverview && s.Score > 0 && s.Section != target)
            .OrderByDescending(s => s.Score)
            .Take(3)
            .Select(s => new SearchSectionLink(s.Section.SectionId, s.Section.SectionTitle, StructureUrls.Section(structure.Slug, s.Section.SectionId, origin)))
            .ToList();
        var url = StructureUrls.Section(structure.Slug, target?.SectionId, origin);
        return new SearchHit(structure.Slug, structure.Title, structure.Type, target?.SectionId, target?.SectionTitle, url, snippet, score, others);
    }

    /// <summary>A connection inside a read transaction: with the store in WAL mode every query of one search (or of
    /// one vocabulary load) reads the same snapshot, even when a seeding commits in between.</summary>
    private sealed class ReadSession : IAsyncDisposable
    {
        private readonly Func<string, SqliteCommand> _command;
        private readonly IAsyncDisposable? _owner;
        private readonly SqliteTransaction? _transaction;

        public ReadSession(ContentRead read)
        {
            _command = read.Command;
        }

        /// <summary>Commands in <paramref name="transaction"/>; <paramref name="owner"/>, if any, is closed with it.</summary>
        public ReadSession(SqliteConnection connection, SqliteTransaction transaction, IAsyncDisposable? owner)
        {
            _transaction = owner is null ? null : transaction;
            _owner = owner;
            _command = sql =>
            {
                var command = connection.CreateCommand();
                command.Transaction = transaction;
                command.CommandText = sql;
                return command;
            };
        }

        public SqliteCommand Command(string sql) => _command(sql);

        public async ValueTask DisposeAsync()
        {
            if (_transaction is not null)
            {
                await _transaction.DisposeAsync();
            }

            if (_owner is not null)
            {
                await _owner.DisposeAsync();
            }
        }
    }
}
