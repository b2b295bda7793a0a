using System.Text.RegularExpressions;
using GastroRef.Content;
using GastroRef.Web.Data;

namespace GastroRef.Web.Instructors;

/// <summary>A section found for a reading list or an embed, with the page it belongs to.
/// <paramref name="Asked"/> is the id that was asked for when it differs from the section's own (a retired id or a subsection).</summary>
public sealed record FoundSection(StructureView Page, ArticleSection Section, string? Asked)
{
    public string PageUrl => StructureUrls.Article(Page.Record.Slug);

    public string Url => StructureUrls.Section(Page.Record.Slug, Section.Id);

    /// <summary>The numbers (from 1) of the page's sources this section cites with <c>[n](#source-n)</c>, in order.</summary>
    public IReadOnlyList<int> CitedSources { get; } = SectionHtml.CitedSources(Section.Html, Page.Document.Sources.Count);
}

/// <summary>Finds a page's section the way the article resolves links: an old slug leads to the page's current one,
/// a retired section id (<c>retired_ids</c>) to the section that replaced it, and a subsection id to its section.</summary>
public static class SectionFinder
{
    /// <summary>A page by its slug or one of its old slugs.</summary>
    public static async Task<StructureView?> FindPageAsync(ContentRead read, string slug, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(read);
        var page = await read.FindAsync(slug, cancellationToken);
        if (page is null && await read.FindRedirectAsync(slug, cancellationToken) is { } current)
        {
            page = await read.FindAsync(current, cancellationToken);
        }

        return page;
    }

    public static async Task<(FoundSection? Found, string? Problem)> FindAsync(ContentRead read, string slug, string sectionId, CancellationToken cancellationToken)
    {
        var page = await FindPageAsync(read, slug, cancellationToken);

        if (page is null)
        {
            return (null, $"no page called \u201c{slug}\u201d");
        }

        var document = page.Document;
        var wanted = document.RetiredIds.TryGetValue(sectionId, out var replacement) ? replacement : sectionId;
        var section = document.Sections.FirstOrDefault(s => s.Id == wanted)
            ?? document.Sections.FirstOrDefault(s => s.RetiredIds.Contains(wanted))
            ?? document.Sections.FirstOrDefault(s => s.Subsections.Any(h => h.Id == wanted));
        if (section is null)
        {
            var known = string.Join(", ", document.Sections.Select(s => s.Id));
            return (null, $"{page.Record.Title} has no section \u201c{sectionId}\u201d (it has {known})");
        }

        return (new FoundSection(page, section, section.Id == sectionId ? null : sectionId), null);
    }
}

/// <summary>Section HTML is rendered for its article; shown elsewhere, its same-page links must point somewhere.</summary>
public static partial class SectionHtml
{
    [GeneratedRegex("href=\"#source-([0-9]{1,4})\"")]
    private static partial Regex SourceLink();

    [GeneratedRegex("href=\"#([^\"]*)\"")]
    private static partial Regex SamePageLink();

    [GeneratedRegex(" id=\"([^\"]*)\"")]
    private static partial Regex IdAttribute();

    public static IReadOnlyList<int> CitedSources(string html, int sourceCount) =>
        [.. SourceLink().Matches(html).Select(m => int.Parse(m.Groups[1].Value, System.Globalization.CultureInfo.InvariantCulture))
            .Where(n => n >= 1 && n <= sourceCount).Distinct().Order()];

    /// <summary>Citations point at <paramref name="sourcePrefix"/>-n on the new page; other same-page links go back to the
    /// article, and ids get <paramref name="idPrefix"/> so two sections on one page cannot clash. The HTML is the renderer's
    /// own (attributes always double-quoted), so a pattern over attributes is enough here.</summary>
    /// <remarks>With no <paramref name="sourcePrefix"/>, citations go to the article's Sources as well (embeds).</remarks>
    public static string Relocate(string html, string articleUrl, string? sourcePrefix, string idPrefix)
    {
        var relocated = sourcePrefix is null ? html : SourceLink().Replace(html, m => $"href=\"#{sourcePrefix}{m.Groups[1].Value}\"");
        relocated = SamePageLink().Replace(relocated, m => sourcePrefix is not null && m.Groups[1].Value.StartsWith(sourcePrefix, StringComparison.Ordinal)
            ? m.Value
            : $"href=\"{articleUrl}#{m.Groups[1].Value}\"");
        return IdAttribute().Replace(relocated, m => $" id=\"{idPrefix}{m.Groups[1].Value}\"");
    }
}
