using System.Globalization;
using System.Text.Encodings.Web;
using System.Text.Json.Serialization;
using GastroRef.Web.Data;
using GastroRef.Web.Discovery;

namespace GastroRef.Web.Instructors;

/// <summary>An oEmbed 1.0 "rich" answer (https://oembed.com/, section 2.3.4).</summary>
public sealed record OEmbedResponse(
    [property: JsonPropertyName("version")] string Version,
    [property: JsonPropertyName("type")] string Type,
    [property: JsonPropertyName("provider_name")] string ProviderName,
    [property: JsonPropertyName("provider_url")] string ProviderUrl,
    [property: JsonPropertyName("title")] string Title,
    [property: JsonPropertyName("html")] string Html,
    [property: JsonPropertyName("width")] int Width,
    [property: JsonPropertyName("height")] int Height,
    [property: JsonPropertyName("cache_age")] int CacheAge);

/// <summary>What a pasted GastroRef address embeds as: the embed page and its usual height.</summary>
public sealed record EmbedTarget(string EmbedPath, string Title, int Height);

/// <summary>Which embed a site address stands for. Plate addresses are answered by the atlas, when it is there
/// (registered as another resolver), so this folder does not depend on it.</summary>
public interface IEmbedTargetResolver
{
    Task<EmbedTarget?> ResolveAsync(string path, string query, string fragment, CancellationToken cancellationToken);
}

/// <summary>Articles: <c>/anatomy/{slug}</c> embeds its summary and key facts, <c>/anatomy/{slug}#{section}</c> (a text
/// fragment after the section is ignored) and <c>/embed/anatomy/{slug}/{section}</c> embed that section.</summary>
public sealed class ArticleEmbedResolver(StructureQueries queries) : IEmbedTargetResolver
{
    public const int SectionHeight = 520;
    public const int SummaryHeight = 420;

    public async Task<EmbedTarget?> ResolveAsync(string path, string query, string fragment, CancellationToken cancellationToken)
    {
        var parts = path.Trim('/').Split('/');
        string slug;
        string? section;
        switch (parts)
        {
            case ["anatomy", var s]:
                slug = s;
                var cut = fragment.IndexOf(":~:", StringComparison.Ordinal);
                section = (cut >= 0 ? fragment[..cut] : fragment) is { Length: > 0 } id ? id : null;
                break;
            case ["embed", "anatomy", var s]:
                (slug, section) = (s, null);
                break;
            case ["embed", "anatomy", var s, var sectionId]:
                (slug, section) = (s, sectionId);
                break;
            default:
                return null;
        }

        slug = slug.ToLowerInvariant();
        if (!ReadingList.IsIdentifier(slug))
        {
            return null;
        }

        await using var read = await queries.ReadAsync(cancellationToken);
        if (section is not null && ReadingList.IsIdentifier(section.ToLowerInvariant()))
        {
            var (found, _) = await SectionFinder.FindAsync(read, slug, section.ToLowerInvariant(), cancellationToken);
            if (found is not null)
            {
                return new($"/embed/anatomy/{found.Page.Record.Slug}/{found.Section.Id}", $"{found.Page.Record.Title}: {found.Section.Title}", SectionHeight);
            }
        }

        // No section, or one that is not a section (key-facts, sources): the page's summary.
        var page = await SectionFinder.FindPageAsync(read, slug, cancellationToken);
        return page is null ? null : new($"/embed/anatomy/{page.Record.Slug}", page.Record.Title, SummaryHeight);
    }
}

/// <summary>/oembed?url=…&amp;maxwidth=…&amp;maxheight=…&amp;format=json for learning platforms that turn a pasted link
/// into an embed. A URL that is not this site's, or names nothing here, is 404; <c>format=xml</c> is 501 as the
/// specification asks; a missing or malformed parameter is 400.</summary>
public static class OEmbed
{
    public const int DefaultWidth = 640;
    private const int MaxUrlLength = 2048;

    public static IEndpointRouteBuilder MapOEmbed(this IEndpointRouteBuilder endpoints)
    {
        endpoints.MapGet("/oembed", AnswerAsync);
        return endpoints;
    }

