namespace GastroRef.Content;

/// <summary>What a content folder holds: the valid documents, every problem found, the files that could
/// not be used (so the store keeps their last good version) and the search synonyms.</summary>
public sealed record ContentSet(
    IReadOnlyList<StructureDocument> Documents,
    IReadOnlyList<ContentProblem> Problems,
    IReadOnlyList<string> RejectedPaths,
    IReadOnlyDictionary<string, IReadOnlyList<string>> Synonyms)
{
    public IEnumerable<ContentProblem> Errors => Problems.Where(p => p.IsError);

    /// <summary>Valid structures that a load with a <see cref="ContentCache"/> found exactly as at the previous
    /// load (same bytes, same link targets), so it did not render them again. Not in <see cref="Documents"/>.</summary>
    public IReadOnlyList<StructureReference> Unchanged { get; init; } = [];

    /// <summary>Files marked <c>draft: true</c> that have no errors: checked, never published.</summary>
    public IReadOnlyList<string> Drafts { get; init; } = [];
    /// <summary>The atlas plates under <c>plates/</c> (their problems are in <see cref="Problems"/> too).</summary>
    public Plates.PlateSet Plates { get; init; } = GastroRef.Content.Plates.PlateSet.Empty;
}

/// <summary>A structure known by its slug and file only.</summary>
public sealed record StructureReference(string Slug, string SourcePath);
