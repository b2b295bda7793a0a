using GastroRef.Web.Data;

namespace GastroRef.Web.Atlas;

/// <summary>Which shapes stand for a page on a plate: the structure itself and its parts (a group appears through
/// its members, gastrocnemius through its heads); for a region, its boundaries and contents (what lies in it or is
/// related to it); for a condition, the structures it affects and their parts.</summary>
public static class PlateHighlights
{
    public static IReadOnlySet<string> For(GraphSnapshot graph, string slug)
    {
        ArgumentNullException.ThrowIfNull(graph);
        var result = new HashSet<string>(StringComparer.Ordinal) { slug };
        if (graph.Find(slug) is not { } node)
        {
            return result;
        }

        if (node.Type == "region")
        {
            result.UnionWith(graph.InRegion(slug).Select(n => n.Slug));
            result.UnionWith(Related(graph, slug));
        }
        else if (node.Type == "condition")
        {
            result.UnionWith(Related(graph, slug));
        }

        foreach (var member in result.ToList())
        {
            result.UnionWith(PartsOf(graph, member));
        }

        return result;
    }

    private static IEnumerable<string> Related(GraphSnapshot graph, string slug) =>
        graph.Outgoing(slug).Where(e => e.Kind == "related").Select(e => e.To)
            .Concat(graph.Incoming(slug).Where(e => e.Kind == "related").Select(e => e.From));

    /// <summary>Everything part of the structure, at any depth.</summary>
    private static HashSet<string> PartsOf(GraphSnapshot graph, string slug)
    {
        var parts = new HashSet<string>(StringComparer.Ordinal);
        var queue = new Queue<string>([slug]);
        while (queue.TryDequeue(out var current))
        {
            foreach (var edge in graph.Incoming(current).Where(e => e.Kind == "part_of"))
            {
                if (edge.From != slug && parts.Add(edge.From))
                {
                    queue.Enqueue(edge.From);
                }
            }
        }

        return parts;
    }
}
