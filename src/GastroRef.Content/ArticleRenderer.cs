using Markdig;
using Markdig.Renderers;
using Markdig.Renderers.Html;
using Markdig.Syntax;
using Markdig.Syntax.Inlines;

namespace GastroRef.Content;

/// <summary>Where the links of one file may point: the slugs of the other files and the ids on their pages.</summary>
public sealed class LinkContext
{
    public required string SourcePath { get; init; }

    public required IReadOnlySet<string> OwnIds { get; init; }

    /// <summary>Slug of the file at a content-relative path ("nerves/tibial-nerve.md"), or null.</summary>
    public required Func<string, string?> SlugForPath { get; init; }

    /// <summary>The ids a link may target on another page, or null when the slug is unknown.</summary>
    public required Func<string, IReadOnlySet<string>?> IdsForSlug { get; init; }

    /// <summary>True when a link to the slug must be reported: the page is a draft and this page is not.</summary>
    public Func<string, bool> IsDraft { get; init; } = _ => false;

    public HashSet<string> LinkedSlugs { get; } = new(StringComparer.Ordinal);
}

/// <summary>Renders a parsed body (and one-line fragments such as key facts) to safe HTML: links are
/// checked against the URL allow-list and content links become page URLs.</summary>
public static class ArticleRenderer
{
    public static (RenderedFragment Lead, IReadOnlyList<ArticleSection> Sections) Render(
        ParsedArticle article, LinkContext links, int bodyStartLine, IReadOnlyDictionary<string, string> retiredIds, List<ContentProblem> problems)
    {
        ArgumentNullException.ThrowIfNull(article);
        ArgumentNullException.ThrowIfNull(retiredIds);
        CheckLinks(article.Document, links, bodyStartLine, problems);

        // Every block is rendered twice: as HTML for the page, and as text (no tags, no citation numbers) for search.
        var (html, htmlWriter) = HtmlRendererFor(text: false);
        var (text, textWriter) = HtmlRendererFor(text: true);

        var sectionHeadings = article.Headings.ToDictionary(h => h.Block);
        RenderedFragment? lead = null;
        var sections = new List<ArticleSection>();
        HeadingInfo? current = null;
        var subsections = new List<SubsectionHeading>();
        HeadingInfo? subsection = null;
        var ownText = "";

        string TakeText()
        {
            var taken = ContentMarkdown.CollapseWhitespace(textWriter.ToString());
            textWriter.GetStringBuilder().Clear();
            return taken;
        }

        void EndSubsection()
        {
            var body = TakeText();
            if (subsection is null)
            {
                ownText = body;
            }
            else
            {
                subsections.Add(new(subsection.Id, subsection.Title) { Text = body });
            }
        }

        void Flush()
        {
            EndSubsection();
            var fragmentHtml = htmlWriter.ToString();
            htmlWriter.GetStringBuilder().Clear();
            var allText = string.Join(' ', subsections.Select(s => $"{s.Title} {s.Text}").Prepend(ownText).Where(t => t.Length > 0));
            if (current is null)
            {
                lead = new RenderedFragment(fragmentHtml, allText);
            }
            else
            {
                var retired = retiredIds.Where(p => p.Value == current.Id).Select(p => p.Key).Order(StringComparer.Ordinal).ToList();
                sections.Add(new(current.Id, current.Title, fragmentHtml, allText, [.. subsections], retired) { OwnText = ownText });
            }

            subsections.Clear();
            subsection = null;
            ownText = "";
        }

        foreach (var block in article.Document)
        {
            var isSubsection = false;
            if (block is HeadingBlock heading && sectionHeadings.TryGetValue(heading, out var info))
            {
                if (info.Level == 2)
                {
                    Flush();
                    current = info;
                    continue;
                }

                heading.GetAttributes().Id = info.Id;
                if (current is not null)
                {
                    EndSubsection();
                    subsection = info;
                    isSubsection = true;
                }
            }

            try
            {
                html.Render(block);
                if (!isSubsection)
                {
                    text.Render(block);
                }
            }
            catch (Exception e) when (e is not OutOfMemoryException)
            {
                // Markdig refuses some pathological input ("too deeply nested") only while rendering.
                problems.Add(new(links.SourcePath, bodyStartLine + block.Line, $"this part cannot be rendered ({e.Message}); reduce the nesting"));
                return (new RenderedFragment("", ""), []);
            }
        }

        Flush();
        return (lead ?? new RenderedFragment("", ""), sections);
    }

