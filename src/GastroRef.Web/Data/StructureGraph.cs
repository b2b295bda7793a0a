using GastroRef.Content;

namespace GastroRef.Web.Data;

/// <summary>A structure as the graph knows it: enough to list, link and filter it without reading its document.
/// <paramref name="Order"/> places a region among its siblings.</summary>
public sealed record GraphNode(string Slug, string Title, string Type, string? Summary, DateOnly? Updated, int? Order = null)
{
    public string Url => StructureUrls.Article(Slug);

    public StructureLink Link => new(Slug, Title, Type);
}

/// <summary>One typed relation as stated on <see cref="From"/>'s page (body links are not part of the graph).</summary>
public sealed record GraphEdge(string From, string Kind, string To);

/// <summary>A region, how many structures lie in it, and the regions inside it.</summary>
public sealed record RegionBranch(GraphNode Region, int Count, IReadOnlyList<RegionBranch> Children)
{
    /// <summary>This branch and every branch below it, each with its depth (0 for this one), in tree order.</summary>
    public IEnumerable<(RegionBranch Branch, int Depth)> Flatten(int depth = 0) =>
        Children.SelectMany(c => c.Flatten(depth + 1)).Prepend((this, depth));
}

/// <summary>A step of a breadcrumb trail between "Anatomy" and the page itself.</summary>
public sealed record Crumb(string Title, string Url);

/// <summary>Every structure and typed relation at one store version, with the derived answers the pages need:
/// regions, breadcrumbs and what to compare a structure with. Immutable, so requests share it freely.</summary>
public sealed class GraphSnapshot
{
    private static readonly string[] Symmetric = ["synergists", "antagonists"];

    private readonly Dictionary<string, GraphNode> _nodes;
    private readonly ILookup<string, GraphEdge> _outgoing;
    private readonly ILookup<string, GraphEdge> _incoming;
    private readonly Dictionary<string, IReadOnlyList<GraphNode>> _regionsOf = new(StringComparer.Ordinal);
    private readonly Dictionary<string, List<GraphNode>> _inRegion = new(StringComparer.Ordinal);

    // What the graph was built from, so the next version can tell whether it would build the same graph.
    private readonly IReadOnlyList<GraphEdge> _edges;

    internal GraphSnapshot(long version, IEnumerable<GraphNode> nodes, IReadOnlyList<GraphEdge> edges)
    {
        Version = version;
        _edges = edges;
        _nodes = nodes.ToDictionary(n => n.Slug, StringComparer.Ordinal);

        // Edges to or from a structure that is not stored (a removed page) are ignored everywhere.
        var known = edges.Where(e => _nodes.ContainsKey(e.From) && _nodes.ContainsKey(e.To) && e.From != e.To).ToList();
        _outgoing = known.ToLookup(e => e.From, StringComparer.Ordinal);
        _incoming = known.ToLookup(e => e.To, StringComparer.Ordinal);
        All = [.. _nodes.Values.OrderBy(n => n.Title, StringComparer.OrdinalIgnoreCase).ThenBy(n => n.Slug, StringComparer.Ordinal)];
        Regions = [.. All.Where(n => n.Type == "region")];
        foreach (var node in All)
        {
            _regionsOf[node.Slug] = FindRegions(node);
        }

        // The other way round, once, in title order: pages ask it for every region on every request.
        foreach (var node in All)
        {
            foreach (var region in _regionsOf[node.Slug].Where(r => r.Slug != node.Slug))
            {
                if (!_inRegion.TryGetValue(region.Slug, out var members))
                {
                    _inRegion[region.Slug] = members = [];
                }

                members.Add(node);
            }
        }

        RegionTree = BuildRegionTree();
    }

    /// <summary>The same graph at another version: everything derived is shared (it is never changed).</summary>
    private GraphSnapshot(long version, GraphSnapshot same)
    {
        Version = version;
        _edges = same._edges;
        _nodes = same._nodes;
        _outgoing = same._outgoing;
        _incoming = same._incoming;
        _regionsOf = same._regionsOf;
        _inRegion = same._inRegion;
        All = same.All;
        Regions = same.Regions;
        RegionTree = same.RegionTree;
    }

    /// <summary>This graph at <paramref name="version"/> when it is what the nodes and edges (in order) would build,
    /// else a graph built from them. Building takes about 0.1 s at 10,000 structures; most edits change neither a
    /// structure's title, type, summary, date or order nor a relation, and reuse this one.</summary>
    internal GraphSnapshot Rebuild(long version, IReadOnlyList<GraphNode> nodes, IReadOnlyList<GraphEdge> edges) =>
        nodes.Count == _nodes.Count && nodes.All(n => _nodes.TryGetValue(n.Slug, out var known) && known == n) && edges.SequenceEqual(_edges)
            ? new GraphSnapshot(version, this)
            : new GraphSnapshot(version, nodes, edges);

