using System.Globalization;
using System.Xml.Linq;
using GastroRef.Content.Plates;
using GastroRef.Web.Data;

namespace GastroRef.Web.Atlas;

/// <summary>Draws the generated plates from the relations: the arteries (branch_of) and veins (tributary_of) of
/// the knee and leg, or the nerves (branch_of) down to the muscles they supply (innervated_by), as trees from left
/// (proximal) to right (distal). Nodes without a page come from the sidecar's context list.</summary>
public static class PlateTrees
{
    private static readonly XNamespace Svg = PlateSvg.Namespace;
    private const double RowHeight = 34;
    private const double BoxHeight = 26;
    private const double ColumnGap = 44;
    private const double CharWidth = 7.9;
    private const double Margin = 16;
    private const double TitleHeight = 30;

    private sealed class Node(string key, string title, string type, bool isPage)
    {
        public string Key { get; } = key;
        public string Title { get; } = title;
        public string Type { get; } = type;
        public bool IsPage { get; } = isPage;
        public List<Node> Children { get; } = [];
        public List<Node> Parents { get; } = [];
        public int Depth { get; set; }
        public double Y { get; set; } = double.NaN;
        public double Width => Math.Round(Title.Length * CharWidth + 18);
    }

    /// <summary>The SVG of a generated plate, in the plate format (data-structure groups, labels, context), so it goes
    /// through the same renderer as a drawing.</summary>
    public static string Draw(Plate plate, GraphSnapshot graph)
    {
        ArgumentNullException.ThrowIfNull(plate);
        ArgumentNullException.ThrowIfNull(graph);
        var trees = plate.Generated == "nerves"
            ? new[] { ("Nerves", Build(plate, graph, ["nerve"], "branch_of", includeMuscles: true)) }
            : [("Arteries", Build(plate, graph, ["artery"], "branch_of", includeMuscles: false)), ("Veins", Build(plate, graph, ["vein"], "tributary_of", includeMuscles: false))];

        var content = new List<XElement>();
        double y = Margin, width = 0;
        foreach (var (heading, nodes) in trees)
        {
            var (elements, treeWidth, treeHeight) = Layout(heading, nodes, y);
            content.AddRange(elements);
            width = Math.Max(width, treeWidth);
            y += treeHeight + Margin * 2;
        }

        var root = new XElement(Svg + "svg",
            new XAttribute("viewBox", $"0 0 {Number(width + Margin * 2)} {Number(y)}"),
            new XAttribute("font-size", "13"),
            new XAttribute("class", "tree-plate"),
            content,
            new XElement(Svg + "g", new XAttribute("class", "orientation"),
                new XElement(Svg + "text", new XAttribute("x", Number(width + Margin)), new XAttribute("y", Number(y - Margin)), new XAttribute("text-anchor", "end"), "Proximal (left) → distal (right)")));
        return root.ToString(SaveOptions.DisableFormatting);
    }

    /// <summary>The slugs a generated plate shows as shapes.</summary>
    public static IReadOnlyList<string> Structures(Plate plate, GraphSnapshot graph)
    {
        ArgumentNullException.ThrowIfNull(plate);
        var kinds = plate.Generated == "nerves"
            ? Build(plate, graph, ["nerve"], "branch_of", includeMuscles: true)
            : [.. Build(plate, graph, ["artery"], "branch_of", false), .. Build(plate, graph, ["vein"], "tributary_of", false)];
        return [.. kinds.Where(n => n.IsPage).Select(n => n.Key)];
    }

    private static List<Node> Build(Plate plate, GraphSnapshot graph, string[] types, string edgeKind, bool includeMuscles)
    {
        var nodes = new Dictionary<string, Node>(StringComparer.Ordinal);
        foreach (var page in graph.All.Where(n => types.Contains(n.Type)))
        {
            nodes[page.Slug] = new Node(page.Slug, page.Title, page.Type, isPage: true);
        }

        foreach (var context in plate.Context.Where(c => types.Contains(c.Type)))
        {
            nodes[context.Name] = new Node(context.Name, context.Name, context.Type, isPage: false);
        }

        var edges = new HashSet<(string Parent, string Child)>();
        foreach (var node in nodes.Values.Where(n => n.IsPage))
        {
            foreach (var edge in graph.Outgoing(node.Key).Where(e => e.Kind == edgeKind && nodes.ContainsKey(e.To)))
            {
                edges.Add((edge.To, node.Key));
            }
        }

        foreach (var context in plate.Context.Where(c => types.Contains(c.Type)))
        {
            if (context.Parent is { } parent && nodes.ContainsKey(parent))
            {
                edges.Add((parent, context.Name));
            }

            foreach (var child in context.Children.Where(nodes.ContainsKey))
            {
                edges.Add((context.Name, child));
            }
        }

        if (includeMuscles)
        {
            foreach (var muscle in graph.All.Where(n => n.Type == "muscle"))
            {
                foreach (var edge in graph.Outgoing(muscle.Slug).Where(e => e.Kind == "innervated_by" && nodes.ContainsKey(e.To)))
                {
                    nodes.TryAdd(muscle.Slug, new Node(muscle.Slug, muscle.Title, muscle.Type, isPage: true));
                    edges.Add((edge.To, muscle.Slug));
                }
            }
        }

        // A direct edge that a context node spells out (tibial → medial sural cutaneous → sural) is drawn once, through it.
        var contextNames = plate.Context.Select(c => c.Name).ToHashSet(StringComparer.Ordinal);
        edges.RemoveWhere(e => edges.Any(via => via.Parent == e.Parent && contextNames.Contains(via.Child) && edges.Contains((via.Child, e.Child))));
        foreach (var (parent, child) in edges.Where(e => e.Parent != e.Child))
        {
            nodes[parent].Children.Add(nodes[child]);
            nodes[child].Parents.Add(nodes[parent]);
        }

        // A page with nothing to join (a muscle is only added with its nerve) would float alone: leave it out.
        return [.. nodes.Values.Where(n => n.Children.Count > 0 || n.Parents.Count > 0)];
    }

