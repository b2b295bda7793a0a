using System.Globalization;
using System.Text;
using System.Text.RegularExpressions;
using Markdig;
using Markdig.Syntax;
using Markdig.Syntax.Inlines;

namespace GastroRef.Content;

/// <summary>A parsed body: the Markdig document with the section ids fixed, before links are resolved.</summary>
public sealed class ParsedArticle
{
    internal ParsedArticle(MarkdownDocument document, IReadOnlyList<HeadingInfo> headings)
    {
        Document = document;
        Headings = headings;
    }

    internal MarkdownDocument Document { get; }

    public IReadOnlyList<HeadingInfo> Headings { get; }
}

public sealed record HeadingInfo(string Id, string Title, int Level, int Line, HeadingBlock Block);

/// <summary>Parses a Markdown body and gives every <c>##</c>/<c>###</c> heading its stable id:
/// a pinned <c>{#id}</c>, else the canonical id of a standard section, else the kebab-case of the text.</summary>
public static partial class ArticleParser
{
    [GeneratedRegex(@"\s*\{([^{}]*)\}\s*$")]
    private static partial Regex TrailingBraces();

    [GeneratedRegex("^#([a-z0-9]+(?:-[a-z0-9]+)*)$")]
    private static partial Regex PinnedId();

    public static ParsedArticle? Parse(string path, string body, int bodyStartLine, List<ContentProblem> problems)
    {
        ArgumentNullException.ThrowIfNull(problems);
        MarkdownDocument document;
        try
        {
            document = Markdown.Parse(body, ContentMarkdown.Pipeline);
        }
        catch (Exception e) when (e is not OutOfMemoryException)
        {
            // Markdig refuses pathologically deep nesting; report it rather than take the seeding down.
            problems.Add(new(path, bodyStartLine, $"the Markdown cannot be read ({e.Message}); reduce the nesting"));
            return null;
        }

        var headings = new List<HeadingInfo>();
        var ids = new Dictionary<string, int>(StringComparer.Ordinal);
        foreach (var block in document.Descendants<HeadingBlock>())
        {
            var line = bodyStartLine + block.Line;
            if (block.Parent != document)
            {
                continue;
            }

            if (block.Level == 1)
            {
                problems.Add(new(path, line, "use '##' for sections: the page title comes from the front matter"));
                continue;
            }

            if (block.Level > 3)
            {
                continue;
            }

            var pinned = TakePinnedId(block, path, line, problems);
            var title = InlineText(block.Inline);
            var id = pinned ?? CanonicalId(title, block.Level) ?? Slugify(title);
            if (id.Length == 0)
            {
                problems.Add(new(path, line, "a heading needs some text"));
                continue;
            }

            if (ContentSchema.ReservedIds.Contains(id) || id.StartsWith("source-", StringComparison.Ordinal))
            {
                var hint = id == "sources" ? ": the Sources section is made from the front matter's 'sources'" : "";
                problems.Add(new(path, line, $"the section id '{id}' is reserved by the page{hint}"));
                continue;
            }

            if (ids.TryGetValue(id, out var firstLine))
            {
                problems.Add(new(path, line, $"the section id '{id}' is already used on line {firstLine}; pin another with {{#other-id}}"));
                continue;
            }

            ids[id] = line;
            headings.Add(new(id, title, block.Level, line, block));
        }

        return new ParsedArticle(document, headings);
    }

    /// <summary>The canonical id of a standard section; only <c>##</c> sections have them, so a <c>###</c>
    /// "Function" inside a clinical note does not clash with the page's Function section.</summary>
    public static string? CanonicalId(string title, int level)
    {
        if (level != 2)
        {
            return null;
        }

        var normalised = string.Join(' ', Slugify(title).Split('-', StringSplitOptions.RemoveEmptyEntries));
        return ContentSchema.CanonicalSectionIds.GetValueOrDefault(normalised);
    }

    /// <summary>Lowercase kebab-case with diacritics folded: "Blood Supply (Arterial)" → "blood-supply-arterial".</summary>
    public static string Slugify(string text)
    {
        ArgumentNullException.ThrowIfNull(text);
        var builder = new StringBuilder(text.Length);
        foreach (var c in text.Normalize(NormalizationForm.FormD))
        {
            if (CharUnicodeInfo.GetUnicodeCategory(c) == UnicodeCategory.NonSpacingMark)
            {
                continue;
            }

            if (char.IsAsciiLetterOrDigit(c))
            {
                builder.Append(char.ToLowerInvariant(c));
            }
            else if (builder.Length > 0 && builder[^1] != '-')
            {
                builder.Append('-');
            }
        }

        return builder.ToString().Trim('-');
    }

    internal static string InlineText(ContainerInline? inline)
    {
        if (inline is null)
        {
            return "";
        }

        var builder = new StringBuilder();
        foreach (var child in inline.Descendants<Inline>())
        {
            switch (child)
            {
                case LiteralInline literal: builder.Append(literal.Content.ToString()); break;
                case CodeInline code: builder.Append(code.Content); break;
                case LineBreakInline: builder.Append(' '); break;
                case AutolinkInline auto: builder.Append(auto.Url); break;
            }
        }

        return builder.ToString().Trim();
    }

    private static string? TakePinnedId(HeadingBlock block, string path, int line, List<ContentProblem> problems)
    {
        if (block.Inline?.LastChild is not LiteralInline last)
        {
            return null;
        }

        var text = last.Content.ToString();
        var match = TrailingBraces().Match(text);
        if (!match.Success)
        {
            return null;
        }

        var pinned = PinnedId().Match(match.Groups[1].Value.Trim());
        if (!pinned.Success)
        {
            problems.Add(new(path, line, $"only '{{#id}}' is allowed in braces after a heading (lowercase kebab-case id); '{{{match.Groups[1].Value}}}' is shown as text", ProblemSeverity.Warning));
            return null;
        }

        var remaining = text[..match.Index];
        if (remaining.Length == 0)
        {
            last.Remove();
        }
        else
        {
            last.Content = new Markdig.Helpers.StringSlice(remaining);
        }

        return pinned.Groups[1].Value;
    }
}
