using System.Security.Cryptography;
using System.Text;

namespace GastroRef.Content;

/// <summary>Reads a content folder: every <c>*.md</c> file below it (README.md aside) and <c>synonyms.yml</c>.
/// A file with errors is reported and left out; it never stops the others from loading.</summary>
public static class ContentLoader
{
    public const string SynonymsFile = "synonyms.yml";

    private static readonly UTF8Encoding StrictUtf8 = new(encoderShouldEmitUTF8Identifier: false, throwOnInvalidBytes: true);

    private sealed class FileState
    {
        public required string FullPath { get; init; }
        public required string Path { get; init; }
        public required string Hash { get; init; }
        public FrontMatter? FrontMatter { get; set; }

        /// <summary>The parsed body; null for a file taken from the cache until it has to be rendered again.</summary>
        public ParsedArticle? Article { get; set; }

        public IReadOnlyList<string>? HeadingIds { get; set; }
        public int BodyStartLine { get; set; }
        public string? Slug { get; set; }
        public HashSet<string> Ids { get; } = new(StringComparer.Ordinal);
        public List<ContentProblem> Problems { get; } = [];
        public CachedFile? Cached { get; set; }
    }

    public static ContentSet Load(string root) => Load(root, null);

    /// <summary>Loads the folder. With a <paramref name="cache"/> kept between loads, a file whose bytes are the same
    /// and whose links resolve as before is neither parsed nor rendered again: it is listed in
    /// <see cref="ContentSet.Unchanged"/> instead of <see cref="ContentSet.Documents"/>, with the same problems.</summary>
    public static ContentSet Load(string root, ContentCache? cache)
    {
        ArgumentNullException.ThrowIfNull(root);
        var problems = new List<ContentProblem>();
        if (!Directory.Exists(root))
        {
            throw new DirectoryNotFoundException($"The content folder '{root}' does not exist.");
        }

        // Reading, parsing and rendering files are independent of each other: use every core.
        var files = Directory.EnumerateFiles(root, "*.md", SearchOption.AllDirectories)
            .Select(full => (Full: full, Relative: Path.GetRelativePath(root, full).Replace('\\', '/')))
            .Where(f => !IsIgnored(f.Relative))
            .OrderBy(f => f.Relative, StringComparer.Ordinal)
            .AsParallel().AsOrdered()
            .Select(f => ReadFile(f.Full, f.Relative, cache))
            .ToList();

        AssignSlugs(files);
        var bySlug = files.Where(f => f.Slug is not null).ToDictionary(f => f.Slug!, StringComparer.Ordinal);
        var byPath = files.Where(f => f.Slug is not null).ToDictionary(f => f.Path, f => f.Slug!, StringComparer.Ordinal);
        var redirects = CheckRedirects(files, bySlug);
        CheckPartOfLoops(files, bySlug);
        var idSignatures = cache is null ? null : bySlug.ToDictionary(p => p.Key, p => string.Join('\n', p.Value.Ids.Order(StringComparer.Ordinal)), StringComparer.Ordinal);

        var built = files.AsParallel().AsOrdered().Select(file => BuildOrReuse(file, byPath, bySlug, idSignatures)).ToList();
        var documents = new List<StructureDocument>();
        var unchanged = new List<StructureReference>();
        var rejected = new List<string>();
        for (var i = 0; i < files.Count; i++)
        {
            var file = files[i];
            var (document, reused) = built[i];
            CheckRelations(file, bySlug, redirects);
            problems.AddRange(file.Problems);
            if ((document is null && !reused) || file.Problems.Any(p => p.IsError))
            {
                rejected.Add(file.Path);
            }
            else if (document is null)
            {
                unchanged.Add(new StructureReference(file.Slug!, file.Path));
            }
            else
            {
                documents.Add(document);
            }
        }

        if (cache is not null)
        {
            cache.Replace(files.Where(f => f.Cached is not null).ToDictionary(f => f.Path, f => f.Cached!, StringComparer.Ordinal));
        }

        var synonyms = SynonymsReader.Read(root, problems);
        var plates = Plates.PlateLoader.Load(root, bySlug.Keys);
        problems.AddRange(plates.Problems);
        return new ContentSet(documents, problems, rejected, synonyms) { Unchanged = unchanged, Plates = plates };
    }

