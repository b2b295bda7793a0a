using System.Net;
using System.Text.RegularExpressions;
using Markdig;

namespace GastroRef.Content;

/// <summary>The one Markdig pipeline every piece of content goes through, and the URL allow-list.</summary>
public static partial class ContentMarkdown
{
    /// <summary>Largest content file accepted; bigger input is reported, not parsed.</summary>
    public const int MaxFileBytes = 512 * 1024;

    /// <summary>Raw HTML is disabled; generic attributes and auto-identifiers are deliberately absent:
    /// the first lets Markdown set event handlers, the second would make ids change with the wording.</summary>
    public static MarkdownPipeline Pipeline { get; } = new MarkdownPipelineBuilder()
        .UsePipeTables()
        .UseEmphasisExtras()
        .UseListExtras()
        .UseCustomContainers()
        .UseAutoLinks()
        .DisableHtml()
        .Use<ContentRenderingExtension>()
        .Build();

    [GeneratedRegex("^([a-zA-Z][a-zA-Z0-9+.-]*):")]
    private static partial Regex SchemePattern();

    [GeneratedRegex(@"[\x00-\x20\x7f]+")]
    private static partial Regex InvisibleCharacters();

    [GeneratedRegex("<[^>]*>")]
    private static partial Regex Tags();

    [GeneratedRegex(@"\s+")]
    private static partial Regex Whitespace();

    /// <summary>True for http, https, mailto and relative URLs. Browsers ignore tabs, newlines and control
    /// characters inside a scheme ("java\tscript:"), so those are removed before looking at it.</summary>
    public static bool IsAllowedUrl(string? url)
    {
        if (string.IsNullOrEmpty(url))
        {
            return true;
        }

        var match = SchemePattern().Match(Compact(url));
        if (!match.Success)
        {
            // "\\evil" and "/\evil" are treated as "//evil" by browsers: still http(s), so allowed.
            return true;
        }

        var scheme = match.Groups[1].Value.ToLowerInvariant();
        return scheme is "http" or "https" or "mailto";
    }

    /// <summary>True when the URL names a scheme (http:, mailto:, …) rather than a path.</summary>
    public static bool HasScheme(string url) => SchemePattern().IsMatch(Compact(url));

    private static string Compact(string url) => InvisibleCharacters().Replace(WebUtility.HtmlDecode(url), "");

    /// <summary>The visible text of a piece of our own rendered HTML.</summary>
    public static string ToPlainText(string html) =>
        CollapseWhitespace(WebUtility.HtmlDecode(Tags().Replace(html, " ")));

    public static string CollapseWhitespace(string text) => Whitespace().Replace(text, " ").Trim();

    public static int CountWords(string text) =>
        text.Split((char[]?)null, StringSplitOptions.RemoveEmptyEntries).Length;
}
