namespace GastroRef.Content;

/// <summary>Reads a content folder: every <c>*.md</c> file below it (README.md aside) and <c>synonyms.yml</c>.
/// A file with errors is reported and left out; it never stops the others from loading. The stages are
/// <see cref="ContentReader"/> (bytes to front matter and syntax tree), <see cref="ContentRules"/> (what must hold
/// across files) and <see cref="ContentBuild"/> (rendering, with the incremental cache).</summary>
public static class ContentLoader
{
    public const string SynonymsFile = "synonyms.yml";

    public static ContentSet Load(string root) => Load(root, null, null);

    public static ContentSet Load(string root, ContentCache? cache) => Load(root, cache, null);

    /// <summary>Loads the folder. With a <paramref name="cache"/> kept between loads, a file whose bytes are the same
    /// and whose links resolve as before is neither parsed nor rendered again: it is listed in
    /// <see cref="ContentSet.Unchanged"/> instead of <see cref="ContentSet.Documents"/>, with the same problems.</summary>
    /// <remarks>A slug claimed by two files stays with the file that holds it now: the one
    /// <paramref name="slugOwners"/> names (slug to content-relative path: for the site, what the store holds),
    /// else the one that held it at the cache's previous load, else the file whose path sorts first.</remarks>
    public static ContentSet Load(string root, ContentCache? cache, IReadOnlyDictionary<string, string>? slugOwners)
    {
        ArgumentNullException.ThrowIfNull(root);
        if (!Directory.Exists(root))
        {
            throw new DirectoryNotFoundException($"The content folder '{root}' does not exist.");
        }

        // Reading, parsing and rendering files are independent of each other: use every core.
        var read = ContentFiles.Find(root)
            .AsParallel().AsOrdered()
            .Select(f => ContentReader.Read(root, f.FullPath, f.Path, cache))
            .ToList();

        var acrossFiles = new List<ContentProblem>();
        var owners = slugOwners ?? cache?.SlugOwners ?? new Dictionary<string, string>();
        var placed = ContentRules.AssignSlugs(read, owners, acrossFiles);
        var bySlug = placed.Where(f => f.Slug is not null).ToDictionary(f => f.Slug!, StringComparer.Ordinal);
        var redirects = ContentRules.Redirects(placed, bySlug, acrossFiles);
        acrossFiles.AddRange(ContentRules.PartOfLoops(placed, bySlug));
        acrossFiles.AddRange(ContentRules.Aliases(placed));

        // A link to a file that cannot be read now stands for that page's last good version: only its own error counts.
        var broken = ContentRules.BrokenFileSlugs(read, owners);
        var brokenSlugs = broken.Values.Where(slug => !bySlug.ContainsKey(slug)).ToHashSet(StringComparer.Ordinal);
        var slugByPath = bySlug.Values.ToDictionary(f => f.Path, f => f.Slug!, StringComparer.Ordinal);
        foreach (var (path, slug) in broken.Where(b => brokenSlugs.Contains(b.Value)))
        {
            slugByPath[path] = slug;
        }

        var targets = new LinkTargets(
            slugByPath,
            bySlug,
            cache is null ? null : bySlug.ToDictionary(p => p.Key, p => Signature(p.Value), StringComparer.Ordinal));

        var built = placed.AsParallel().AsOrdered().Select(file => ContentBuild.BuildOrReuse(root, file, targets)).ToList();
        var acrossByPath = acrossFiles.ToLookup(p => p.Path, StringComparer.Ordinal);
        var problems = new List<ContentProblem>();
        var documents = new List<StructureDocument>();
        var unchanged = new List<StructureReference>();
        var rejected = new List<string>();
        var drafts = new List<string>();
        var cached = new Dictionary<string, CachedFile>(StringComparer.Ordinal);
        for (var i = 0; i < placed.Count; i++)
        {
            var file = placed[i];
            var build = built[i];
            List<ContentProblem> own = [.. file.File.Problems, .. acrossByPath[file.Path], .. build.Problems, .. ContentRules.Relations(file, bySlug, redirects, brokenSlugs)];
            problems.AddRange(own);
            var isRejected = (build.Document is null && !build.Reused) || own.Any(p => p.IsError);
            if (isRejected)
            {
                rejected.Add(file.Path);
            }
            else if (file.FrontMatter!.Draft)
            {
                // Checked like any page, never published: the store drops any earlier version of it.
                drafts.Add(file.Path);
            }
            else if (build.Document is null)
            {
                unchanged.Add(new StructureReference(file.Slug!, file.Path));
            }
            else
            {
                documents.Add(build.Document);
            }

            // A rejected file was not stored: the next load must build it again rather than call it unchanged.
            if (file.File.Cached is { } entry)
            {
                cached[file.Path] = entry with { Build = isRejected ? null : build.Build };
            }
        }

        cache?.Replace(cached, bySlug.ToDictionary(p => p.Key, p => p.Value.Path, StringComparer.Ordinal));
        var synonyms = SynonymsReader.Read(root, problems);
        // A page whose file is broken keeps its last good version, so plates that draw it stay valid.
        var plates = Plates.PlateLoader.Load(root, [.. bySlug.Keys, .. brokenSlugs]);
        problems.AddRange(plates.Problems);
        return new ContentSet(documents, problems, rejected, synonyms) { Unchanged = unchanged, Drafts = drafts, Plates = plates };
    }

    /// <summary>What another page's rendering depends on: its section ids, and whether it is a draft.</summary>
    private static string Signature(PlacedFile file) =>
        (file.FrontMatter!.Draft ? "draft\n" : "") + (file.File.HeadingIds is null ? "unread\n" : "") + string.Join('\n', file.Ids.Order(StringComparer.Ordinal));
}