    /// <summary>The regions as they nest, outermost first (see <see cref="RegionBranch"/>).</summary>
    public IReadOnlyList<RegionBranch> RegionTree { get; }

    public long Version { get; }

    /// <summary>Every structure, by title.</summary>
    public IReadOnlyList<GraphNode> All { get; }

    /// <summary>The structures of type region, by title.</summary>
    public IReadOnlyList<GraphNode> Regions { get; }

    public GraphNode? Find(string slug) => _nodes.GetValueOrDefault(slug);

    public IEnumerable<GraphEdge> Outgoing(string slug) => _outgoing[slug];

    public IEnumerable<GraphEdge> Incoming(string slug) => _incoming[slug];

    /// <summary>The regions a structure lies in, by title (see docs/content-format.md, "Regions").</summary>
    public IReadOnlyList<GraphNode> RegionsOf(string slug) => _regionsOf.GetValueOrDefault(slug) ?? [];

    /// <summary>The structures that lie in a region, by title; the region itself is not among them.</summary>
    public IReadOnlyList<GraphNode> InRegion(string regionSlug) =>
        _inRegion.TryGetValue(regionSlug, out var members) ? members : [];

    /// <summary>The trail between "Anatomy" and the page, outermost first: region › group › structure.
    /// The part_of chain gives the groups; when it does not end in a region, the region the chain is related to
    /// is put in front; with no region at all (and for conditions), the list of the structure's kind.</summary>
    public IReadOnlyList<Crumb> Breadcrumbs(string slug)
    {
        if (Find(slug) is not { } node)
        {
            return [];
        }

        var kindCrumb = new Crumb(BrowseLabels.Plural(node.Type), BrowseLabels.TypeUrl(node.Type));
        if (node.Type == "condition")
        {
            return [kindCrumb];
        }

        var chain = PartOfChain(slug);
        var top = chain.Count > 0 ? chain[0] : node;
        if (top.Type != "region")
        {
            // Look for a related region from the top of the chain down to the structure itself.
            var candidates = chain.Append(node);
            var region = candidates.Select(RelatedRegion).FirstOrDefault(r => r is not null);
            if (region is not null && chain.All(c => c.Slug != region.Slug))
            {
                chain = [.. PartOfChain(region.Slug), region, .. chain];
            }
        }

        return chain.Count == 0 ? [kindCrumb] : [.. chain.Select(c => new Crumb(c.Title, c.Url))];
    }

    /// <summary>Structures of the same type worth comparing with this one, best first: its synergists and
    /// antagonists, then the other parts of what it is part of, then those it is related to directly (a branch and
    /// its trunk), then those sharing the most connections.</summary>
    public IReadOnlyList<GraphNode> CompareCandidates(string slug, int count)
    {
        if (Find(slug) is not { } node)
        {
            return [];
        }

        var neighbours = Neighbours(slug);
        var parents = Outgoing(slug).Where(e => e.Kind == "part_of").Select(e => e.To).ToHashSet(StringComparer.Ordinal);
        return [.. All
            .Where(other => other.Type == node.Type && other.Slug != slug)
            .Select(other =>
            {
                var direct = Outgoing(slug).Concat(Incoming(slug)).Where(e => e.From == other.Slug || e.To == other.Slug).ToList();
                var paired = direct.Any(e => Symmetric.Contains(e.Kind));
                var sibling = Outgoing(other.Slug).Any(e => e.Kind == "part_of" && parents.Contains(e.To));
                var shared = Neighbours(other.Slug).Count(n => neighbours.Contains(n) && n != slug && n != other.Slug);
                return (Node: other, Score: (paired ? 1000 : 0) + (sibling ? 500 : 0) + (direct.Count > 0 ? 100 : 0) + shared);
            })
            .Where(p => p.Score > 0)
            .OrderByDescending(p => p.Score)
            .ThenBy(p => p.Node.Title, StringComparer.OrdinalIgnoreCase)
            .Take(count)
            .Select(p => p.Node)];
    }

    private HashSet<string> Neighbours(string slug) =>
        [.. Outgoing(slug).Select(e => e.To).Concat(Incoming(slug).Select(e => e.From))];

    /// <summary>The part_of ancestors of a structure, outermost first, following the first parent stated.</summary>
    private List<GraphNode> PartOfChain(string slug)
    {
        var chain = new List<GraphNode>();
        var seen = new HashSet<string>(StringComparer.Ordinal) { slug };
        var current = slug;
        while (Outgoing(current).FirstOrDefault(e => e.Kind == "part_of") is { } edge && seen.Add(edge.To))
        {
            chain.Insert(0, _nodes[edge.To]);
            current = edge.To;
        }

        return chain;
    }

