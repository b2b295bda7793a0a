namespace GastroRef.Content;

/// <summary>The typed front matter of one content file. Markdown-valued fields are kept as written
/// and rendered later, when every file's slug is known.</summary>
public sealed record FrontMatter
{
    public string? Slug { get; init; }
    public string Title { get; init; } = "";
    public string Type { get; init; } = "";
    public string? Latin { get; init; }
    public string? Pronunciation { get; init; }
    public string? Summary { get; init; }
    public IReadOnlyList<string> Aliases { get; init; } = [];
    public IReadOnlyList<KeyFactSource> KeyFacts { get; init; } = [];
    public IReadOnlyList<RelationSource> Relations { get; init; } = [];
    public string? Ta2 { get; init; }
    public string? Fma { get; init; }
    public IReadOnlyList<LineText> Sources { get; init; } = [];
    public IReadOnlyList<LineText> RedirectFrom { get; init; } = [];
    public IReadOnlyDictionary<string, string> RetiredIds { get; init; } = new Dictionary<string, string>();
    public DateOnly? Updated { get; init; }

    /// <summary>A page still being written: checked like any other, never published.</summary>
    public bool Draft { get; init; }

    /// <summary>Where a region comes among the regions it sits beside (1 first), as a student meets them: the gluteal
    /// region before the thigh, the thigh before the knee. Regions without one follow, by title.</summary>
    public int? Order { get; init; }
}

/// <summary>A piece of text with the file line it came from.</summary>
public sealed record LineText(string Text, int Line);

public sealed record KeyFactSource(string Key, string Markdown, int Line);

public sealed record RelationSource(string Kind, string TargetSlug, int Line);
