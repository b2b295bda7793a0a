namespace GastroRef.Content;

/// <summary>One file after rendering: its document (null when reused from the cache or when it failed), the
/// problems rendering gave, and what the cache keeps of it.</summary>
internal sealed record BuiltFile(StructureDocument? Document, bool Reused, IReadOnlyList<ContentProblem> Problems, CachedBuild? Build);

/// <summary>Where the links of every file may point, as the slugs were assigned in this load.</summary>
internal sealed record LinkTargets(
    IReadOnlyDictionary<string, string> SlugByPath,
    IReadOnlyDictionary<string, PlacedFile> BySlug,
    IReadOnlyDictionary<string, string>? IdSignatures);

/// <summary>The last stage of loading: renders each page, or reuses what the cache knows when its bytes, slug and
/// every link target it looked up (the file a relative link names, the sections of the page it links to) are as
/// they were.</summary>
internal static class ContentBuild
{
    public static BuiltFile BuildOrReuse(string root, PlacedFile file, LinkTargets targets)
    {
        var read = file.File;
        if (read.FrontMatter is null || read.HeadingIds is null || file.Slug is null)
        {
            return new(null, false, [], null);
        }

        if (read.Cached?.Build is { } previous && previous.Slug == file.Slug && targets.IdSignatures is { } signatures &&
            previous.Paths.All(p => targets.SlugByPath.GetValueOrDefault(p.Key) == p.Value) &&
            previous.Ids.All(p => signatures.GetValueOrDefault(p.Key) == p.Value))
        {
            return new(null, true, previous.Problems, previous);
        }

        // Taken from the cache, but something it links to changed: parse it again (the tree is not kept).
        var article = read.Article ?? ContentReader.ReadArticle(root, read);
        if (article is null)
        {
            return new(null, false, [new(file.Path, 1, "the file changed while it was being read; it will be read again")], null);
        }

        var problems = new List<ContentProblem>();
        var paths = new Dictionary<string, string?>(StringComparer.Ordinal);
        var ids = new Dictionary<string, string?>(StringComparer.Ordinal);
        var links = new LinkContext
        {
            SourcePath = file.Path,
            OwnIds = file.Ids,
            SlugForPath = path => paths[path] = targets.SlugByPath.GetValueOrDefault(path),
            IdsForSlug = slug =>
            {
                ids[slug] = targets.IdSignatures?.GetValueOrDefault(slug);

                // A page whose body cannot be read now has no known sections: do not blame the link for it.
                return targets.BySlug.TryGetValue(slug, out var target) && target.File.HeadingIds is not null ? target.Ids : null;
            },
            IsDraft = slug => targets.BySlug.TryGetValue(slug, out var target) && target.FrontMatter!.Draft && !read.FrontMatter.Draft,
        };

        StructureDocument? document;
        try
        {
            document = Render(file, article, links, problems);
        }
        catch (Exception e) when (e is not OutOfMemoryException)
        {
            // Whatever one file does to the Markdown library is that file's error, never the whole load's.
            problems.Add(new(file.Path, read.BodyStartLine, $"the page cannot be rendered ({e.Message})"));
            document = null;
        }

        return new(document, false, problems, read.Cached is null ? null : new CachedBuild(file.Slug, problems, paths, ids));
    }

