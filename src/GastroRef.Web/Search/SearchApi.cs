using System.Security;
using System.Text;
using GastroRef.Web.Discovery;
using GastroRef.Web.Infrastructure;

namespace GastroRef.Web.Search;

/// <summary>/api/search (results as JSON), /api/suggest (names as you type) and /opensearch.xml
/// (so browsers can add GastroRef as a search engine). Answers are kept per content version like the pages
/// (<see cref="HttpCaching.CacheRenderedPages{TBuilder}"/>): students ask the same few hundred questions, and a repeated
/// search then costs what a cached page does; a new one costs a search (docs/benchmarks.md).</summary>
public static class SearchApi
{
    public const int DefaultApiLimit = 10;

    /// <summary>What <c>/api/suggest</c> answers.</summary>
    /// <param name="Query">The text received.</param>
    /// <param name="Suggestions">Names matching it, one per structure, best first.</param>
    public sealed record SuggestJson(string Query, IReadOnlyList<SearchSuggestion> Suggestions);

    public static IEndpointRouteBuilder MapSearch(this IEndpointRouteBuilder endpoints)
    {
        endpoints.MapGet("/api/search", async (HttpContext context, SearchEngine engine, SiteUrls urls, CancellationToken cancellationToken) =>
        {
            var q = context.Request.Query;
            var request = SearchRequest.From(q["q"], q["type"], q["limit"], q["exact"], DefaultApiLimit);
            if (request.Error is not null)
            {
                return Results.Problem(statusCode: StatusCodes.Status400BadRequest, title: request.Error);
            }

            return Results.Ok(await engine.SearchAsync(request.Query, request.Type, request.Limit, request.Correct, cancellationToken, urls.BaseUrl(context.Request)));
        })
        .WithSummary("Search the structures")
        .WithDescription("Full-text search over titles, aliases, Latin names, eponyms and page text, with typo correction and synonyms. " +
            "Parameters: q (the text, up to 200 characters), type (a structure type), limit (1–50, default 10), exact=1 (no typo correction). " +
            "Each result has snippet (plain text), highlights (ranges of snippet in UTF-16 code units) and snippetHtml (escaped, matches in <mark>); " +
            "url and otherSections[].url are absolute.")
        .Produces<SearchResults>()
        .ProducesProblem(StatusCodes.Status400BadRequest)
        .CacheRenderedPages();

        endpoints.MapGet("/api/suggest", async (HttpContext context, SearchEngine engine, SiteUrls urls, CancellationToken cancellationToken) =>
        {
            var q = context.Request.Query;
            var request = SearchRequest.From(q["q"], null, q["limit"], null, 8);
            if (request.Error is not null || request.Limit > SearchEngine.MaxSuggestions)
            {
                return Results.Problem(statusCode: StatusCodes.Status400BadRequest, title: request.Error ?? $"limit must be a whole number from 1 to {SearchEngine.MaxSuggestions}.");
            }

            var suggestions = await engine.SuggestAsync(request.Query, request.Limit, cancellationToken);
            if (q["format"] == "opensearch")
            {
                // The OpenSearch suggestions format browsers read: [query, [completions], [descriptions], [urls]].
                return Results.Json(new object[]
                {
                    request.Query,
                    suggestions.Select(s => s.Label).ToArray(),
                    suggestions.Select(s => s.Kind == "title" ? Content.ContentSchema.TypeLabel(s.Type) : s.Title).ToArray(),
                    suggestions.Select(s => urls.Absolute(context.Request, s.Url)).ToArray(),
                }, contentType: "application/x-suggestions+json");
            }

            var baseUrl = urls.BaseUrl(context.Request);
            return Results.Ok(new SuggestJson(request.Query, [.. suggestions.Select(s => s with { Url = baseUrl + s.Url })]));
        })
        .WithSummary("Names as you type")
        .WithDescription("Titles, aliases and Latin names matching q, one per structure (limit 1–10, default 8), with absolute urls. " +
            "format=opensearch answers in the OpenSearch suggestions format browsers read.")
        .Produces<SuggestJson>()
        .ProducesProblem(StatusCodes.Status400BadRequest)
        .CacheRenderedPages();

        endpoints.MapGet("/opensearch.xml", (HttpContext context, SiteUrls urls) =>
        {
            var origin = SecurityElement.Escape(urls.BaseUrl(context.Request));
            var xml = $"""
                <?xml version="1.0" encoding="UTF-8"?>
                <OpenSearchDescription xmlns="http://a9.com/-/spec/opensearch/1.1/" xmlns:moz="http://www.mozilla.org/2006/browser/search/">
                  <ShortName>GastroRef</ShortName>
                  <Description>Search GastroRef, the anatomy reference for the lower limb</Description>
                  <InputEncoding>UTF-8</InputEncoding>
                  <Url type="text/html" method="get" template="{origin}/search?q={"{searchTerms}"}"/>
                  <Url type="application/x-suggestions+json" method="get" template="{origin}/api/suggest?format=opensearch&amp;q={"{searchTerms}"}"/>
                  <Url type="application/opensearchdescription+xml" rel="self" template="{origin}/opensearch.xml"/>
                  <moz:SearchForm>{origin}/search</moz:SearchForm>
                </OpenSearchDescription>
                """;
            return Results.Text(xml, "application/opensearchdescription+xml", Encoding.UTF8);
        });

        return endpoints;
    }
}