    /// <summary>Renders the file, or reuses what the cache knows when its bytes, slug and every link target it
    /// looked up (the file a relative link names, the sections of the page it links to) are as they were.</summary>
    private static (StructureDocument? Document, bool Reused) BuildOrReuse(
        FileState file, Dictionary<string, string> byPath, Dictionary<string, FileState> bySlug, Dictionary<string, string>? idSignatures)
    {
        if (file.FrontMatter is null || file.HeadingIds is null || file.Slug is null)
        {
            return (null, false);
        }

        if (file.Cached?.Build is { } previous && previous.Slug == file.Slug && idSignatures is not null &&
            previous.Paths.All(p => byPath.GetValueOrDefault(p.Key) == p.Value) &&
            previous.Ids.All(p => idSignatures.GetValueOrDefault(p.Key) == p.Value))
        {
            file.Problems.AddRange(previous.Problems);
            return (null, true);
        }

        if (file.Article is null)
        {
            // Taken from the cache, but something it links to changed: parse it again (the tree is not kept).
            var fresh = ReadFile(file.FullPath, file.Path, null);
            file.Article = fresh.Article;
            if (file.Article is null)
            {
                file.Problems.Add(new(file.Path, 1, "the file changed while it was being read; it will be read again"));
                return (null, false);
            }
        }

        var paths = new Dictionary<string, string?>(StringComparer.Ordinal);
        var ids = new Dictionary<string, string?>(StringComparer.Ordinal);
        var before = file.Problems.Count;
        var document = Build(
            file,
            path => paths[path] = byPath.GetValueOrDefault(path),
            slug =>
            {
                ids[slug] = idSignatures?.GetValueOrDefault(slug);
                return bySlug.TryGetValue(slug, out var target) ? target.Ids : null;
            });
        if (file.Cached is not null)
        {
            file.Cached.Build = new CachedBuild(file.Slug, [.. file.Problems.Skip(before)], paths, ids);
        }

        file.Article = null;
        return (document, false);
    }

    private static bool IsIgnored(string relative) =>
        relative.Split('/').Any(part => part.StartsWith('.') || part.StartsWith('_')) ||
        string.Equals(Path.GetFileName(relative), "README.md", StringComparison.OrdinalIgnoreCase);

    private static FileState ReadFile(string fullPath, string relative, ContentCache? cache)
    {
        byte[] bytes;
        try
        {
            bytes = File.ReadAllBytes(fullPath);
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            var unreadable = new FileState { FullPath = fullPath, Path = relative, Hash = "" };
            unreadable.Problems.Add(new(relative, 1, $"the file cannot be read: {e.Message}"));
            return unreadable;
        }

        var hash = Convert.ToHexStringLower(SHA256.HashData(bytes));
        if (cache?.Find(relative, hash) is { } cached)
        {
            var reused = new FileState
            {
                FullPath = fullPath, Path = relative, Hash = hash, FrontMatter = cached.FrontMatter,
                HeadingIds = cached.HeadingIds, BodyStartLine = cached.BodyStartLine, Cached = cached,
            };
            reused.Problems.AddRange(cached.ReadProblems);
            return reused;
        }

        var file = Parse(fullPath, relative, hash, bytes);
        if (cache is not null)
        {
            file.Cached = new CachedFile(hash, file.FrontMatter, file.BodyStartLine, file.HeadingIds, [.. file.Problems]);
        }

        return file;
    }

    private static FileState Parse(string fullPath, string relative, string hash, byte[] bytes)
    {
        var file = new FileState { FullPath = fullPath, Path = relative, Hash = hash };
        if (bytes.Length > ContentMarkdown.MaxFileBytes)
        {
            file.Problems.Add(new(relative, 1, $"the file is {bytes.Length / 1024} KiB; the limit is {ContentMarkdown.MaxFileBytes / 1024} KiB"));
            return file;
        }

        string text;
        try
        {
            text = StrictUtf8.GetString(bytes).TrimStart('\uFEFF').Replace("\r\n", "\n", StringComparison.Ordinal);
        }
        catch (DecoderFallbackException)
        {
            file.Problems.Add(new(relative, 1, "the file is not valid UTF-8 text"));
            return file;
        }

        var front = FrontMatterReader.Read(relative, text, file.Problems);
        file.FrontMatter = front.FrontMatter;
        file.BodyStartLine = front.BodyStartLine;
        if (front.FrontMatter is not null)
        {
            file.Article = ArticleParser.Parse(relative, front.Body, front.BodyStartLine, file.Problems);
            file.HeadingIds = file.Article?.Headings.Select(h => h.Id).ToList();
        }

        return file;
    }

