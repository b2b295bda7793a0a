namespace GastroRef.Content;

/// <summary>What a content file may say: the structure types, the key facts and sections each type has,
/// the relation kinds and the canonical section ids. docs/content-format.md describes the same rules for editors.</summary>
public static class ContentSchema
{
    public static readonly IReadOnlyList<string> Types =
        ["muscle", "muscle-head", "muscle-group", "nerve", "artery", "vein", "bone", "tendon", "ligament", "cartilage", "joint", "region", "condition"];

    /// <summary>The types that are muscles: they share key facts, sections, relations and practice questions.</summary>
    public static readonly IReadOnlyList<string> MuscleTypes = ["muscle", "muscle-head", "muscle-group"];

    /// <summary>Every type but condition: a condition is linked to the anatomy it affects with <c>related</c> only.</summary>
    public static readonly IReadOnlyList<string> AnatomyTypes = [.. Types.Where(t => t != "condition")];

    /// <summary>Display labels of the key facts. A page shows its key facts in its type's order
    /// (<see cref="KeyFactsByType"/>), not in this one.</summary>
    public static readonly IReadOnlyList<KeyValuePair<string, string>> KeyFactLabels =
    [
        new("origin", "Origin"), new("insertion", "Insertion"), new("roots", "Spinal roots"),
        new("course", "Course"), new("branches", "Branches"), new("tributaries", "Tributaries"),
        new("drains_into", "Drains into"), new("motor", "Motor supply"), new("sensory", "Sensory supply"),
        new("innervation", "Innervation"), new("arterial_supply", "Arterial supply"),
        new("venous_drainage", "Venous drainage"), new("territory", "Territory"), new("function", "Function"),
        new("joint_type", "Joint type"), new("articulations", "Articulations"), new("ligaments", "Ligaments"),
        new("movements", "Movements"), new("landmarks", "Landmarks"), new("attachments", "Attachments"),
        new("boundaries", "Boundaries"), new("contents", "Contents"), new("mechanism", "Mechanism"),
        new("presentation", "Presentation"), new("tests", "Examination"), new("imaging", "Imaging"),
        new("management", "Management"),
    ];

    private static readonly string[] MuscleFacts = ["origin", "insertion", "innervation", "arterial_supply", "venous_drainage", "function"];

    /// <summary>The key facts each type may have, in the order its key-facts box shows them: the one place for that order.</summary>
    public static readonly IReadOnlyDictionary<string, string[]> KeyFactsByType = new Dictionary<string, string[]>
    {
        ["muscle"] = MuscleFacts,
        ["muscle-head"] = MuscleFacts,
        ["muscle-group"] = MuscleFacts,
        ["tendon"] = ["origin", "insertion", "arterial_supply", "function"],
        ["ligament"] = ["attachments", "function", "innervation", "arterial_supply"],
        ["cartilage"] = ["attachments", "function", "arterial_supply"],
        ["nerve"] = ["roots", "origin", "course", "branches", "motor", "sensory"],
        ["artery"] = ["origin", "course", "branches", "territory"],
        ["vein"] = ["origin", "course", "tributaries", "drains_into", "territory"],
        ["bone"] = ["landmarks", "attachments", "articulations", "arterial_supply"],
        ["joint"] = ["joint_type", "articulations", "ligaments", "movements", "innervation", "arterial_supply"],
        ["region"] = ["boundaries", "contents"],
        ["condition"] = ["mechanism", "presentation", "tests", "imaging", "management"],
    };

    public static readonly IReadOnlyDictionary<string, string[]> RequiredSectionsByType = new Dictionary<string, string[]>
    {
        ["muscle"] = ["origin", "insertion", "relations", "innervation", "blood-supply", "function", "clinical-notes"],
        ["muscle-head"] = ["origin", "insertion", "relations", "innervation", "blood-supply", "function", "clinical-notes"],
        ["muscle-group"] = ["members", "innervation", "function", "clinical-notes"],
        ["tendon"] = ["structure", "insertion", "blood-supply", "clinical-notes"],
        ["ligament"] = ["attachments", "function", "clinical-notes"],
        ["cartilage"] = ["structure", "attachments", "function", "clinical-notes"],
        ["nerve"] = ["roots", "course", "branches", "clinical-notes"],
        ["artery"] = ["origin", "course", "branches", "clinical-notes"],
        ["vein"] = ["origin", "course", "tributaries", "clinical-notes"],
        ["bone"] = ["landmarks", "attachments", "articulations", "clinical-notes"],
        ["joint"] = ["articulations", "ligaments", "movements", "clinical-notes"],
        ["region"] = ["boundaries", "contents", "clinical-notes"],
        ["condition"] = ["mechanism", "presentation", "examination", "imaging", "management", "anatomy-involved"],
    };

