using System.Globalization;
using System.Text.Encodings.Web;
using System.Text.Json;
using System.Text.Json.Nodes;
using GastroRef.Content;
using GastroRef.Web.Data;

namespace GastroRef.Web.Pages.Anatomy;

/// <summary>What a page's schema.org description is made from.</summary>
public sealed record StructureJsonLdInput(
    string BaseUrl,
    StructureRecord Structure,
    StoredDocument Document,
    IReadOnlyList<ConnectionGroup> Connections,
    IReadOnlyList<Crumb> Breadcrumbs);

/// <summary>schema.org JSON-LD for an article: a MedicalWebPage about the structure, typed as Muscle, Nerve, Artery,
/// Vein, Bone, Joint, AnatomicalStructure or MedicalCondition, with its relations as schema.org properties and
/// its TA2/FMA codes. The result is safe to put inside <c>&lt;script type="application/ld+json"&gt;</c>.</summary>
public static class StructureJsonLd
{
    private static readonly JsonSerializerOptions Options = new()
    {
        // The default encoder escapes <, >, & and quotes as \uXXXX, so "</script>" or "<!--" in content
        // cannot end the script element: the JSON stays data whatever the content says.
        Encoder = JavaScriptEncoder.Default,
        WriteIndented = false,
    };

    /// <summary>The schema.org type of a GastroRef structure type.</summary>
    public static string SchemaType(string type) => type switch
    {
        _ when ContentSchema.MuscleTypes.Contains(type) => "Muscle",
        "nerve" => "Nerve",
        "artery" => "Artery",
        "vein" => "Vein",
        "bone" => "Bone",
        "joint" => "Joint",
        "ligament" => "Ligament",
        "condition" => "MedicalCondition",
        _ => "AnatomicalStructure",
    };

    public static string Build(StructureJsonLdInput input)
    {
        ArgumentNullException.ThrowIfNull(input);
        return BuildNode(input).ToJsonString(Options);
    }

    internal static JsonObject BuildNode(StructureJsonLdInput input)
    {
        var record = input.Structure;
        var pageUrl = input.BaseUrl + StructureUrls.Article(record.Slug);
        var structure = Structure(input, pageUrl);

        var page = new JsonObject
        {
            ["@type"] = "MedicalWebPage",
            ["@id"] = pageUrl,
            ["url"] = pageUrl,
            ["name"] = record.Title,
            ["inLanguage"] = "en",
            ["isPartOf"] = new JsonObject { ["@type"] = "WebSite", ["@id"] = $"{input.BaseUrl}/#website", ["name"] = "GastroRef", ["url"] = $"{input.BaseUrl}/" },
            ["about"] = new JsonObject { ["@id"] = structure["@id"]!.GetValue<string>() },
            ["mainEntity"] = new JsonObject { ["@id"] = structure["@id"]!.GetValue<string>() },
            ["breadcrumb"] = BreadcrumbList(input, pageUrl),
        };
        if (record.Summary is not null)
        {
            page["description"] = record.Summary;
        }

        if (record.Updated is { } updated)
        {
            page["dateModified"] = updated.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture);
        }

        if (input.Document.Sources.Count > 0)
        {
            page["citation"] = Array(input.Document.Sources.Select(s => (JsonNode)JsonValue.Create(s.Text)!));
        }

