using System.Globalization;
using System.Text;
using System.Xml;
using GastroRef.Web.Data;
using Microsoft.Extensions.DependencyInjection.Extensions;

namespace GastroRef.Web.Discovery;

/// <summary>What lets search engines, course pages and chat apps find and preview the site: public URLs,
/// <c>/sitemap.xml</c> and <c>/robots.txt</c>.</summary>
public static class DiscoverySetup
{
    public static IServiceCollection AddDiscovery(this IServiceCollection services, IConfiguration configuration)
    {
        // Built now, so a malformed public URL stops the site at start-up instead of at the first request.
        services.AddSingleton(new SiteUrls(configuration));
        services.TryAddSingleton(TimeProvider.System);
        return services;
    }

    public static IEndpointRouteBuilder MapDiscovery(this IEndpointRouteBuilder endpoints)
    {
        endpoints.MapMethods("/sitemap.xml", [HttpMethods.Get, HttpMethods.Head], (HttpContext context, StoreState state, SiteUrls urls) =>
        {
            var xml = Sitemap(urls.BaseUrl(context.Request), state.Snapshot.Graph);
            return Results.Text(xml, "application/xml", Encoding.UTF8);
        });
        endpoints.MapMethods("/robots.txt", [HttpMethods.Get, HttpMethods.Head], (HttpContext context, SiteUrls urls) =>
            Results.Text($"User-agent: *\nAllow: /\n\nSitemap: {urls.BaseUrl(context.Request)}/sitemap.xml\n", "text/plain", Encoding.UTF8));
        return endpoints;
    }

    /// <summary>The home page, the browse page, the comparison page and every structure, with the date each was last updated.</summary>
    internal static string Sitemap(string baseUrl, GraphSnapshot snapshot)
    {
        var builder = new StringBuilder();
        var settings = new XmlWriterSettings { Indent = true, Encoding = new UTF8Encoding(false), OmitXmlDeclaration = false };
        using (var writer = XmlWriter.Create(new StringWriterWithEncoding(builder, Encoding.UTF8), settings))
        {
            writer.WriteStartDocument();
            writer.WriteStartElement("urlset", "http://www.sitemaps.org/schemas/sitemap/0.9");
            var newest = snapshot.All.Select(n => n.Updated).Max();
            Url("/", newest);
            Url("/anatomy", newest);
            Url("/compare", null);
            foreach (var node in snapshot.All.OrderBy(n => n.Slug, StringComparer.Ordinal))
            {
                Url(node.Url, node.Updated);
            }

            writer.WriteEndElement();
            writer.WriteEndDocument();

            void Url(string path, DateOnly? updated)
            {
                writer.WriteStartElement("url");
                writer.WriteElementString("loc", baseUrl + path);
                if (updated is { } date)
                {
                    writer.WriteElementString("lastmod", date.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture));
                }

                writer.WriteEndElement();
            }
        }

        return builder.ToString();
    }

    /// <summary>A StringWriter that declares UTF-8 (the default declares UTF-16) in the XML header.</summary>
    private sealed class StringWriterWithEncoding(StringBuilder builder, Encoding encoding) : StringWriter(builder, CultureInfo.InvariantCulture)
    {
        public override Encoding Encoding => encoding;
    }
}