    /// <summary>Headings (normalised: lowercase letters and single spaces) that map to a canonical section id,
    /// so that rewording a heading never breaks an instructor's link.</summary>
    public static readonly IReadOnlyDictionary<string, string> CanonicalSectionIds = BuildCanonicalIds(new()
    {
        ["origin"] = ["origin", "origins", "proximal attachment"],
        ["insertion"] = ["insertion", "distal attachment"],
        ["relations"] = ["relations", "relationships"],
        ["innervation"] = ["innervation", "nerve supply"],
        ["blood-supply"] = ["blood supply", "arterial supply", "vascular supply", "blood supply and venous drainage", "blood supply and drainage"],
        ["function"] = ["function", "functions", "action", "actions"],
        ["testing"] = ["testing", "palpation", "testing and palpation", "examination and palpation"],
        ["clinical-notes"] = ["clinical notes", "clinical significance", "clinical relevance", "clinical anatomy"],
        ["roots"] = ["roots", "spinal roots", "origin and roots"],
        ["course"] = ["course", "path"],
        ["branches"] = ["branches"],
        ["tributaries"] = ["tributaries"],
        ["territory"] = ["territory", "distribution", "supply"],
        ["landmarks"] = ["landmarks", "features", "surface features"],
        ["attachments"] = ["attachments", "muscle attachments"],
        ["articulations"] = ["articulations", "joints"],
        ["movements"] = ["movements"],
        ["ligaments"] = ["ligaments"],
        ["boundaries"] = ["boundaries"],
        ["contents"] = ["contents"],
        ["members"] = ["members", "components"],
        ["structure"] = ["structure", "anatomy", "overview"],
        ["mechanism"] = ["mechanism", "causes", "mechanism of injury", "pathophysiology"],
        ["presentation"] = ["presentation", "clinical presentation", "symptoms", "who and where"],
        ["examination"] = ["examination", "clinical examination"],
        ["imaging"] = ["imaging", "investigations"],
        ["management"] = ["management", "treatment"],
        ["anatomy-involved"] = ["anatomy involved", "relevant anatomy"],
        ["etymology"] = ["etymology", "name"],
    });

    /// <summary>Ids the site itself puts on every article page; a heading may not take them.</summary>
    public static readonly IReadOnlySet<string> ReservedIds = new HashSet<string>(StringComparer.Ordinal)
    {
        "sources", "key-facts", "toc", "connections", "cite", "main", "top", "figures",
    };

    public static readonly IReadOnlyList<RelationKind> RelationKinds =
    [
        new("part_of", "Part of", "Has part", [.. AnatomyTypes], [.. AnatomyTypes]),
        new("origin_on", "Arises from", "Gives origin to", [.. MuscleTypes, "tendon"], ["bone", "tendon", "ligament", "joint", "muscle", "muscle-head"]),
        new("inserts_on", "Inserts on", "Receives insertion of", [.. MuscleTypes, "tendon"], ["bone", "tendon", "ligament", "joint", "muscle", "muscle-head"]),
        new("innervated_by", "Innervated by", "Innervates", [.. AnatomyTypes], ["nerve"]),
        new("supplied_by", "Supplied by", "Supplies", [.. AnatomyTypes], ["artery"]),
        new("drained_by", "Drained by", "Drains", [.. AnatomyTypes], ["vein"]),
        new("branch_of", "Branch of", "Branches", ["nerve", "artery"], ["nerve", "artery"], SameType: true),
        new("tributary_of", "Tributary of", "Tributaries", ["vein"], ["vein"]),
        new("synergists", "Synergists", "Synergists", [.. MuscleTypes], [.. MuscleTypes], Symmetric: true),
        new("antagonists", "Antagonists", "Antagonists", [.. MuscleTypes], [.. MuscleTypes], Symmetric: true),
        new("related", "Related", "Related", null, null, Symmetric: true),
    ];

    public static RelationKind? FindRelationKind(string name) => RelationKinds.FirstOrDefault(k => k.Name == name);

    /// <summary>Where a key fact goes in the box of a page of <paramref name="type"/>: its place in the type's list.</summary>
    public static int KeyFactPosition(string type, string key)
    {
        var keys = KeyFactsByType.GetValueOrDefault(type ?? "") ?? [];
        var index = Array.IndexOf(keys, key);
        return index >= 0 ? index : keys.Length;
    }

    public static string KeyFactLabel(string key) =>
        KeyFactLabels.FirstOrDefault(p => p.Key == key).Value ?? key;

    public static string TypeLabel(string type) => type switch
    {
        "muscle-head" => "muscle head",
        "muscle-group" => "muscle group",
        _ => type,
    };

    /// <summary>"a muscle", "an artery": for messages that name a type.</summary>
    public static string WithArticle(string type)
    {
        ArgumentNullException.ThrowIfNull(type);
        var label = TypeLabel(type);
        return label.Length > 0 && "aeiou".Contains(label[0], StringComparison.Ordinal) ? $"an {label}" : $"a {label}";
    }

    private static Dictionary<string, string> BuildCanonicalIds(Dictionary<string, string[]> idsToHeadings)
    {
        var result = new Dictionary<string, string>(StringComparer.Ordinal);
        foreach (var (id, headings) in idsToHeadings)
        {
            foreach (var heading in headings)
            {
                result.Add(heading, id);
            }
        }

        return result;
    }
}

/// <summary>A typed relation. <paramref name="SourceTypes"/>/<paramref name="TargetTypes"/> null means any type.</summary>
public sealed record RelationKind(
    string Name,
    string Label,
    string ReverseLabel,
    string[]? SourceTypes,
    string[]? TargetTypes,
    bool Symmetric = false,
    bool SameType = false);