    /// <summary>Renders one line of Markdown (a key fact, a source) without the surrounding paragraph. With a
    /// <paramref name="pageUrl"/>, links to the page's own sections are written as <c>{pageUrl}#id</c>, so the
    /// fragment works on any page that shows it (Compare shows key facts of two pages).</summary>
    public static RenderedFragment RenderInline(string markdown, LinkContext links, int line, List<ContentProblem> problems, string? pageUrl = null)
    {
        ArgumentNullException.ThrowIfNull(markdown);
        ArgumentNullException.ThrowIfNull(links);
        ArgumentNullException.ThrowIfNull(problems);
        var (html, htmlWriter) = HtmlRendererFor(text: false);
        var (text, textWriter) = HtmlRendererFor(text: true);
        try
        {
            var document = Markdown.Parse(markdown, ContentMarkdown.Pipeline);
            CheckLinks(document, links, line, problems, fixedLine: true, pageUrl);
            foreach (var renderer in new[] { html, text })
            {
                if (document.Count == 1 && document[0] is ParagraphBlock { Inline: not null } paragraph)
                {
                    renderer.WriteChildren(paragraph.Inline);
                }
                else
                {
                    renderer.Render(document);
                }
            }
        }
        catch (Exception e) when (e is not OutOfMemoryException)
        {
            problems.Add(new(links.SourcePath, line, $"this text cannot be rendered ({e.Message}); reduce the nesting"));
            return new("", "");
        }

        return new(htmlWriter.ToString().Trim(), ContentMarkdown.CollapseWhitespace(textWriter.ToString()));
    }

    /// <summary>A renderer with the content pipeline's extensions; for text, with HTML off (Markdig's plain-text mode).</summary>
    private static (HtmlRenderer Renderer, StringWriter Writer) HtmlRendererFor(bool text)
    {
        var writer = new StringWriter();
        var renderer = new HtmlRenderer(writer);
        if (text)
        {
            renderer.EnableHtmlForBlock = false;
            renderer.EnableHtmlForInline = false;
            renderer.EnableHtmlEscape = false;
        }

        ContentMarkdown.Pipeline.Setup(renderer);
        return (renderer, writer);
    }

    private static void CheckLinks(MarkdownDocument document, LinkContext links, int baseLine, List<ContentProblem> problems, bool fixedLine = false, string? pageUrl = null)
    {
        // ToList: unsafe links are replaced while walking.
        foreach (var inline in document.Descendants<Inline>().ToList())
        {
            var line = fixedLine ? baseLine : baseLine + inline.Line;
            switch (inline)
            {
                case LinkInline link:
                {
                    if (!link.IsImage && CitationNumber(link) is { } number)
                    {
                        Citation.Mark(link, number);
                    }

                    var url = Resolve(link.Url, links, line, problems);
                    if (url is not null && pageUrl is not null && url.StartsWith('#'))
                    {
                        url = pageUrl + url;
                    }

                    if (url is null)
                    {
                        var text = link.IsImage ? ArticleParser.InlineText(link) : null;
                        if (link.IsImage)
                        {
                            link.ReplaceBy(new LiteralInline(text ?? ""), copyChildren: false);
                        }
                        else
                        {
                            Unwrap(link);
                        }
                    }
                    else
                    {
                        link.Url = url;
                    }

                    break;
                }

                case AutolinkInline auto when !auto.IsEmail:
                {
                    var url = Resolve(auto.Url, links, line, problems);
                    if (url is null)
                    {
                        auto.ReplaceBy(new LiteralInline(auto.Url));
                    }

                    break;
                }
            }
        }
    }