    private static void AssignSlugs(List<FileState> files)
    {
        var owners = new Dictionary<string, FileState>(StringComparer.Ordinal);
        foreach (var file in files.Where(f => f.FrontMatter is not null))
        {
            var slug = file.FrontMatter!.Slug ?? Path.GetFileNameWithoutExtension(file.Path);
            if (!FrontMatterReader.SlugPattern().IsMatch(slug))
            {
                file.Problems.Add(new(file.Path, 1, $"the file name '{slug}' is not a valid slug: rename it in lowercase kebab-case or set 'slug'"));
                continue;
            }

            if (owners.TryGetValue(slug, out var owner))
            {
                file.Problems.Add(new(file.Path, 1, $"the slug '{slug}' is already used by {owner.Path}"));
                continue;
            }

            owners[slug] = file;
            file.Slug = slug;
            if (file.HeadingIds is not null)
            {
                file.Ids.UnionWith(file.HeadingIds);
                file.Ids.UnionWith(file.FrontMatter.RetiredIds.Keys);
                file.Ids.UnionWith(["key-facts", "sources", "connections"]);
                file.Ids.UnionWith(Enumerable.Range(1, file.FrontMatter.Sources.Count).Select(n => $"source-{n}"));
            }
        }
    }

    private static Dictionary<string, string> CheckRedirects(List<FileState> files, Dictionary<string, FileState> bySlug)
    {
        var redirects = new Dictionary<string, string>(StringComparer.Ordinal);
        foreach (var file in files.Where(f => f.Slug is not null))
        {
            foreach (var old in file.FrontMatter!.RedirectFrom)
            {
                if (bySlug.TryGetValue(old.Text, out var owner))
                {
                    file.Problems.Add(new(file.Path, old.Line, $"redirect_from '{old.Text}' is the slug of {owner.Path}"));
                }
                else if (!redirects.TryAdd(old.Text, file.Slug!))
                {
                    file.Problems.Add(new(file.Path, old.Line, $"redirect_from '{old.Text}' is claimed by another page too"));
                }
            }
        }

        return redirects;
    }

    private static StructureDocument Build(FileState file, Func<string, string?> slugForPath, Func<string, IReadOnlySet<string>?> idsForSlug)
    {
        var front = file.FrontMatter!;
        var links = new LinkContext
        {
            SourcePath = file.Path,
            OwnIds = file.Ids,
            SlugForPath = slugForPath,
            IdsForSlug = idsForSlug,
        };

        foreach (var (old, current) in front.RetiredIds)
        {
            if (!file.Article!.Headings.Any(h => h.Id == current))
            {
                file.Problems.Add(new(file.Path, 1, $"retired_ids maps '{old}' to '{current}', which is not a section of this page"));
            }
            else if (file.Article.Headings.Any(h => h.Id == old))
            {
                file.Problems.Add(new(file.Path, 1, $"retired id '{old}' is still the id of a section"));
            }
        }

        var (lead, sections) = ArticleRenderer.Render(file.Article!, links, file.BodyStartLine, front.RetiredIds, file.Problems);
        var keyFacts = front.KeyFacts
            .Select(f => (Fact: f, Rendered: ArticleRenderer.RenderInline(f.Markdown, links, f.Line, file.Problems)))
            .OrderBy(f => IndexOfKeyFact(f.Fact.Key))
            .Select(f => new RenderedKeyFact(f.Fact.Key, ContentSchema.KeyFactLabel(f.Fact.Key), f.Rendered.Html, f.Rendered.Text))
            .ToList();
        var sources = front.Sources.Select(s => ArticleRenderer.RenderInline(s.Text, links, s.Line, file.Problems)).ToList();

        CheckCompleteness(file, sections);
        var words = ContentMarkdown.CountWords(lead.Text) + sections.Sum(s => ContentMarkdown.CountWords(s.Title) + ContentMarkdown.CountWords(s.Text));
        return new StructureDocument
        {
            Slug = file.Slug!,
            SourcePath = file.Path,
            ContentHash = file.Hash,
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
            Lead = lead,
            Sections = sections,
            WordCount = words,
        };
    }