        return new JsonObject
        {
            ["@context"] = "https://schema.org",
            ["@graph"] = new JsonArray(page, structure),
        };
    }

    private static JsonObject Structure(StructureJsonLdInput input, string pageUrl)
    {
        var record = input.Structure;
        var type = record.Type;
        var node = new JsonObject
        {
            ["@type"] = SchemaType(type),
            ["@id"] = $"{pageUrl}#structure",
            ["name"] = record.Title,
            ["url"] = pageUrl,
        };

        var alternateNames = new List<string>();
        if (record.Latin is not null)
        {
            alternateNames.Add(record.Latin);
        }

        alternateNames.AddRange(record.AliasList());
        if (alternateNames.Count > 0)
        {
            node["alternateName"] = Array(alternateNames.Select(n => (JsonNode)JsonValue.Create(n)!));
        }

        if (record.Summary is not null)
        {
            node["description"] = record.Summary;
        }

        var codes = new List<JsonNode>();
        if (record.Ta2 is not null)
        {
            codes.Add(Code(record.Ta2, "TA2"));
        }

        if (record.Fma is not null)
        {
            codes.Add(Code(record.Fma, "FMA"));
        }

        if (codes.Count > 0)
        {
            node["code"] = Array(codes);
        }

        var relations = new Relations(input);
        if (type == "condition")
        {
            Put(node, "associatedAnatomy", relations.Both("related").Where(l => l.Type != "condition"));
            return node;
        }

        var connected = relations.Both("related").Where(l => l.Type != "condition")
            .Concat(relations.In("origin_on")).Concat(relations.In("inserts_on")).ToList();
        Put(node, "partOfSystem", relations.Out("part_of"));
        Put(node, "subStructure", relations.In("part_of"));
        Put(node, "relatedCondition", relations.Both("related").Where(l => l.Type == "condition"));

        switch (SchemaType(type))
        {
            case "Muscle":
                if (input.Document.KeyFacts.FirstOrDefault(f => f.Key == "function") is { } function)
                {
                    node["muscleAction"] = function.Text;
                }

                Put(node, "origin", relations.Out("origin_on"));
                Put(node, "insertion", relations.Out("inserts_on"));
                Put(node, "nerve", relations.Out("innervated_by"));
                Put(node, "bloodSupply", relations.Out("supplied_by").Concat(relations.Out("drained_by")));
                Put(node, "antagonist", relations.Both("antagonists"));
                break;
            case "Nerve":
                Put(node, "branch", relations.In("branch_of"));
                Put(node, "sourcedFrom", relations.Out("branch_of"));
                Put(node, "nerveMotor", relations.In("innervated_by").Where(l => ContentSchema.MuscleTypes.Contains(l.Type)));
                connected.AddRange(relations.In("innervated_by").Where(l => !ContentSchema.MuscleTypes.Contains(l.Type)));
                break;
            case "Artery":
                Put(node, "arterialBranch", relations.In("branch_of"));
                Put(node, "supplyTo", relations.In("supplied_by"));
                connected.AddRange(relations.Out("branch_of"));
                break;
            case "Vein":
                Put(node, "tributary", relations.In("tributary_of"));
                Put(node, "drainsTo", relations.Out("tributary_of"));
                Put(node, "regionDrained", relations.In("drained_by"));
                break;
            case "Joint":
                if (input.Document.KeyFacts.FirstOrDefault(f => f.Key == "joint_type") is { } jointType)
                {
                    node["structuralClass"] = jointType.Text;
                }

                break;
        }

        if (SchemaType(type) is not ("Muscle" or "Nerve" or "Artery" or "Vein"))
        {
            // Plain anatomical structures have no nerve or blood-supply properties: these are what they connect to.
            connected.AddRange(relations.Out("origin_on").Concat(relations.Out("inserts_on"))
                .Concat(relations.Out("innervated_by")).Concat(relations.Out("supplied_by")).Concat(relations.Out("drained_by")));
        }

        Put(node, "connectedTo", connected);
        return node;

        void Put(JsonObject target, string property, IEnumerable<StructureLink> links)
        {
            var references = links.DistinctBy(l => l.Slug).Select(l => (JsonNode)Reference(input.BaseUrl, l)).ToList();
            if (references.Count > 0)
            {
                target[property] = Array(references);
            }
        }
    }

    private static JsonObject BreadcrumbList(StructureJsonLdInput input, string pageUrl)
    {
        var steps = new List<(string Name, string Url)> { ("Anatomy", $"{input.BaseUrl}/anatomy") };
        steps.AddRange(input.Breadcrumbs.Select(c => (c.Title, input.BaseUrl + c.Url)));
        steps.Add((input.Structure.Title, pageUrl));
        return new JsonObject
        {
            ["@type"] = "BreadcrumbList",
            ["itemListElement"] = Array(steps.Select((step, i) => (JsonNode)new JsonObject
            {
                ["@type"] = "ListItem",
                ["position"] = i + 1,
                ["name"] = step.Name,
                ["item"] = step.Url,
            })),
        };
    }

    private static JsonObject Reference(string baseUrl, StructureLink link) => new()
    {
        ["@type"] = SchemaType(link.Type),
        ["@id"] = $"{baseUrl}{link.Url}#structure",
        ["name"] = link.Title,
        ["url"] = baseUrl + link.Url,
    };

    private static JsonObject Code(string value, string system) => new()
    {
        ["@type"] = "MedicalCode",
        ["codeValue"] = value,
        ["codingSystem"] = system,
    };

    private static JsonArray Array(IEnumerable<JsonNode> items) => new([.. items]);

    /// <summary>The page's typed connections by relation and direction.</summary>
    private sealed class Relations(StructureJsonLdInput input)
    {
        public IEnumerable<StructureLink> Out(string kind) => Of(kind, ConnectionDirection.Outgoing);

        public IEnumerable<StructureLink> In(string kind) => Of(kind, ConnectionDirection.Incoming);

        public IEnumerable<StructureLink> Both(string kind) => Of(kind, ConnectionDirection.Both);

        private IEnumerable<StructureLink> Of(string kind, ConnectionDirection direction) =>
            input.Connections.Where(g => g.Kind == kind && g.Direction == direction).SelectMany(g => g.Structures);
    }
}
