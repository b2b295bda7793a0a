namespace GastroRef.Content;

/// <summary>A file with its slug (null when it has none) and the ids a link may target on its page.</summary>
internal sealed record PlacedFile(ReadFile File, string? Slug, IReadOnlySet<string> Ids)
{
    public string Path => File.Path;

    public FrontMatter? FrontMatter => File.FrontMatter;
}

/// <summary>The rules that hold across files and within one page: slugs, redirects, relations, the part_of
/// hierarchy, retired ids and completeness. Each rule returns the problems it found; none changes its input.</summary>
internal static class ContentRules
{
    private static readonly IReadOnlySet<string> NoIds = new HashSet<string>();

    /// <summary>Gives each file its slug. A slug two files claim stays with the file that holds it already
    /// (<paramref name="owners"/>), else with the file whose path sorts first; the other file gets the error. A file
    /// that holds a slug but cannot be read now keeps it too, so a newcomer never takes a broken page's place.</summary>
    public static IReadOnlyList<PlacedFile> AssignSlugs(IReadOnlyList<ReadFile> files, IReadOnlyDictionary<string, string> owners, List<ContentProblem> problems)
    {
        var claims = new List<(ReadFile File, string Slug)>();
        foreach (var file in files.Where(f => f.FrontMatter is not null))
        {
            var slug = file.FrontMatter!.Slug ?? System.IO.Path.GetFileNameWithoutExtension(file.Path);
            if (!FrontMatterReader.SlugPattern().IsMatch(slug))
            {
                problems.Add(new(file.Path, 1, $"the file name '{slug}' is not a valid slug: rename it in lowercase kebab-case or set 'slug'"));
                continue;
            }

            claims.Add((file, slug));
        }

        var unreadable = files.Where(f => f.FrontMatter is null).Select(f => f.Path).ToHashSet(StringComparer.Ordinal);
        var slugs = new Dictionary<string, string>(StringComparer.Ordinal);
        foreach (var group in claims.GroupBy(c => c.Slug, StringComparer.Ordinal))
        {
            var slug = group.Key;
            var established = owners.GetValueOrDefault(slug);
            var winner = group.FirstOrDefault(c => c.File.Path == established).File;
            if (winner is null && established is not null && unreadable.Contains(established))
            {
                problems.AddRange(group.Select(c => new ContentProblem(c.File.Path, 1, $"the slug '{slug}' belongs to {established}, which has errors; give this page another slug")));
                continue;
            }

            winner ??= group.First().File;
            problems.AddRange(group.Where(c => c.File != winner)
                .Select(c => new ContentProblem(c.File.Path, 1, $"the slug '{slug}' is already used by {winner.Path}; give this page another slug")));
            slugs[winner.Path] = slug;
        }

        return [.. files.Select(f => slugs.TryGetValue(f.Path, out var slug) ? new PlacedFile(f, slug, LinkTargets(f)) : new PlacedFile(f, null, NoIds))];
    }

    /// <summary>The ids a link may name on a page: its sections, its retired ids and what the page itself adds.</summary>
    private static HashSet<string> LinkTargets(ReadFile file)
    {
        var ids = new HashSet<string>(StringComparer.Ordinal);
        if (file.HeadingIds is not null)
        {
            var front = file.FrontMatter!;
            ids.UnionWith(file.HeadingIds);
            ids.UnionWith(front.RetiredIds.Keys);
            ids.UnionWith(["key-facts", "sources", "connections"]);
            ids.UnionWith(Enumerable.Range(1, front.Sources.Count).Select(n => $"source-{n}"));
        }

        return ids;
    }

    /// <summary>The old slugs that redirect to each page; an old slug may be neither a page's slug nor claimed twice.</summary>
    public static Dictionary<string, string> Redirects(IReadOnlyList<PlacedFile> files, IReadOnlyDictionary<string, PlacedFile> bySlug, List<ContentProblem> problems)
    {
        var redirects = new Dictionary<string, string>(StringComparer.Ordinal);
        foreach (var file in files.Where(f => f.Slug is not null))
        {
            foreach (var old in file.FrontMatter!.RedirectFrom)
            {
                if (bySlug.TryGetValue(old.Text, out var owner))
                {
                    problems.Add(new(file.Path, old.Line, $"redirect_from '{old.Text}' is the slug of {owner.Path}"));
                }
                else if (!redirects.TryAdd(old.Text, file.Slug!))
                {
                    problems.Add(new(file.Path, old.Line, $"redirect_from '{old.Text}' is claimed by another page too"));
                }
            }
        }

        return redirects;
    }

