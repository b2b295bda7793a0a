using System.Text;

namespace GastroRef.Content;

/// <summary>What reading one file gave: its front matter, its parsed body and the problems found so far.
/// <see cref="Article"/> is null for a file taken from the cache (the syntax tree is not kept) or one that failed.</summary>
internal sealed record ReadFile(
    string FullPath,
    string Path,
    string Hash,
    FrontMatter? FrontMatter,
    int BodyStartLine,
    IReadOnlyList<string>? HeadingIds,
    ParsedArticle? Article,
    IReadOnlyList<ContentProblem> Problems,
    CachedFile? Cached);

/// <summary>The first stage of loading: one file's bytes to front matter and a parsed body, or its problems.</summary>
internal static class ContentReader
{
    private static readonly UTF8Encoding StrictUtf8 = new(encoderShouldEmitUTF8Identifier: false, throwOnInvalidBytes: true);

    /// <summary>Reads and parses the file, or takes what the cache knows when its bytes are the same (or, not even
    /// read, when its stamp is the one the cache keeps).</summary>
    public static ReadFile Read(string root, string fullPath, string path, ContentCache? cache)
    {
        var bytes = ContentFiles.Read(root, fullPath, path, cache?.KnownStamp(path));
        if (bytes.Problem is { } problem)
        {
            return new(fullPath, path, "", null, 1, null, null, [problem], null);
        }

        if (cache?.Find(path, bytes.Hash) is { } cached)
        {
            return new(fullPath, path, bytes.Hash, cached.FrontMatter, cached.BodyStartLine, cached.HeadingIds, null, cached.ReadProblems, cached with { Stamp = bytes.Stamp });
        }

        var file = Parse(fullPath, path, bytes.Hash, bytes.Bytes ?? throw new InvalidOperationException($"{path} was not read, yet the cache does not know it."));
        return cache is null ? file : file with
        {
            Cached = new CachedFile(bytes.Hash, file.FrontMatter, file.BodyStartLine, file.HeadingIds, file.Problems, Build: null) { Stamp = bytes.Stamp },
        };
    }

    /// <summary>Reads the file again for its syntax tree (a cached file whose link targets changed); null when its
    /// bytes are no longer the ones the cache knew.</summary>
    public static ParsedArticle? ReadArticle(string root, ReadFile file)
    {
        var again = Read(root, file.FullPath, file.Path, null);
        return again.Hash == file.Hash ? again.Article : null;
    }

    /// <summary>A draft's TODOs, one warning per line, so the editor sees what is left before it can be published.</summary>
    private static IEnumerable<ContentProblem> Todos(string path, string text) =>
        text.Split('\n')
            .Select((line, index) => (Line: line, Number: index + 1))
            .Where(l => l.Line.Contains("TODO", StringComparison.Ordinal))
            .Select(l => new ContentProblem(path, l.Number, $"draft: {ContentMarkdown.CollapseWhitespace(l.Line)}", ProblemSeverity.Warning));

    private static ReadFile Parse(string fullPath, string path, string hash, byte[] bytes)
    {
        var problems = new List<ContentProblem>();
        try
        {
            string text;
            try
            {
                text = StrictUtf8.GetString(bytes).TrimStart('\uFEFF').Replace("\r\n", "\n", StringComparison.Ordinal);
            }
            catch (DecoderFallbackException)
            {
                return new(fullPath, path, hash, null, 1, null, null, [new(path, 1, "the file is not valid UTF-8 text")], null);
            }

            var front = FrontMatterReader.Read(path, text, problems);
            if (front.FrontMatter is null)
            {
                return new(fullPath, path, hash, null, front.BodyStartLine, null, null, problems, null);
            }

            var article = ArticleParser.Parse(path, front.Body, front.BodyStartLine, problems);
            if (front.FrontMatter.Draft)
            {
                problems.AddRange(Todos(path, text));
            }

            return new(fullPath, path, hash, front.FrontMatter, front.BodyStartLine, article?.Headings.Select(h => h.Id).ToList(), article, problems, null);
        }
        catch (Exception e) when (e is not OutOfMemoryException)
        {
            // Whatever one file does to the YAML or Markdown library is that file's error, never the whole load's.
            return new(fullPath, path, hash, null, 1, null, null, [.. problems, new(path, 1, $"the file cannot be read ({e.Message})")], null);
        }
    }
}