    private static int IndexOfKeyFact(string key)
    {
        for (var i = 0; i < ContentSchema.KeyFactLabels.Count; i++)
        {
            if (ContentSchema.KeyFactLabels[i].Key == key)
            {
                return i;
            }
        }

        return int.MaxValue;
    }

    private static void CheckCompleteness(FileState file, IReadOnlyList<ArticleSection> sections)
    {
        var front = file.FrontMatter!;
        if (string.IsNullOrEmpty(front.Type))
        {
            return;
        }

        var missing = ContentSchema.RequiredSectionsByType[front.Type].Where(id => sections.All(s => s.Id != id)).ToList();
        if (missing.Count > 0)
        {
            file.Problems.Add(new(file.Path, file.BodyStartLine, $"a {front.Type} page should have the sections: {string.Join(", ", missing)}", ProblemSeverity.Warning));
        }

        if (front.Sources.Count < 2)
        {
            file.Problems.Add(new(file.Path, 1, "list at least two sources", ProblemSeverity.Warning));
        }

        if (front.Summary is null)
        {
            file.Problems.Add(new(file.Path, 1, "add a one-sentence 'summary'", ProblemSeverity.Warning));
        }

        if (front.Updated is null)
        {
            file.Problems.Add(new(file.Path, 1, "add 'updated: YYYY-MM-DD'", ProblemSeverity.Warning));
        }
    }

    /// <summary>Each relation must name another page that exists and whose type fits the relation: a muscle is
    /// innervated by a nerve, not an artery. Problems point at the line of the slug.</summary>
    private static void CheckRelations(FileState file, Dictionary<string, FileState> bySlug, Dictionary<string, string> redirects)
    {
        if (file.FrontMatter is null || file.Slug is null)
        {
            return;
        }

        var type = file.FrontMatter.Type;
        var stated = new Dictionary<(string Kind, string Target), int>();
        foreach (var relation in file.FrontMatter.Relations)
        {
            var kind = ContentSchema.FindRelationKind(relation.Kind)!;
            if (relation.TargetSlug == file.Slug)
            {
                file.Problems.Add(new(file.Path, relation.Line, $"{relation.Kind} names the page itself"));
                continue;
            }

            if (!stated.TryAdd((relation.Kind, relation.TargetSlug), relation.Line))
            {
                file.Problems.Add(new(file.Path, relation.Line, $"{relation.Kind} '{relation.TargetSlug}' is already stated on line {stated[(relation.Kind, relation.TargetSlug)]}", ProblemSeverity.Warning));
                continue;
            }

            if (!bySlug.TryGetValue(relation.TargetSlug, out var target))
            {
                file.Problems.Add(new(file.Path, relation.Line, UnknownSlugMessage(relation, bySlug, redirects)));
                continue;
            }

            var targetType = target.FrontMatter!.Type;
            if (type.Length > 0 && kind.SourceTypes is { } sources && !sources.Contains(type))
            {
                var hint = type == "condition" ? "; link a condition to the structures it affects with 'related'" : $" (it is for {DescribeTypes(sources)})";
                file.Problems.Add(new(file.Path, relation.Line, $"{ContentSchema.WithArticle(type)} cannot have '{relation.Kind}'{hint}"));
            }
            else if (targetType.Length > 0 && kind.TargetTypes is { } targets && !targets.Contains(targetType))
            {
                file.Problems.Add(new(file.Path, relation.Line,
                    $"{relation.Kind} '{relation.TargetSlug}' is {ContentSchema.WithArticle(targetType)} ({target.Path}); it must be {DescribeTypes(targets, withArticle: true)}"));
            }
            else if (kind.SameType && type.Length > 0 && targetType.Length > 0 && type != targetType)
            {
                file.Problems.Add(new(file.Path, relation.Line,
                    $"{relation.Kind} '{relation.TargetSlug}' is {ContentSchema.WithArticle(targetType)} ({target.Path}); {ContentSchema.WithArticle(type)} branches from {ContentSchema.WithArticle(type)}"));
            }
        }
    }

    private static string UnknownSlugMessage(RelationSource relation, Dictionary<string, FileState> bySlug, Dictionary<string, string> redirects)
    {
        var message = $"{relation.Kind}: no structure has the slug '{relation.TargetSlug}'";
        if (redirects.TryGetValue(relation.TargetSlug, out var renamed))
        {
            return $"{message}; it was renamed to '{renamed}'";
        }

        var closest = bySlug.Keys
            .Select(slug => (Slug: slug, Distance: EditDistance.Between(relation.TargetSlug, slug)))
            .Where(p => p.Distance <= Math.Max(2, relation.TargetSlug.Length / 4))
            .OrderBy(p => p.Distance)
            .ThenBy(p => p.Slug, StringComparer.Ordinal)
            .Select(p => p.Slug)
            .FirstOrDefault();
        return closest is null ? message : $"{message}; did you mean '{closest}'?";
    }

