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

/// <summary>Connections of one kind seen from one page: "Innervated by: Tibial nerve", or the reverse
/// "Innervates: Gastrocnemius, Soleus…". <paramref name="Kind"/> is the relation; <paramref name="Reverse"/> says which end.</summary>
public sealed record ConnectionGroup(string Kind, bool Reverse, string Label, IReadOnlyList<StructureLink> Structures);

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

    /// <summary>Both directions of every typed relation touching the page, in schema order.
    /// Symmetric kinds (synergists, related) are merged into one group.</summary>
    public async Task<IReadOnlyList<ConnectionGroup>> ConnectionsAsync(string slug, CancellationToken cancellationToken)
    {
        await using var db = await dbFactory.CreateDbContextAsync(cancellationToken);
        var edges = await db.Relations.AsNoTracking()
            .Where(r => r.Kind != RelationRecord.BodyLink && (r.FromSlug == slug || r.ToSlug == slug))
            .ToListAsync(cancellationToken);
        var otherSlugs = edges.Select(e => e.FromSlug == slug ? e.ToSlug : e.FromSlug).Distinct().ToList();
        var titles = await db.Structures.AsNoTracking()
            .Where(s => otherSlugs.Contains(s.Slug))
            .Select(s => new StructureLink(s.Slug, s.Title, s.Type))
            .ToDictionaryAsync(s => s.Slug, cancellationToken);

        var groups = new List<ConnectionGroup>();
        foreach (var kind in ContentSchema.RelationKinds)
        {
            var outgoing = edges.Where(e => e.Kind == kind.Name && e.FromSlug == slug).Select(e => e.ToSlug);
            var incoming = edges.Where(e => e.Kind == kind.Name && e.ToSlug == slug).Select(e => e.FromSlug);
            if (kind.Symmetric)
            {
                Add(kind.Name, false, kind.Label, outgoing.Concat(incoming));
            }
            else
            {
                Add(kind.Name, false, kind.Label, outgoing);
                Add(kind.Name, true, kind.ReverseLabel, incoming);
            }
        }

        return groups;

        void Add(string kind, bool reverse, string label, IEnumerable<string> slugs)
        {
            var links = slugs.Distinct().Where(titles.ContainsKey).Select(s => titles[s]).OrderBy(s => s.Title, StringComparer.OrdinalIgnoreCase).ToList();
            if (links.Count > 0)
            {
                groups.Add(new(kind, reverse, label, links));
            }
        }
    }

    /// <summary>The part_of chain above a structure, outermost first: region › group › structure.</summary>
    public async Task<IReadOnlyList<StructureLink>> BreadcrumbsAsync(string slug, CancellationToken cancellationToken)
    {
        await using var db = await dbFactory.CreateDbContextAsync(cancellationToken);
        var trail = new List<StructureLink>();
        var seen = new HashSet<string>(StringComparer.Ordinal) { slug };
        var current = slug;
        for (var depth = 0; depth < 8; depth++)
        {
            var parent = await db.Relations.AsNoTracking()
                .Where(r => r.FromSlug == current && r.Kind == "part_of")
                .OrderBy(r => r.Id)
                .Join(db.Structures, r => r.ToSlug, s => s.Slug, (r, s) => new StructureLink(s.Slug, s.Title, s.Type))
                .FirstOrDefaultAsync(cancellationToken);
            if (parent is null || !seen.Add(parent.Slug))
            {
                break;
            }

            trail.Insert(0, parent);
            current = parent.Slug;
        }

        return trail;
    }

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
