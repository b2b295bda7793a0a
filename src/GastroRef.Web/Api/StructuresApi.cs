using GastroRef.Content;
using GastroRef.Web.Data;
using GastroRef.Web.Discovery;
using Microsoft.AspNetCore.Http.HttpResults;

namespace GastroRef.Web.Api;

/// <summary>JSON for the structures: the same facts the pages show, for scripts and other sites. Every URL is absolute
/// (the public address when configured, otherwise the request's), so a page elsewhere can link straight to ours.</summary>
public static class StructuresApi
{
    public sealed record StructureSummary(string Slug, string Title, string Type, string? Latin, IReadOnlyList<string> Aliases, string? Summary, string Url, DateOnly? Updated);

    /// <summary>One key fact, in the order the page shows them: <paramref name="Field"/> is the front-matter key
    /// (<c>innervation</c>), <paramref name="Html"/> the rendered value with links, <paramref name="Text"/> the same as plain text.</summary>
    public sealed record KeyFactJson(string Field, string Label, string Html, string Text);

    /// <summary>The opening paragraphs before the first section, as HTML and as plain text.</summary>
    public sealed record LeadJson(string Html, string Text);

    public sealed record SectionJson(string Id, string Title, string Html, string Url);

    public sealed record LinkJson(string Slug, string Title, string Type, string Url);

    public sealed record RelationJson(string Kind, string Direction, string Label, IReadOnlyList<LinkJson> Structures);

    public sealed record RelationsJson(string Slug, string Title, string Type, string Url, IReadOnlyList<RelationJson> Relations);

    public sealed record IdsJson(string? Ta2, string? Fma);

    public sealed record StructureJson(
        string Slug, string Title, string Type, string? Latin, string? Pronunciation, IReadOnlyList<string> Aliases, string? Summary,
        LeadJson Lead, IReadOnlyList<KeyFactJson> KeyFacts, IReadOnlyList<SectionJson> Sections, IReadOnlyList<RelationJson> Relations,
        IReadOnlyList<string> Sources, IdsJson Ids, string Url, DateOnly? Updated);

    public static IEndpointRouteBuilder MapStructuresApi(this IEndpointRouteBuilder endpoints)
    {
        var api = endpoints.MapGroup("/api/structures").WithTags("Structures");
        api.MapGet("", (HttpRequest request, SiteUrls urls, StoreState state) =>
            TypedResults.Ok(state.Snapshot.Structures.Select(s => new StructureSummary(
                s.Slug, s.Title, s.Type, s.Latin, s.Aliases, s.Summary, urls.Absolute(request, s.Url), s.Updated))))
            .WithName("ListStructures")
            .WithSummary("Every structure, by title")
            .WithDescription("Slug, title, type, Latin name, other names, one-sentence summary, page URL and date last updated of each structure.");
        api.MapGet("/{slug}", async Task<Results<Ok<StructureJson>, ProblemHttpResult>> (string slug, HttpRequest request, SiteUrls urls, StructureQueries queries, CancellationToken cancellationToken) =>
        {
            await using var read = await queries.ReadAsync(cancellationToken);
            var view = await read.FindAsync(slug.ToLowerInvariant(), cancellationToken);
            if (view is null)
            {
                return NotFound(slug);
            }

            var connections = await read.ConnectionsAsync(view.Record.Slug, cancellationToken);
            return TypedResults.Ok(ToJson(view, connections, path => urls.Absolute(request, path)));
        })
            .WithName("GetStructure")
            .WithSummary("One structure: the whole page")
            .WithDescription("The opening paragraphs, the key facts in the page's order, every section as HTML with its link, the connections in both directions and the sources.")
            .ProducesProblem(StatusCodes.Status404NotFound);
        api.MapGet("/{slug}/relations", async Task<Results<Ok<RelationsJson>, ProblemHttpResult>> (string slug, HttpRequest request, SiteUrls urls, StructureQueries queries, CancellationToken cancellationToken) =>
        {
            await using var read = await queries.ReadAsync(cancellationToken);
            var view = await read.FindAsync(slug.ToLowerInvariant(), cancellationToken);
            if (view is null)
            {
                return NotFound(slug);
            }

            var connections = await read.ConnectionsAsync(view.Record.Slug, cancellationToken);
            string Absolute(string path) => urls.Absolute(request, path);
            return TypedResults.Ok(new RelationsJson(view.Record.Slug, view.Record.Title, view.Record.Type, Absolute(view.Url), [.. connections.Select(g => ToJson(g, Absolute))]));
        })
            .WithName("GetStructureRelations")
            .WithSummary("One structure's connections")
            .WithDescription("Each relation with kind, direction (outgoing: stated on this page; incoming: stated on the other; both: symmetric) and label, as the Connections panel shows them.")
            .ProducesProblem(StatusCodes.Status404NotFound);
        return endpoints;
    }

    private static ProblemHttpResult NotFound(string slug) =>
        TypedResults.Problem(statusCode: StatusCodes.Status404NotFound, title: $"No structure has the slug '{(slug.Length > 100 ? slug[..100] + "…" : slug)}'.");

    /// <summary>"outgoing": stated on this page; "incoming": stated on the other page (the reverse name, such as
    /// "innervates"); "both": a symmetric relation (synergists, antagonists, related), whichever page states it.</summary>
    private static RelationJson ToJson(ConnectionGroup group, Func<string, string> absolute) =>
        new(group.Kind, group.Direction switch
        {
            ConnectionDirection.Incoming => "incoming",
            ConnectionDirection.Both => "both",
            _ => "outgoing",
        }, group.Label, [.. group.Structures.Select(s => new LinkJson(s.Slug, s.Title, s.Type, absolute(s.Url)))]);

    private static StructureJson ToJson(StructureView view, IReadOnlyList<ConnectionGroup> connections, Func<string, string> absolute)
    {
        var (record, document) = view;
        var pageUrl = absolute(view.Url);
        return new(
            record.Slug, record.Title, record.Type, record.Latin, record.Pronunciation, record.AliasList(), record.Summary,
            new LeadJson(AbsoluteLinks(document.Lead.Html, pageUrl, absolute), document.Lead.Text),
            [.. document.KeyFacts.Select(f => new KeyFactJson(f.Key, f.Label, AbsoluteLinks(f.Html, pageUrl, absolute), f.Text))],
            [.. document.Sections.Select(s => new SectionJson(s.Id, s.Title, AbsoluteLinks(s.Html, pageUrl, absolute), $"{pageUrl}#{s.Id}"))],
            [.. connections.Select(g => ToJson(g, absolute))],
            [.. document.Sources.Select(s => s.Html)],
            new IdsJson(record.Ta2, record.Fma),
            pageUrl,
            record.Updated);
    }

    /// <summary>The stored HTML links within the site (<c>/anatomy/…</c>) and within the page (<c>#source-1</c>);
    /// on another site both must carry our address.</summary>
    private static string AbsoluteLinks(string html, string pageUrl, Func<string, string> absolute) =>
        html.Replace("href=\"/", $"href=\"{absolute("/")}", StringComparison.Ordinal)
            .Replace("href=\"#", $"href=\"{pageUrl}#", StringComparison.Ordinal);
}
