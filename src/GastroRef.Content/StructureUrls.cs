namespace GastroRef.Content;

/// <summary>The addresses of structure pages, which instructors link to for years: the one place they are built.</summary>
public static class StructureUrls
{
    public const string Prefix = "/anatomy/";

    public static string Article(string slug) => Prefix + slug;

    /// <summary>A section of a page (<c>/anatomy/soleus#innervation</c>); the page itself when there is no section.
    /// With <paramref name="origin"/> (scheme, host and any path base), the absolute address.</summary>
    public static string Section(string slug, string? sectionId, string origin = "") =>
        string.IsNullOrEmpty(sectionId) ? string.Concat(origin, Prefix, slug) : string.Concat(origin, Prefix, slug, "#", sectionId);
}
