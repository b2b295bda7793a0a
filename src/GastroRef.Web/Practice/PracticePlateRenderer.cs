using System.Text.RegularExpressions;
using System.Xml.Linq;
using GastroRef.Content.Plates;

namespace GastroRef.Web.Practice;

/// <summary>How a plate is drawn for an identify question.</summary>
public enum PlateQuestionMode
{
    /// <summary>The answer's shapes outlined, the rest muted, nothing clickable: "which structure is highlighted?".</summary>
    Highlighted,

    /// <summary>Every shape a link named only "Structure N": "click the named structure".</summary>
    Clickable,

    /// <summary>Nothing outlined, nothing clickable: the printed "mark the named structure".</summary>
    Plain,
}

/// <summary>Draws a plate for a question without giving the answer away: no label but the answer's (hidden until the
/// reader has answered), no slug, title or name on any shape; shapes carry neutral numbers instead.</summary>
public static partial class PracticePlateRenderer
{
    private static readonly XNamespace Svg = PlateSvg.Namespace;

    /// <param name="idPrefix">Makes element ids unique when one page shows the same plate for several questions.</param>
    /// <param name="target">Where a clickable shape's link points (the question itself), so it stays a real link.</param>
    public static string Render(PracticePlate plate, string answer, PlateQuestionMode mode, string idPrefix, string target)
    {
        ArgumentNullException.ThrowIfNull(plate);
        var root = PlateSvg.Parse(plate.Svg).Root!;
        root.SetAttributeValue("width", null);
        root.SetAttributeValue("height", null);
        root.Elements(Svg + "title").Remove();
        root.SetAttributeValue("focusable", "false");
        var classes = root.Attribute("class")?.Value is { Length: > 0 } own ? $" {own}" : "";
        root.SetAttributeValue("class", (mode == PlateQuestionMode.Highlighted ? "plate has-highlight practice-plate" : "plate practice-plate") + classes);
        if (mode == PlateQuestionMode.Clickable)
        {
            root.SetAttributeValue("role", "group");
            root.SetAttributeValue("aria-label", $"{plate.Title}: each structure is a button named by a number");
        }
        else
        {
            root.SetAttributeValue("role", "img");
            root.SetAttributeValue("aria-label", mode == PlateQuestionMode.Highlighted
                ? $"{plate.Title}, labels hidden, one structure outlined"
                : $"{plate.Title}, labels hidden");
        }

        // Labels name structures: keep only the answer's, hidden until the reader has answered.
        foreach (var label in root.Descendants().Where(e => e.Attribute("data-label-for") is not null).ToList())
        {
            if (label.Attribute("data-label-for")!.Value == answer && mode != PlateQuestionMode.Plain)
            {
                label.SetAttributeValue("data-label-for", null);
                label.SetAttributeValue("class", "label practice-label");
            }
            else
            {
                label.Remove();
            }
        }

        var numbers = new Dictionary<string, int>(StringComparer.Ordinal);
        foreach (var group in root.Descendants().Where(e => e.Attribute("data-structure") is not null).ToList())
        {
            var slug = group.Attribute("data-structure")!.Value;
            if (!numbers.TryGetValue(slug, out var number))
            {
                number = numbers.Count + 1;
                numbers[slug] = number;
            }

            group.SetAttributeValue("data-structure", null);
            group.SetAttributeValue("data-shape", number);
            group.Elements(Svg + "title").Remove();
            var isAnswer = slug == answer;
            if (mode == PlateQuestionMode.Highlighted && isAnswer)
            {
                group.SetAttributeValue("class", $"{group.Attribute("class")?.Value} is-highlighted".Trim());
            }

            if (mode == PlateQuestionMode.Clickable)
            {
                var link = new XElement(Svg + "a",
                    new XAttribute("href", target),
                    new XAttribute("class", "structure-link practice-shape"),
                    new XAttribute("aria-label", $"Structure {number}"),
                    new XAttribute("data-practice-shape", number),
                    new XAttribute("data-correct", isAnswer ? "true" : "false"));
                group.ReplaceWith(link);
                link.Add(group);
            }
        }

        PrefixIds(root, idPrefix);
        return root.ToString(SaveOptions.DisableFormatting);
    }

    /// <summary>Renames every id and the local references to it (<c>#id</c>, <c>url(#id)</c>).</summary>
    private static void PrefixIds(XElement root, string prefix)
    {
        var ids = root.DescendantsAndSelf().Select(e => e.Attribute("id")).OfType<XAttribute>().ToList();
        if (ids.Count == 0)
        {
            return;
        }

        var known = ids.Select(a => a.Value).ToHashSet(StringComparer.Ordinal);
        foreach (var id in ids)
        {
            id.Value = prefix + id.Value;
        }

        foreach (var attribute in root.DescendantsAndSelf().SelectMany(e => e.Attributes()).Where(a => a.Name.LocalName != "id" && a.Value.Contains('#', StringComparison.Ordinal)))
        {
            attribute.Value = LocalReference().Replace(attribute.Value, m => known.Contains(m.Groups[1].Value) ? "#" + prefix + m.Groups[1].Value : m.Value);
        }
    }

    [GeneratedRegex(@"#([A-Za-z_][\w.-]*)")]
    private static partial Regex LocalReference();
}
