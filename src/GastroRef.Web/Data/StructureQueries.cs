using GastroRef.Content;
using Microsoft.EntityFrameworkCore;

namespace GastroRef.Web.Data;

/// <summary>A stored structure with its rendered document.</summary>
public sealed record StructureView(StructureRecord Record, StoredDocument Document)
{
    public string Url => StructureUrls.Article(Record.Slug);
}

public sealed record StructureLink(string Slug, string Title, string Type)
{
    public string Url => StructureUrls.Article(Slug);
}

/// <summary>Which end of a relation the page is: it states it (outgoing), another page states it (incoming),
/// or either (symmetric kinds such as synergists and related, merged into one list).</summary>
public enum ConnectionDirection
{
    Outgoing,
    Incoming,
    Both,
}

/// <summary>Connections of one kind seen from one page: "Innervated by: Tibial nerve", or the reverse
/// "Innervates: Gastrocnemius, Soleus…". <paramref name="Kind"/> is the relation (<c>links_to</c> for body links).</summary>
public sealed record ConnectionGroup(string Kind, ConnectionDirection Direction, string Label, IReadOnlyList<StructureLink> Structures)
{
    public bool Reverse => Direction == ConnectionDirection.Incoming;
}

/// <summary>Opens reads of the store for the pages and the API (see <see cref="ContentRead"/>).</summary>
public sealed class StructureQueries(ReaderPool readers, StoreState state, IDbContextFactory<GastroRefDbContext> dbFactory)
{
    /// <summary>One snapshot and one read transaction at the same content version; dispose it when done.</summary>
    public Task<ContentRead> ReadAsync(CancellationToken cancellationToken) => ContentRead.OpenAsync(readers, state, dbFactory, cancellationToken);

    /// <summary>Existing structures whose slug or title is closest to what was asked for (for the 404 page).</summary>
    public Task<IReadOnlyList<StructureLink>> ClosestAsync(string wanted, int count, CancellationToken cancellationToken) =>
        Task.FromResult(state.Snapshot.Closest(wanted, count));

    /// <summary>"related" means different things depending on what it joins: the regions a structure lies in,
    /// what lies in a region, the conditions that affect a structure and the structures a condition involves.</summary>
    internal static string RelatedLabel(string pageType, string otherType) => (pageType, otherType) switch
    {
        ("condition", "condition") => "Related conditions",
        ("condition", _) => "Structures involved",
        (_, "condition") => "Related conditions",
        ("region", "region") => "Neighbouring regions",
        ("region", _) => "In this region",
        (_, "region") => "Regions",
        _ => "Related",
    };

    internal static int RelatedOrder(string label) => label switch
    {
        "Regions" or "In this region" or "Structures involved" => 0,
        "Related" or "Neighbouring regions" => 1,
        _ => 2,
    };
}