    private static async Task<IResult> AnswerAsync(HttpContext context, SiteUrls urls, IEnumerable<IEmbedTargetResolver> resolvers, CancellationToken cancellationToken)
    {
        var query = context.Request.Query;
        var format = query["format"].ToString();
        if (format.Length > 0 && !string.Equals(format, "json", StringComparison.OrdinalIgnoreCase))
        {
            return Results.Problem(statusCode: StatusCodes.Status501NotImplemented, title: "Only format=json is offered.");
        }

        var url = query["url"].ToString();
        if (url.Length == 0 || url.Length > MaxUrlLength
            || !Uri.TryCreate(url, UriKind.Absolute, out var asked) || asked.Scheme is not ("http" or "https"))
        {
            return Results.Problem(statusCode: StatusCodes.Status400BadRequest, title: "url must be an absolute http or https address of a GastroRef page.");
        }

        if (!TryReadSize(query["maxwidth"], out var maxWidth) || !TryReadSize(query["maxheight"], out var maxHeight))
        {
            return Results.Problem(statusCode: StatusCodes.Status400BadRequest, title: "maxwidth and maxheight must be whole numbers of pixels, at least 1.");
        }

        var baseUrl = urls.BaseUrl(context.Request);
        var site = new Uri(baseUrl + "/");
        // Either scheme: a link pasted as http:// for an https site is still ours.
        var path = asked.AbsolutePath;
        var basePath = site.AbsolutePath.TrimEnd('/');
        if (!string.Equals(asked.Authority, site.Authority, StringComparison.OrdinalIgnoreCase)
            || (basePath.Length > 0 && !path.StartsWith(basePath + "/", StringComparison.Ordinal)))
        {
            return Results.Problem(statusCode: StatusCodes.Status404NotFound, title: "That address is not a GastroRef page.");
        }

        path = Uri.UnescapeDataString(path[basePath.Length..]);
        var fragment = asked.Fragment.TrimStart('#');
        EmbedTarget? target = null;
        foreach (var resolver in resolvers)
        {
            target ??= await resolver.ResolveAsync(path, asked.Query, fragment, cancellationToken);
        }

        if (target is null)
        {
            return Results.Problem(statusCode: StatusCodes.Status404NotFound, title: "Nothing on GastroRef can be embedded from that address.");
        }

        var width = Math.Min(DefaultWidth, maxWidth ?? int.MaxValue);
        var height = Math.Min(target.Height, maxHeight ?? int.MaxValue);
        var src = baseUrl + target.EmbedPath;
        var html = string.Create(CultureInfo.InvariantCulture,
            $"<iframe src=\"{HtmlEncoder.Default.Encode(src)}\" width=\"{width}\" height=\"{height}\" title=\"{HtmlEncoder.Default.Encode(target.Title)} (GastroRef)\" loading=\"lazy\" style=\"border:0;max-width:100%\"></iframe>");
        return Results.Json(new OEmbedResponse("1.0", "rich", "GastroRef", baseUrl + "/", target.Title, html, width, height, 86400));
    }

    private static bool TryReadSize(Microsoft.Extensions.Primitives.StringValues value, out int? size)
    {
        size = null;
        if (value.Count == 0 || value.ToString().Length == 0)
        {
            return true;
        }

        if (int.TryParse(value.ToString(), NumberStyles.None, CultureInfo.InvariantCulture, out var parsed) && parsed >= 1)
        {
            size = parsed;
            return true;
        }

        return false;
    }

    /// <summary>The discovery link's address for a page, from its absolute address and its path on the site.</summary>
    public static string DiscoveryUrl(string absoluteUrl, string path)
    {
        ArgumentNullException.ThrowIfNull(absoluteUrl);
        ArgumentNullException.ThrowIfNull(path);
        var baseUrl = absoluteUrl.EndsWith(path, StringComparison.Ordinal) ? absoluteUrl[..^path.Length] : "";
        return $"{baseUrl}/oembed?url={Uri.EscapeDataString(absoluteUrl)}&format=json";
    }
}
