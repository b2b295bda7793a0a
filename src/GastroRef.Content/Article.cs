namespace GastroRef.Content;

/// <summary>One structure, validated and rendered: what the site stores and serves.</summary>
public sealed record StructureDocument
{
    public required string Slug { get; init; }
    public required string SourcePath { get; init; }
    public required string ContentHash { get; init; }
    public required string Title { get; init; }
    public required string Type { get; init; }
    public string? Latin { get; init; }
    public string? Pronunciation { get; init; }
    public string? Summary { get; init; }
    public IReadOnlyList<string> Aliases { get; init; } = [];
    public IReadOnlyList<RenderedKeyFact> KeyFacts { get; init; } = [];
    public IReadOnlyList<RelationSource> Relations { get; init; } = [];
    public IReadOnlyList<string> LinkedSlugs { get; init; } = [];
    public string? Ta2 { get; init; }
    public string? Fma { get; init; }
    public IReadOnlyList<RenderedFragment> Sources { get; init; } = [];
    public IReadOnlyList<string> RedirectFrom { get; init; } = [];
    public IReadOnlyDictionary<string, string> RetiredIds { get; init; } = new Dictionary<string, string>();
    public DateOnly? Updated { get; init; }

    /// <summary>Where a region comes among its siblings (<see cref="FrontMatter.Order"/>).</summary>
    public int? Order { get; init; }
    public required RenderedFragment Lead { get; init; }
    public IReadOnlyList<ArticleSection> Sections { get; init; } = [];
    public int WordCount { get; init; }
}

/// <summary>Safe HTML and the plain text it shows, without citation numbers (for search and previews).</summary>
public sealed record RenderedFragment(string Html, string Text);

public sealed record RenderedKeyFact(string Key, string Label, string Html, string Text);

/// <summary>A <c>##</c> section: its stable id, its heading, its body HTML (with any <c>###</c> subsections inside),
/// and the ids of links made to it before it was renamed. <see cref="Text"/> is everything it says (subsection
/// headings included) and <see cref="OwnText"/> what it says before its first subsection, as plain text without
/// citation numbers: what search indexes.</summary>
public sealed record ArticleSection(
    string Id,
    string Title,
    string Html,
    string Text,
    IReadOnlyList<SubsectionHeading> Subsections,
    IReadOnlyList<string> RetiredIds)
{
    public string OwnText { get; init; } = "";
}

/// <summary>A <c>###</c> subsection: its id, its heading and its text (plain, without citation numbers).</summary>
public sealed record SubsectionHeading(string Id, string Title)
{
    public string Text { get; init; } = "";
}