    /// <summary>Each retired id must map to a section the page has, and no longer be a section's id itself.</summary>
    public static IEnumerable<ContentProblem> RetiredIds(string path, FrontMatter front, IReadOnlyList<HeadingInfo> headings)
    {
        foreach (var (old, current) in front.RetiredIds)
        {
            if (!headings.Any(h => h.Id == current))
            {
                yield return new(path, 1, $"retired_ids maps '{old}' to '{current}', which is not a section of this page");
            }
            else if (headings.Any(h => h.Id == old))
            {
                yield return new(path, 1, $"retired id '{old}' is still the id of a section");
            }
        }
    }

    /// <summary>What a page of its type should have: warnings, so a page can go live while it grows.</summary>
    public static IEnumerable<ContentProblem> Completeness(string path, FrontMatter front, int bodyStartLine, IReadOnlyList<ArticleSection> sections)
    {
        if (string.IsNullOrEmpty(front.Type))
        {
            yield break;
        }

        var missing = ContentSchema.RequiredSectionsByType[front.Type].Where(id => sections.All(s => s.Id != id)).ToList();
        if (missing.Count > 0)
        {
            yield return new(path, bodyStartLine, $"a {front.Type} page should have the sections: {string.Join(", ", missing)}", ProblemSeverity.Warning);
        }

        if (front.Sources.Count < 2)
        {
            yield return new(path, 1, "list at least two sources", ProblemSeverity.Warning);
        }

        if (front.Summary is null)
        {
            yield return new(path, 1, "add a one-sentence 'summary'", ProblemSeverity.Warning);
        }

        if (front.Updated is null)
        {
            yield return new(path, 1, "add 'updated: YYYY-MM-DD'", ProblemSeverity.Warning);
        }
    }

    /// <summary>Each relation must name another page that exists and whose type fits the relation: a muscle is
    /// innervated by a nerve, not an artery. Problems point at the line of the slug.</summary>
    /// <remarks>A slug in <paramref name="broken"/> is a page whose file has errors now: the site keeps its last good
    /// version, so a relation to it is not reported (its file's own error is).</remarks>
    public static IEnumerable<ContentProblem> Relations(
        PlacedFile file, IReadOnlyDictionary<string, PlacedFile> bySlug, IReadOnlyDictionary<string, string> redirects, IReadOnlySet<string> broken)
    {
        if (file.FrontMatter is null || file.Slug is null)
        {
            yield break;
        }

        var type = file.FrontMatter.Type;
        var stated = new Dictionary<(string Kind, string Target), int>();
        foreach (var relation in file.FrontMatter.Relations)
        {
            var kind = ContentSchema.FindRelationKind(relation.Kind)!;
            if (relation.TargetSlug == file.Slug)
            {
                yield return new(file.Path, relation.Line, $"{relation.Kind} names the page itself");
                continue;
            }

            if (!stated.TryAdd((relation.Kind, relation.TargetSlug), relation.Line))
            {
                yield return new(file.Path, relation.Line, $"{relation.Kind} '{relation.TargetSlug}' is already stated on line {stated[(relation.Kind, relation.TargetSlug)]}", ProblemSeverity.Warning);
                continue;
            }

            if (!bySlug.TryGetValue(relation.TargetSlug, out var target))
            {
                if (!broken.Contains(relation.TargetSlug))
                {
                    yield return new(file.Path, relation.Line, UnknownSlugMessage(relation, bySlug, redirects));
                }

                continue;
            }

            if (target.FrontMatter!.Draft && !file.FrontMatter.Draft)
            {
                yield return new(file.Path, relation.Line, $"{relation.Kind} '{relation.TargetSlug}' is a draft ({target.Path}); it is not published yet");
                continue;
            }

            var targetType = target.FrontMatter!.Type;
            if (type.Length > 0 && kind.SourceTypes is { } sources && !sources.Contains(type))
            {
                var hint = type == "condition" ? "; link a condition to the structures it affects with 'related'" : $" (it is for {DescribeTypes(sources)})";
                yield return new(file.Path, relation.Line, $"{ContentSchema.WithArticle(type)} cannot have '{relation.Kind}'{hint}");
            }
            else if (targetType.Length > 0 && kind.TargetTypes is { } targets && !targets.Contains(targetType))
            {
                yield return new(file.Path, relation.Line,
                    $"{relation.Kind} '{relation.TargetSlug}' is {ContentSchema.WithArticle(targetType)} ({target.Path}); it must be {DescribeTypes(targets, withArticle: true)}");
            }
            else if (kind.SameType && type.Length > 0 && targetType.Length > 0 && type != targetType)
            {
                yield return new(file.Path, relation.Line,
                    $"{relation.Kind} '{relation.TargetSlug}' is {ContentSchema.WithArticle(targetType)} ({target.Path}); {ContentSchema.WithArticle(type)} branches from {ContentSchema.WithArticle(type)}");
            }
        }
    }