    private static (List<XElement> Elements, double Width, double Height) Layout(string heading, List<Node> nodes, double top)
    {
        var elements = new List<XElement>
        {
            new(Svg + "text", new XAttribute("x", Number(Margin)), new XAttribute("y", Number(top + 16)), new XAttribute("class", "tree-heading"), heading),
        };
        if (nodes.Count == 0)
        {
            return (elements, 200, TitleHeight);
        }

        // Depth: the longest path from a root, so a node sits right of every node it comes from.
        foreach (var node in TopologicalOrder(nodes))
        {
            node.Depth = node.Parents.Count == 0 ? 0 : node.Parents.Max(p => p.Depth) + 1;
        }

        // Rows: leaves in visiting order, each parent centred on its children (a tidy tree).
        var row = 0;
        foreach (var root in nodes.Where(n => n.Parents.Count == 0).OrderBy(n => n.Title, StringComparer.Ordinal))
        {
            Place(root);
        }

        void Place(Node node)
        {
            var children = node.Children.OrderBy(c => c.Children.Count > 0 ? 0 : 1).ThenBy(c => c.Title, StringComparer.Ordinal).ToList();
            var placed = new List<double>();
            foreach (var child in children)
            {
                if (double.IsNaN(child.Y))
                {
                    Place(child);
                    placed.Add(child.Y);
                }
            }

            node.Y = placed.Count > 0 ? placed.Average() : row++ * RowHeight;
        }

        var columns = nodes.GroupBy(n => n.Depth).OrderBy(g => g.Key).ToList();
        var x = new Dictionary<int, double>();
        var left = Margin;
        foreach (var column in columns)
        {
            x[column.Key] = left;
            left += column.Max(n => n.Width) + ColumnGap;
        }

        var offset = top + TitleHeight;
        foreach (var node in nodes)
        {
            foreach (var child in node.Children)
            {
                var (x1, y1) = (x[node.Depth] + node.Width, offset + node.Y + BoxHeight / 2);
                var (x2, y2) = (x[child.Depth], offset + child.Y + BoxHeight / 2);
                var mid = (x1 + x2) / 2;
                elements.Add(new XElement(Svg + "path", new XAttribute("class", "tree-edge"),
                    new XAttribute("d", $"M{Number(x1)} {Number(y1)} C{Number(mid)} {Number(y1)} {Number(mid)} {Number(y2)} {Number(x2)} {Number(y2)}")));
            }
        }

        foreach (var node in nodes.OrderBy(n => n.Depth).ThenBy(n => n.Y))
        {
            var (nx, ny) = (x[node.Depth], offset + node.Y);
            var box = new XElement(Svg + "rect", new XAttribute("class", node.IsPage ? "tree-node" : "tree-node tree-node-context"),
                new XAttribute("x", Number(nx)), new XAttribute("y", Number(ny)), new XAttribute("width", Number(node.Width)),
                new XAttribute("height", Number(BoxHeight)), new XAttribute("rx", "5"));
            var text = new XElement(Svg + "text", new XAttribute("x", Number(nx + 9)), new XAttribute("y", Number(ny + 17.5)), node.Title);
            if (node.IsPage)
            {
                elements.Add(new XElement(Svg + "g", new XAttribute("data-structure", node.Key), new XAttribute("class", $"s-{(node.Type is "muscle" or "muscle-head" ? "muscle" : node.Type)}"), box));
                elements.Add(new XElement(Svg + "g", new XAttribute("class", "label"), new XAttribute("data-label-for", node.Key), text));
            }
            else
            {
                elements.Add(new XElement(Svg + "g", new XAttribute("class", $"context tree-context s-{node.Type}-context"), box, text));
            }
        }

        var height = TitleHeight + row * RowHeight;
        return (elements, left - ColumnGap, height);
    }

    private static List<Node> TopologicalOrder(List<Node> nodes)
    {
        var order = new List<Node>();
        var state = new Dictionary<Node, bool>();
        foreach (var node in nodes)
        {
            Visit(node);
        }

        return order;

        void Visit(Node node)
        {
            if (state.TryGetValue(node, out _))
            {
                return; // done, or on the path (a loop in the relations): stop either way
            }

            state[node] = false;
            foreach (var parent in node.Parents)
            {
                Visit(parent);
            }

            state[node] = true;
            order.Add(node);
        }
    }

    private static string Number(double value) => Math.Round(value, 1).ToString(CultureInfo.InvariantCulture);
}
