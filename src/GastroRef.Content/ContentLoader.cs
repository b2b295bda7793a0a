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
        public required string Path { get; init; }
        public required string Hash { get; init; }
        public FrontMatter? FrontMatter { get; set; }
        public ParsedArticle? Article { get; set; }
        public int BodyStartLine { get; set; }
        public string? Slug { get; set; }
        public HashSet<string> Ids { get; } = new(StringComparer.Ordinal);
        public List<ContentProblem> Problems { get; } = [];
    }

    public static ContentSet Load(string root)
    {
        ArgumentNullException.ThrowIfNull(root);
        var problems = new List<ContentProblem>();
        if (!Directory.Exists(root))
        {
            throw new DirectoryNotFoundException($"The content folder '{root}' does not exist.");
        }

        var files = Directory.EnumerateFiles(root, "*.md", SearchOption.AllDirectories)
            .Select(full => (Full: full, Relative: Path.GetRelativePath(root, full).Replace('\\', '/')))
            .Where(f => !IsIgnored(f.Relative))
            .OrderBy(f => f.Relative, StringComparer.Ordinal)
            .Select(f => ReadFile(f.Full, f.Relative))
            .ToList();

        AssignSlugs(files);
        var bySlug = files.Where(f => f.Slug is not null).ToDictionary(f => f.Slug!, StringComparer.Ordinal);
        var byPath = files.Where(f => f.Slug is not null).ToDictionary(f => f.Path, f => f.Slug!, StringComparer.Ordinal);
        var redirects = CheckRedirects(files, bySlug);
        CheckPartOfLoops(files, bySlug);

        var documents = new List<StructureDocument>();
        var rejected = new List<string>();
        foreach (var file in files)
        {
            var document = file.FrontMatter is null || file.Article is null || file.Slug is null
                ? null
                : Build(file, byPath, bySlug);
            CheckRelations(file, bySlug, redirects);
            problems.AddRange(file.Problems);
            if (document is null || file.Problems.Any(p => p.IsError))
            {
                rejected.Add(file.Path);
            }
            else
            {
                documents.Add(document);
            }
        }

        var synonyms = SynonymsReader.Read(root, problems);
        return new ContentSet(documents, problems, rejected, synonyms);
    }

    private static bool IsIgnored(string relative) =>
        relative.Split('/').Any(part => part.StartsWith('.') || part.StartsWith('_')) ||
        string.Equals(Path.GetFileName(relative), "README.md", StringComparison.OrdinalIgnoreCase);

    private static FileState ReadFile(string fullPath, string relative)
    {
        byte[] bytes;
        try
        {
            bytes = File.ReadAllBytes(fullPath);
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            var unreadable = new FileState { Path = relative, Hash = "" };
            unreadable.Problems.Add(new(relative, 1, $"the file cannot be read: {e.Message}"));
            return unreadable;
        }

        var file = new FileState { Path = relative, Hash = Convert.ToHexStringLower(SHA256.HashData(bytes)) };
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
            if (file.Article is not null)
            {
                file.Ids.UnionWith(file.Article.Headings.Select(h => h.Id));
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

    private static StructureDocument Build(FileState file, Dictionary<string, string> byPath, Dictionary<string, FileState> bySlug)
    {
        var front = file.FrontMatter!;
        var links = new LinkContext
        {
            SourcePath = file.Path,
            OwnIds = file.Ids,
            SlugForPath = path => byPath.GetValueOrDefault(path),
            IdsForSlug = slug => bySlug.TryGetValue(slug, out var target) ? target.Ids : null,
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
            .Select(slug => (Slug: slug, Distance: EditDistance(relation.TargetSlug, slug)))
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

    /// <summary>Levenshtein distance, for "did you mean" on a mistyped slug.</summary>
    internal static int EditDistance(string a, string b)
    {
        var previous = new int[b.Length + 1];
        var current = new int[b.Length + 1];
        for (var j = 0; j <= b.Length; j++)
        {
            previous[j] = j;
        }

        for (var i = 1; i <= a.Length; i++)
        {
            current[0] = i;
            for (var j = 1; j <= b.Length; j++)
            {
                var cost = a[i - 1] == b[j - 1] ? 0 : 1;
                current[j] = Math.Min(Math.Min(current[j - 1] + 1, previous[j] + 1), previous[j - 1] + cost);
            }

            (previous, current) = (current, previous);
        }

        return previous[b.Length];
    }
}
