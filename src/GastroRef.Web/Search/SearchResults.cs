namespace GastroRef.Web.Search;

/// <summary>A section of a structure that also matched, linked directly.</summary>
public sealed record SearchSectionLink(string Section, string Title, string Url);

public sealed record SearchTypeCount(string Type, string Label, int Count);

/// <summary>One structure in the results, linked to its best-matching section (or to the page itself when
/// the query names the structure). <see cref="Snippet"/> is HTML: escaped text with the matches in
/// <c>&lt;mark&gt;</c>. <see cref="Score"/> is higher for better matches and only comparable within one response.</summary>
public sealed record SearchHit(
    string Slug,
    string Title,
    string Type,
    string? Section,
    string? SectionTitle,
    string Url,
    string Snippet,
    double Score,
    IReadOnlyList<SearchSectionLink> OtherSections);

/// <summary>What a search found: the structures (<see cref="Total"/> of them, the best <see cref="Results"/>),
/// how many of each type matched, and the corrected query when a misspelling was fixed. When no structure holds
/// every word, the results hold some of them and <see cref="MatchedAllWords"/> is false.</summary>
public sealed record SearchResults(
    string Query,
    string? CorrectedQuery,
    int Total,
    string? Type,
    IReadOnlyList<SearchTypeCount> Types,
    IReadOnlyList<SearchHit> Results,
    bool MatchedAllWords = true)
{
    public static SearchResults Empty(string query, string? type) => new(query, null, 0, type, [], []);
}

/// <summary>A suggestion as you type: the name that matched (a title, alias or Latin name) and the structure it names.</summary>
public sealed record SearchSuggestion(string Label, string Title, string Slug, string Type, string Kind, string Url);
