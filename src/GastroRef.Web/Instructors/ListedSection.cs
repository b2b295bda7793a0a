namespace GastroRef.Web.Instructors;

/// <summary>One item of a reading list as shown: the section found, its note, and its place on the page.</summary>
public sealed record ListedSection(int Number, FoundSection Found, string? Note, string Html)
{
    public string Anchor => $"item-{Number}";

    public string SourceAnchor(int source) => $"{Anchor}-source-{source}";
}
