using GastroRef.Content;

namespace GastroRef.Web.Pages.Compare;

/// <summary>Which structures can be compared side by side: two of the same type, and the pairs students ask for
/// across types whose key facts share most rows: a muscle, one of its heads and the group it belongs to (the same
/// key facts), and an artery with a vein (origin, course, territory).</summary>
public static class CompareKinds
{
    private static readonly Dictionary<string, string> Families = new(StringComparer.Ordinal)
    {
        ["muscle"] = "muscle",
        ["muscle-head"] = "muscle",
        ["muscle-group"] = "muscle",
        ["artery"] = "vessel",
        ["vein"] = "vessel",
    };

    /// <summary>The types that compare with each other share a family; every other type is its own.</summary>
    public static string Family(string type) => Families.GetValueOrDefault(type, type);

    public static bool Comparable(string typeA, string typeB) => Family(typeA) == Family(typeB);

    /// <summary>"muscles, muscle heads or muscle groups": what a structure of this type can be compared with.</summary>
    public static string Describe(string type)
    {
        var family = Family(type);
        var types = ContentSchema.Types.Where(t => Family(t) == family).Select(t => Data.BrowseLabels.Plural(t).ToLowerInvariant()).ToList();
        return types.Count == 1 ? types[0] : $"{string.Join(", ", types[..^1])} or {types[^1]}";
    }

    /// <summary>Why two types cannot be compared, in the words the picker and the page both use.</summary>
    public static string Refusal(string titleA, string typeA, string titleB, string typeB) =>
        $"{titleA} is {ContentSchema.WithArticle(typeA)} and {titleB} is {ContentSchema.WithArticle(typeB)}: "
        + $"only structures of the same kind can be compared side by side ({ContentSchema.WithArticle(typeA)} with {Describe(typeA)}).";
}