    private static StructureDocument Render(PlacedFile file, ParsedArticle article, LinkContext links, List<ContentProblem> problems)
    {
        var read = file.File;
        var front = read.FrontMatter!;
        problems.AddRange(ContentRules.RetiredIds(file.Path, front, article.Headings));

        var (lead, sections) = ArticleRenderer.Render(article, links, read.BodyStartLine, front.RetiredIds, problems);
        var keyFacts = front.KeyFacts
            .Select(f => (Fact: f, Rendered: ArticleRenderer.RenderInline(f.Markdown, links, f.Line, problems, pageUrl: StructureUrls.Article(file.Slug ?? ""))))
            .OrderBy(f => ContentSchema.KeyFactPosition(front.Type, f.Fact.Key))
            .Select(f => new RenderedKeyFact(f.Fact.Key, ContentSchema.KeyFactLabel(f.Fact.Key), f.Rendered.Html, f.Rendered.Text))
            .ToList();
        var sources = front.Sources.Select(s => ArticleRenderer.RenderInline(s.Text, links, s.Line, problems)).ToList();

        problems.AddRange(ContentRules.Completeness(file.Path, front, read.BodyStartLine, sections));
        var words = ContentMarkdown.CountWords(lead.Text) + sections.Sum(s => ContentMarkdown.CountWords(s.Title) + ContentMarkdown.CountWords(s.Text));
        return new StructureDocument
        {
            Slug = file.Slug!,
            SourcePath = file.Path,
            ContentHash = read.Hash,
            Title = front.Title,
            Type = front.Type,
            Latin = front.Latin,
            Pronunciation = front.Pronunciation,
            Summary = front.Summary,
            Aliases = front.Aliases,
            KeyFacts = keyFacts,
            Relations = [.. front.Relations.DistinctBy(r => (r.Kind, r.TargetSlug))],
            LinkedSlugs = [.. links.LinkedSlugs.Where(s => s != file.Slug).Order(StringComparer.Ordinal)],
            Ta2 = front.Ta2,
            Fma = front.Fma,
            Sources = sources,
            RedirectFrom = [.. front.RedirectFrom.Select(r => r.Text)],
            RetiredIds = front.RetiredIds,
            Updated = front.Updated,
            Order = front.Order,
            Lead = lead,
            Sections = sections,
            WordCount = words,
        };
    }
}

/// <summary>What the last load read from each file and what its rendering depended on; keep one per content
/// folder between loads. Not for concurrent loads (the seeder loads one at a time).</summary>
public sealed class ContentCache
{
    private Dictionary<string, CachedFile> _files = new(StringComparer.Ordinal);

    /// <summary>Which file held each slug at the last load.</summary>
    internal IReadOnlyDictionary<string, string> SlugOwners { get; private set; } = new Dictionary<string, string>(StringComparer.Ordinal);

    /// <summary>Forgets everything, so the next load reads every file (use it when what was loaded could not be stored).</summary>
    public void Clear() => Replace(new(StringComparer.Ordinal), new(StringComparer.Ordinal));

    internal CachedFile? Find(string path, string hash) => _files.TryGetValue(path, out var cached) && cached.Hash == hash ? cached : null;

    /// <summary>The stamp of the bytes the cache knows for a file, with their hash (see <see cref="ContentFiles.FileStamp"/>).</summary>
    internal (ContentFiles.FileStamp Stamp, string Hash)? KnownStamp(string path) =>
        _files.TryGetValue(path, out var cached) && cached.Stamp is { } stamp ? (stamp, cached.Hash) : null;

    internal void Replace(Dictionary<string, CachedFile> files, Dictionary<string, string> slugOwners)
    {
        _files = files;
        SlugOwners = slugOwners;
    }
}

/// <summary>What reading one file gave (its front matter, heading ids and problems), without the syntax tree, and
/// what its last rendering depended on (null when it was not rendered, or was rejected and so never stored).</summary>
internal sealed record CachedFile(
    string Hash, FrontMatter? FrontMatter, int BodyStartLine, IReadOnlyList<string>? HeadingIds, IReadOnlyList<ContentProblem> ReadProblems, CachedBuild? Build)
{
    /// <summary>The file as stat(2) saw it just before these bytes were read; while it is the same, the file is not
    /// read again. Null when the file had changed too recently to trust it.</summary>
    public ContentFiles.FileStamp? Stamp { get; init; }
}

/// <summary>What rendering one file reported, and the answers it got: the slug of each file it links to (null when
/// none) and the section ids of each page it links to, so a later load can tell whether rendering again would differ.</summary>
internal sealed record CachedBuild(string Slug, IReadOnlyList<ContentProblem> Problems, IReadOnlyDictionary<string, string?> Paths, IReadOnlyDictionary<string, string?> Ids);