    /// <summary>A structure that is part of itself, however far up, has no place in the hierarchy: every
    /// part_of line of the loop is an error, so breadcrumbs and region membership never go round in circles.</summary>
    private static void CheckPartOfLoops(List<FileState> files, Dictionary<string, FileState> bySlug)
    {
        var parents = files
            .Where(f => f.Slug is not null)
            .ToDictionary(
                f => f.Slug!,
                f => f.FrontMatter!.Relations.Where(r => r.Kind == "part_of" && r.TargetSlug != f.Slug && bySlug.ContainsKey(r.TargetSlug)).ToList(),
                StringComparer.Ordinal);

        // Depth-first search with the path on a stack: an edge back into the path closes a loop.
        var done = new HashSet<string>(StringComparer.Ordinal);
        var onPath = new List<string>();
        foreach (var start in parents.Keys.Order(StringComparer.Ordinal))
        {
            Visit(start);
        }

        void Visit(string slug)
        {
            if (done.Contains(slug))
            {
                return;
            }

            onPath.Add(slug);
            foreach (var edge in parents[slug])
            {
                var back = onPath.IndexOf(edge.TargetSlug);
                if (back >= 0)
                {
                    ReportLoop([.. onPath[back..]]);
                }
                else
                {
                    Visit(edge.TargetSlug);
                }
            }

            onPath.RemoveAt(onPath.Count - 1);
            done.Add(slug);
        }

        void ReportLoop(List<string> loop)
        {
            var shown = string.Join(" → ", loop.Append(loop[0]));
            for (var i = 0; i < loop.Count; i++)
            {
                var from = bySlug[loop[i]];
                var to = loop[(i + 1) % loop.Count];
                var line = from.FrontMatter!.Relations.First(r => r.Kind == "part_of" && r.TargetSlug == to).Line;
                from.Problems.Add(new(from.Path, line, $"part_of '{to}' makes a loop: {shown}"));
            }
        }
    }

    private static string DescribeTypes(string[] types, bool withArticle = false)
    {
        if (types.Length == ContentSchema.AnatomyTypes.Count && ContentSchema.AnatomyTypes.All(types.Contains))
        {
            return withArticle ? "an anatomical structure (not a condition)" : "anatomical structures, not conditions";
        }

        var labels = types.Select(t => withArticle ? ContentSchema.WithArticle(t) : ContentSchema.TypeLabel(t)).ToList();
        return labels.Count == 1 ? labels[0] : $"{string.Join(", ", labels[..^1])} or {labels[^1]}";
    }
}

/// <summary>What the last load read from each file and what its rendering depended on; keep one per content
/// folder between loads. Not for concurrent loads (the seeder loads one at a time).</summary>
public sealed class ContentCache
{
    private Dictionary<string, CachedFile> _files = new(StringComparer.Ordinal);

    public int Count => _files.Count;

    /// <summary>Forgets everything, so the next load reads every file (use it when what was loaded could not be stored).</summary>
    public void Clear() => _files = new(StringComparer.Ordinal);

    internal CachedFile? Find(string path, string hash) => _files.TryGetValue(path, out var cached) && cached.Hash == hash ? cached : null;

    internal void Replace(Dictionary<string, CachedFile> files) => _files = files;
}

/// <summary>What reading one file gave (its front matter, heading ids and problems), without the syntax tree.</summary>
internal sealed record CachedFile(string Hash, FrontMatter? FrontMatter, int BodyStartLine, IReadOnlyList<string>? HeadingIds, IReadOnlyList<ContentProblem> ReadProblems)
{
    public CachedBuild? Build { get; set; }
}

/// <summary>What rendering one file reported, and the answers it got: the slug of each file it links to (null when
/// none) and the section ids of each page it links to, so a later load can tell whether rendering again would differ.</summary>
internal sealed record CachedBuild(string Slug, IReadOnlyList<ContentProblem> Problems, IReadOnlyDictionary<string, string?> Paths, IReadOnlyDictionary<string, string?> Ids);
