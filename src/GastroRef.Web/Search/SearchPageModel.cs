using GastroRef.Web.Data;
using Microsoft.AspNetCore.Mvc.RazorPages;

namespace GastroRef.Web.Search;

/// <summary>/search?q=: results grouped by structure, each linked to its best section, with type filters.
/// A plain GET form, so it works without JavaScript and can be cached. The view is Pages/Search/Index.cshtml, where
/// Razor Pages looks for pages.</summary>
public sealed class SearchPageModel(SearchEngine engine, StructureQueries queries) : PageModel
{
    /// <summary>Queries longer than this get no "did you mean" list: it compares the text with every title.</summary>
    private const int MaxClosestLength = 40;

    private bool _exact;

    public string Query { get; private set; } = "";

    public string? Error { get; private set; }

    public SearchResults? Results { get; private set; }

    public int Limit { get; private set; } = SearchEngine.DefaultLimit;

    public IReadOnlyList<StructureLink> Closest { get; private set; } = [];

    /// <summary>Whether search engines may index the page. The empty search page may, and so may a result page on
    /// which every word of the query found a structure: it answers with our own content only. Pages with no result,
    /// with only partial matches or for a deliberately uncorrected misspelling may not, so a link to a made-up query
    /// cannot put a page echoing someone else's words into search engines.</summary>
    public bool Indexable => Error is null && (Results is null || (Results.Total > 0 && Results.MatchedAllWords && !_exact));

    /// <summary>One address per query: the words it was answered for (the corrected query when there is one) in
    /// canonical form, without type filter or limit, so the variants of one search count as one page.</summary>
    public string CanonicalPath => Results is null ? "/search" : Link(SearchText.Normalize(Results.CorrectedQuery ?? Query));

    public async Task OnGetAsync(CancellationToken cancellationToken)
    {
        var q = Request.Query;
        var request = SearchRequest.From(q["q"], q["type"], q["limit"], q["exact"], SearchEngine.DefaultLimit);
        Query = request.Query.Trim();
        Limit = request.Limit;
        _exact = !request.Correct;
        if (request.Error is not null)
        {
            Error = request.Error;
            Response.StatusCode = StatusCodes.Status400BadRequest;
            return;
        }

        if (Query.Length == 0)
        {
            return;
        }

        Results = await engine.SearchAsync(request.Query, request.Type, request.Limit, request.Correct, cancellationToken);
        if (Results.Total == 0 && Query.Length <= MaxClosestLength)
        {
            Closest = await queries.ClosestAsync(Query, 5, cancellationToken);
        }
    }

    public string Link(string query, string? type = null, bool exact = false, int? limit = null)
    {
        var url = $"/search?q={Uri.EscapeDataString(query)}";
        if (type is not null)
        {
            url += $"&type={Uri.EscapeDataString(type)}";
        }

        if (exact)
        {
            url += "&exact=1";
        }

        if (limit is not null)
        {
            url += $"&limit={limit}";
        }

        return url;
    }
}
