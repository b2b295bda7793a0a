using System.Globalization;

namespace GastroRef.Web.Pages.Anatomy;

/// <summary>A ready-made reference to one article, in APA (7th edition) and Vancouver (NLM Citing Medicine) style,
/// with the stable URL and the date the page was last updated. <see cref="Apa"/> and <see cref="Vancouver"/> are the
/// plain texts; the page shows them from their parts because APA italicises the title and the Vancouver "cited"
/// date is the reader's own (the page marks it so a script can set it to the reader's today).</summary>
public sealed record Citation(
    string ApaBeforeTitle,
    string Title,
    string ApaAfterTitle,
    string VancouverBeforeCited,
    DateOnly Cited,
    string VancouverAfterCited)
{
    public const string SiteName = "GastroRef";

    /// <param name="accessed">today for the reader: Vancouver always gives the date cited, APA only for an undated page.</param>
    /// <param name="publisher">who publishes the site and where. Without a configured place the place is left out
    /// ("Publisher; cYear"), the form Vancouver guides give for a web source that states no place, rather than NLM's
    /// "[place unknown]", which reads to students as an unfinished citation.</param>
    public static Citation For(string title, string url, DateOnly? updated, DateOnly accessed, CitationPublisher? publisher = null)
    {
        publisher ??= CitationPublisher.Default;
        ArgumentNullException.ThrowIfNull(title);
        ArgumentNullException.ThrowIfNull(url);
        var culture = CultureInfo.InvariantCulture;
        var titleEnd = title.EndsWith('.') || title.EndsWith('?') || title.EndsWith('!') ? "" : ".";

        // APA: group author. (Year, Month day). Title in italics. URL. Undated: (n.d.) and "Retrieved …, from URL".
        var apaDate = updated is { } u ? u.ToString("yyyy, MMMM d", culture) : "n.d.";
        var apaTail = updated is null ? $"Retrieved {accessed.ToString("MMMM d, yyyy", culture)}, from {url}" : url;

        // Vancouver, part of a website: Homepage [Internet]. Place: Publisher; cYear. Part title; [updated …; cited …]. Available from: URL
        var year = (updated ?? accessed).Year.ToString(culture);
        var publishedBy = publisher.Place is { } place ? $"{place}: {publisher.Name}" : publisher.Name;
        var before = $"{SiteName} [Internet]. {publishedBy}; c{year}. {title}; [{(updated is { } d ? $"updated {NlmDate(d)}; " : "")}cited ";
        return new($"{SiteName}. ({apaDate}). ", title, $"{titleEnd} {apaTail}", before, accessed, $"]. Available from: {url}");
    }

    public string Apa => ApaBeforeTitle + Title + ApaAfterTitle;

    public string Vancouver => VancouverBeforeCited + NlmDate(Cited) + VancouverAfterCited;

    /// <summary>"2026 Nov 21", the NLM date form.</summary>
    public static string NlmDate(DateOnly date) => date.ToString("yyyy MMM d", CultureInfo.InvariantCulture);
}

/// <summary>The publisher of the site and its place of publication, which the Vancouver (NLM) style asks for:
/// <c>GastroRef:Citation:Publisher</c> and <c>GastroRef:Citation:Place</c> ("Bethesda (MD)", "London").</summary>
public sealed record CitationPublisher(string Name, string? Place)
{
    public const string PublisherSetting = "GastroRef:Citation:Publisher";
    public const string PlaceSetting = "GastroRef:Citation:Place";

    public static CitationPublisher Default { get; } = new(Citation.SiteName, null);

    public static CitationPublisher From(IConfiguration configuration)
    {
        ArgumentNullException.ThrowIfNull(configuration);
        var name = configuration[PublisherSetting]?.Trim();
        var place = configuration[PlaceSetting]?.Trim();
        return new(string.IsNullOrEmpty(name) ? Citation.SiteName : name, string.IsNullOrEmpty(place) ? null : place);
    }
}
