using GastroRef.Web.Data;

namespace GastroRef.Web.Api;

/// <summary>JSON for the structures: the same facts the pages show, for scripts and other sites.</summary>
public static class StructuresApi
{
    public sealed record StructureSummary(string Slug, string Title, string Type, string? Latin, IReadOnlyList<string> Aliases, string? Summary, string Url, DateOnly? Updated);

    public sealed record SectionJson(string Id, string Title, string Html);

    public sealed record RelationJson(string Kind, string Direction, string Label, IReadOnlyList<StructureLink> Structures);

    public sealed record RelationsJson(string Slug, string Title, string Type, string Url, IReadOnlyList<RelationJson> Relations);

    public sealed record StructureJson(
        string Slug, string Title, string Type, string? Latin, string? Pronunciation, IReadOnlyList<string> Aliases, string? Summary,
        IReadOnlyDictionary<string, string> KeyFacts, IReadOnlyList<SectionJson> Sections, IReadOnlyList<RelationJson> Relations,
        IReadOnlyList<string> Sources, object Ids, string Url, DateOnly? Updated);

    public static IEndpointRouteBuilder MapStructuresApi(this IEndpointRouteBuilder endpoints)
    {
        var api = endpoints.MapGroup("/api/structures");
        api.MapGet("", (StoreState state) => Results.Ok(state.Snapshot.Structures.Select(s => new StructureSummary(
            s.Slug, s.Title, s.Type, s.Latin, s.Aliases, s.Summary, s.Url, s.Updated))));
        api.MapGet("/{slug}", async (string slug, StructureQueries queries, CancellationToken cancellationToken) =>
        {
            await using var read = await queries.ReadAsync(cancellationToken);
            var view = await read.FindAsync(slug.ToLowerInvariant(), cancellationToken);
            if (view is null)
            {
                return Results.Problem(statusCode: StatusCodes.Status404NotFound, title: $"No structure has the slug '{slug}'.");
            }

            var connections = await read.ConnectionsAsync(view.Record.Slug, cancellationToken);
            return Results.Ok(ToJson(view, connections));
        });
        api.MapGet("/{slug}/relations", async (string slug, StructureQueries queries, CancellationToken cancellationToken) =>
        {
            await using var read = await queries.ReadAsync(cancellationToken);
            var view = await read.FindAsync(slug.ToLowerInvariant(), cancellationToken);
            if (view is null)
            {
                return Results.Problem(statusCode: StatusCodes.Status404NotFound, title: $"No structure has the slug '{slug}'.");
            }

            var connections = await read.ConnectionsAsync(view.Record.Slug, cancellationToken);
            return Results.Ok(new RelationsJson(view.Record.Slug, view.Record.Title, view.Record.Type, view.Url, [.. connections.Select(ToJson)]));
        });
        return endpoints;
    }

    /// <summary>"outgoing": stated on this page; "incoming": stated on the other page (the reverse name, such as
    /// "innervates"); "both": a symmetric relation (synergists, antagonists, related), whichever page states it.</summary>
    private static RelationJson ToJson(ConnectionGroup group) =>
        new(group.Kind, group.Direction switch
        {
            ConnectionDirection.Incoming => "incoming",
            ConnectionDirection.Both => "both",
            _ => "outgoing",
        }, group.Label, group.Structures);

    private static StructureJson ToJson(StructureView view, IReadOnlyList<ConnectionGroup> connections)
    {
        var (record, document) = view;
        return new(
            record.Slug, record.Title, record.Type, record.Latin, record.Pronunciation, document.Aliases, record.Summary,
            document.KeyFacts.ToDictionary(f => f.Key, f => f.Html),
            [.. document.Sections.Select(s => new SectionJson(s.Id, s.Title, s.Html))],
            [.. connections.Select(ToJson)],
            [.. document.Sources.Select(s => s.Html)],
            new { ta2 = record.Ta2, fma = record.Fma },
            view.Url,
            record.Updated);
    }
}
