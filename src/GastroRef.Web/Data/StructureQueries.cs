using GastroRef.Content;
using Microsoft.EntityFrameworkCore;

namespace GastroRef.Web.Data;

/// <summary>A stored structure with its rendered document.</summary>
public sealed record StructureView(StructureRecord Record, StoredDocument Document)
{
    public string Url => $"/anatomy/{Record.Slug}";
}

public sealed record StructureLink(string Slug, string Title, string Type)
{
    public string Url => $"/anatomy/{Slug}";
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

/// <summary>The reads the pages and the API share.</summary>
public sealed class StructureQueries(IDbContextFactory<GastroRefDbContext> dbFactory)
{
    public async Task<StructureView?> FindAsync(string slug, CancellationToken cancellationToken)
    {
        await using var db = await dbFactory.CreateDbContextAsync(cancellationToken);
        var record = await db.Structures.AsNoTracking().FirstOrDefaultAsync(s => s.Slug == slug, cancellationToken);
        return record is null ? null : new StructureView(record, StoredDocument.FromJson(record.DocumentJson));
    }

    public async Task<string?> FindRedirectAsync(string oldSlug, CancellationToken cancellationToken)
    {
        await using var db = await dbFactory.CreateDbContextAsync(cancellationToken);
        return await db.Redirects.AsNoTracking().Where(r => r.OldSlug == oldSlug).Select(r => r.Slug).FirstOrDefaultAsync(cancellationToken);
    }

    public async Task<IReadOnlyList<StructureLink>> ListAsync(CancellationToken cancellationToken)
    {
        await using var db = await dbFactory.CreateDbContextAsync(cancellationToken);
        var all = await db.Structures.AsNoTracking().Select(s => new StructureLink(s.Slug, s.Title, s.Type)).ToListAsync(cancellationToken);
        return [.. all.OrderBy(s => s.Title, StringComparer.OrdinalIgnoreCase)];
    }

    public async Task<IReadOnlyList<StructureRecord>> ListRecordsAsync(CancellationToken cancellationToken)
    {
        await using var db = await dbFactory.CreateDbContextAsync(cancellationToken);
        var all = await db.Structures.AsNoTracking().ToListAsync(cancellationToken);
        return [.. all.OrderBy(s => s.Title, StringComparer.OrdinalIgnoreCase)];
    }

    /// <summary>Both directions of every typed relation touching the page, in schema order, with reverse names that
    /// read naturally (the tibial nerve "Innervates", the calcaneus "Receives insertion of"). Symmetric kinds are merged;
    /// <c>related</c> is split by what is at the other end (regions, conditions); pages that only mention this one in
    /// their text come last as "Mentioned in".</summary>
    public async Task<IReadOnlyList<ConnectionGroup>> ConnectionsAsync(string slug, CancellationToken cancellationToken)
    {
        await using var db = await dbFactory.CreateDbContextAsync(cancellationToken);
        var edges = await db.Relations.AsNoTracking()
            .Where(r => (r.FromSlug == slug && r.Kind != RelationRecord.BodyLink) || (r.ToSlug == slug && r.FromSlug != slug))
            .ToListAsync(cancellationToken);
        var otherSlugs = edges.Select(e => e.FromSlug == slug ? e.ToSlug : e.FromSlug).Append(slug).Distinct().ToList();
        var structures = await db.Structures.AsNoTracking()
            .Where(s => otherSlugs.Contains(s.Slug))
            .Select(s => new StructureLink(s.Slug, s.Title, s.Type))
            .ToDictionaryAsync(s => s.Slug, cancellationToken);
        if (!structures.TryGetValue(slug, out var page))
        {
            return [];
        }

        var groups = new List<ConnectionGroup>();
        foreach (var kind in ContentSchema.RelationKinds)
        {
            var outgoing = edges.Where(e => e.Kind == kind.Name && e.FromSlug == slug).Select(e => e.ToSlug);
            var incoming = edges.Where(e => e.Kind == kind.Name && e.ToSlug == slug).Select(e => e.FromSlug);
            if (kind.Name == "related")
            {
                var byLabel = outgoing.Concat(incoming).Where(structures.ContainsKey)
                    .GroupBy(s => RelatedLabel(page.Type, structures[s].Type))
                    .OrderBy(g => RelatedOrder(g.Key));
                foreach (var related in byLabel)
                {
                    Add(kind.Name, ConnectionDirection.Both, related.Key, related);
                }
            }
            else if (kind.Symmetric)
            {
                Add(kind.Name, ConnectionDirection.Both, kind.Label, outgoing.Concat(incoming));
            }
            else
            {
                Add(kind.Name, ConnectionDirection.Outgoing, kind.Label, outgoing);
                Add(kind.Name, ConnectionDirection.Incoming, kind.ReverseLabel, incoming);
            }
        }

        var listed = groups.SelectMany(g => g.Structures).Select(s => s.Slug).ToHashSet(StringComparer.Ordinal);
        Add(RelationRecord.BodyLink, ConnectionDirection.Incoming, "Mentioned in",
            edges.Where(e => e.Kind == RelationRecord.BodyLink && e.ToSlug == slug && !listed.Contains(e.FromSlug)).Select(e => e.FromSlug));
        return groups;

        void Add(string kind, ConnectionDirection direction, string label, IEnumerable<string> slugs)
        {
            var links = slugs.Distinct().Where(s => s != slug && structures.ContainsKey(s)).Select(s => structures[s])
                .OrderBy(s => s.Title, StringComparer.OrdinalIgnoreCase).ToList();
            if (links.Count > 0)
            {
                groups.Add(new(kind, direction, label, links));
            }
        }
    }

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

    private static int RelatedOrder(string label) => label switch
    {
        "Regions" or "In this region" or "Structures involved" => 0,
        "Related" or "Neighbouring regions" => 1,
        _ => 2,
    };

    /// <summary>Existing structures whose slug or title is closest to what was asked for (for the 404 page).</summary>
    public async Task<IReadOnlyList<StructureLink>> ClosestAsync(string wanted, int count, CancellationToken cancellationToken)
    {
        var all = await ListAsync(cancellationToken);
        var target = ArticleParser.Slugify(wanted);
        return [.. all
            .Select(s => (Link: s, Distance: Math.Min(EditDistance.Between(target, s.Slug), EditDistance.Between(target, ArticleParser.Slugify(s.Title)))))
            .OrderBy(p => p.Distance)
            .ThenBy(p => p.Link.Title, StringComparer.OrdinalIgnoreCase)
            .Take(count)
            .Select(p => p.Link)];
    }
}