    /// <summary>A citation is a link to <c>#source-N</c> whose text is N.</summary>
    private static int? CitationNumber(LinkInline link)
    {
        const string prefix = "#source-";
        if (link.Url is not { } url || !url.StartsWith(prefix, StringComparison.Ordinal) ||
            !int.TryParse(url.AsSpan(prefix.Length), System.Globalization.NumberStyles.None, System.Globalization.CultureInfo.InvariantCulture, out var number))
        {
            return null;
        }

        return ArticleParser.InlineText(link) == number.ToString(System.Globalization.CultureInfo.InvariantCulture) ? number : null;
    }

    /// <summary>Keeps a link's text but drops the link itself.</summary>
    private static void Unwrap(LinkInline link)
    {
        var children = link.ToList();
        Inline anchor = link;
        foreach (var child in children)
        {
            child.Remove();
            anchor.InsertAfter(child);
            anchor = child;
        }

        link.Remove();
    }

    private static string? Resolve(string? url, LinkContext links, int line, List<ContentProblem> problems)
    {
        var path = links.SourcePath;
        if (string.IsNullOrWhiteSpace(url))
        {
            problems.Add(new(path, line, "a link has no address"));
            return "";
        }

        if (!ContentMarkdown.IsAllowedUrl(url))
        {
            problems.Add(new(path, line, $"the link to '{QuotedText.Shorten(url, 80)}' was removed: only http, https, mailto and relative links are allowed", ProblemSeverity.Warning));
            return null;
        }

        if (ContentMarkdown.HasScheme(url) || url.StartsWith('/'))
        {
            return url;
        }

        var hash = url.IndexOf('#', StringComparison.Ordinal);
        var target = hash >= 0 ? url[..hash] : url;
        var fragment = hash >= 0 ? url[(hash + 1)..] : null;
        var query = target.IndexOf('?', StringComparison.Ordinal);
        if (query >= 0)
        {
            target = target[..query];
        }

        if (target.Length == 0)
        {
            if (fragment is not null && !links.OwnIds.Contains(fragment))
            {
                problems.Add(new(path, line, $"the link '#{fragment}' names no section of this page"));
            }

            return url;
        }

        if (!target.EndsWith(".md", StringComparison.OrdinalIgnoreCase))
        {
            problems.Add(new(path, line, $"the relative link '{QuotedText.Shorten(url, 80)}' should point to a .md content file", ProblemSeverity.Warning));
            return url;
        }

        var resolved = CombineRelative(path, Uri.UnescapeDataString(target));
        var slug = resolved is null ? null : links.SlugForPath(resolved);
        if (slug is null)
        {
            problems.Add(new(path, line, $"the link '{QuotedText.Shorten(url, 80)}' points to no content file{(resolved is null ? " (it leaves the content folder)" : $" ('{resolved}' does not exist)")}"));
            return null;
        }

        if (links.IsDraft(slug))
        {
            problems.Add(new(path, line, $"the link '{QuotedText.Shorten(url, 80)}' points to a draft ({slug}); it is not published yet"));
            return null;
        }

        if (fragment is not null && links.IdsForSlug(slug) is { } ids && !ids.Contains(fragment))
        {
            problems.Add(new(path, line, $"the link '{QuotedText.Shorten(url, 80)}' names a section '{fragment}' that {slug} does not have"));
        }

        links.LinkedSlugs.Add(slug);
        return StructureUrls.Section(slug, fragment);
    }

    /// <summary>Resolves a link relative to the linking file; null when it climbs out of the content folder.</summary>
    internal static string? CombineRelative(string sourcePath, string link)
    {
        var parts = new List<string>(sourcePath.Split('/')[..^1]);
        foreach (var part in link.Replace('\\', '/').Split('/'))
        {
            switch (part)
            {
                case "" or ".":
                    break;
                case "..":
                    if (parts.Count == 0)
                    {
                        return null;
                    }

                    parts.RemoveAt(parts.Count - 1);
                    break;
                default:
                    parts.Add(part);
                    break;
            }
        }

        return string.Join('/', parts);
    }
}