    /// <summary>The slug of each file that cannot be read now (its front matter has errors): the one the store or the
    /// previous load knew it by, else its file name. Links and relations to it stand for its last good version.</summary>
    public static Dictionary<string, string> BrokenFileSlugs(IReadOnlyList<ReadFile> files, IReadOnlyDictionary<string, string> owners)
    {
        var slugOfPath = owners.GroupBy(p => p.Value, StringComparer.Ordinal).ToDictionary(g => g.Key, g => g.First().Key, StringComparer.Ordinal);
        return files.Where(f => f.FrontMatter is null).ToDictionary(
            f => f.Path,
            f => slugOfPath.GetValueOrDefault(f.Path) ?? System.IO.Path.GetFileNameWithoutExtension(f.Path),
            StringComparer.Ordinal);
    }

    /// <summary>An alias is another name for one page. The same alias on two pages is a warning naming both files
    /// (search finds both); an alias that is another page's title is an error, since it would send readers who
    /// type that title to the wrong page.</summary>
    public static IEnumerable<ContentProblem> Aliases(IReadOnlyList<PlacedFile> files)
    {
        var published = files.Where(f => f.Slug is not null).ToList();
        var titles = published.GroupBy(f => Normalise(f.FrontMatter!.Title), StringComparer.Ordinal)
            .ToDictionary(g => g.Key, g => g.First(), StringComparer.Ordinal);
        var firstWithAlias = new Dictionary<string, PlacedFile>(StringComparer.Ordinal);
        foreach (var file in published)
        {
            foreach (var alias in file.FrontMatter!.Aliases.Select(a => (Shown: a, Key: Normalise(a))).DistinctBy(a => a.Key))
            {
                if (titles.TryGetValue(alias.Key, out var titled) && titled != file)
                {
                    yield return new(file.Path, 1, $"the alias '{alias.Shown}' is the title of {titled.Path}; remove it or link to that page");
                }

                if (firstWithAlias.TryGetValue(alias.Key, out var other))
                {
                    yield return new(file.Path, 1, $"the alias '{alias.Shown}' is also an alias of {other.Path} (both {other.Path} and {file.Path} claim it)", ProblemSeverity.Warning);
                }
                else
                {
                    firstWithAlias[alias.Key] = file;
                }
            }
        }
    }

    private static string Normalise(string name) => ContentMarkdown.CollapseWhitespace(name).ToLowerInvariant();

    private static string UnknownSlugMessage(RelationSource relation, IReadOnlyDictionary<string, PlacedFile> bySlug, IReadOnlyDictionary<string, string> redirects)
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
    public static List<ContentProblem> PartOfLoops(IReadOnlyList<PlacedFile> files, IReadOnlyDictionary<string, PlacedFile> bySlug)
    {
        var problems = new List<ContentProblem>();
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

        return problems;

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
                problems.Add(new(from.Path, line, $"part_of '{to}' makes a loop: {shown}"));
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