    private GraphNode? RelatedRegion(GraphNode node) =>
        Outgoing(node.Slug).Where(e => e.Kind == "related").Select(e => _nodes[e.To])
            .Concat(Incoming(node.Slug).Where(e => e.Kind == "related").Select(e => _nodes[e.From]))
            .Where(n => n.Type == "region")
            .OrderBy(n => n.Title, StringComparer.OrdinalIgnoreCase)
            .FirstOrDefault();

    /// <summary>A structure lies in every region above it through part_of (at any depth), and in every region
    /// that it, or anything it is part of, is related to. A region lies only in the regions it is part of:
    /// two related regions are neighbours, not one inside the other.</summary>
    private List<GraphNode> FindRegions(GraphNode node)
    {
        var ancestors = new List<GraphNode>();
        var seen = new HashSet<string>(StringComparer.Ordinal) { node.Slug };
        var queue = new Queue<string>([node.Slug]);
        while (queue.TryDequeue(out var current))
        {
            foreach (var edge in Outgoing(current).Where(e => e.Kind == "part_of"))
            {
                if (seen.Add(edge.To))
                {
                    ancestors.Add(_nodes[edge.To]);
                    queue.Enqueue(edge.To);
                }
            }
        }

        var regions = ancestors.Where(a => a.Type == "region").ToList();
        if (node.Type != "region")
        {
            foreach (var member in ancestors.Prepend(node).Where(a => a.Type != "region"))
            {
                var related = Outgoing(member.Slug).Where(e => e.Kind == "related").Select(e => _nodes[e.To])
                    .Concat(Incoming(member.Slug).Where(e => e.Kind == "related").Select(e => _nodes[e.From]))
                    .Where(n => n.Type == "region");

                // What lies in the popliteal fossa lies in the knee region and the lower limb too: a region's own
                // regions are those it is part of (FindRegions never follows a region's related links).
                foreach (var region in related)
                {
                    regions.Add(region);
                    regions.AddRange(FindRegions(region));
                }
            }
        }

        return [.. regions.DistinctBy(r => r.Slug).OrderBy(r => r.Title, StringComparer.OrdinalIgnoreCase)];
    }

    private IEnumerable<GraphNode> ParentRegions(string slug) =>
        Outgoing(slug).Where(e => e.Kind == "part_of").Select(e => _nodes[e.To]).Where(n => n.Type == "region");

    /// <summary>The regions nested as they are part of each other (lower limb › thigh › femoral triangle), each with
    /// the number of structures in it; the outermost regions first, siblings in their stated order, then by title.</summary>
    private List<RegionBranch> BuildRegionTree()
    {
        var childrenOf = Regions
            .SelectMany(child => ParentRegions(child.Slug).Select(parent => (Parent: parent.Slug, Child: child)))
            .OrderBy(p => p.Child.Order ?? int.MaxValue)
            .ThenBy(p => p.Child.Title, StringComparer.OrdinalIgnoreCase)
            .ToLookup(p => p.Parent, p => p.Child, StringComparer.Ordinal);
        var roots = Regions.Where(r => !ParentRegions(r.Slug).Any()).OrderBy(r => r.Order ?? int.MaxValue).ToList();

        // A region stated as part of itself through a loop has no root: list it at the top rather than lose it.
        var reached = new HashSet<string>(StringComparer.Ordinal);
        var tree = roots.Select(r => Branch(r, [])).ToList();
        tree.AddRange(Regions.Where(r => !reached.Contains(r.Slug)).Select(r => Branch(r, [])));
        return tree;

        RegionBranch Branch(GraphNode region, HashSet<string> path)
        {
            reached.Add(region.Slug);
            var below = new HashSet<string>(path, StringComparer.Ordinal) { region.Slug };
            var children = childrenOf[region.Slug].Where(c => !below.Contains(c.Slug)).Select(c => Branch(c, below)).ToList();
            return new RegionBranch(region, InRegion(region.Slug).Count, children);
        }
    }
}

/// <summary>How kinds of structure are named and linked on the browse page.</summary>
public static class BrowseLabels
{
    public static string Plural(string type) => ContentSchema.TypeLabel(type) switch
    {
        "artery" => "Arteries",
        "muscle head" => "Muscle heads",
        "muscle group" => "Muscle groups",
        var label => char.ToUpperInvariant(label[0]) + label[1..] + "s",
    };

    public static string TypeUrl(string type) => $"/anatomy?type={Uri.EscapeDataString(type)}";
}
