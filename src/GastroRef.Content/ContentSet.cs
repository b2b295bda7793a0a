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
}
