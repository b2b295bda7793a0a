using System.Net;
using AngleSharp.Dom;
using AngleSharp.Html.Parser;
using GastroRef.Web.Tests.Infrastructure;

namespace GastroRef.Web.Tests.Pages;

/// <summary>Follows every internal link from the home page, as a visitor or a search engine would, and checks
/// that every page, asset and <c>#anchor</c> it finds exists.</summary>
public sealed class SiteCrawlTests(SiteFactory site) : IClassFixture<SiteFactory>
{
    private const int MaxUrls = 5000;

    private static readonly Uri Root = new("http://localhost/");

    [Fact]
    public async Task Every_internal_link_and_anchor_on_the_whole_site_resolves()
    {
        var client = await site.ReadyClientAsync();
        var parser = new HtmlParser();
        var queue = new Queue<(Uri Url, Uri From)>([(Root, Root)]);
        var visited = new HashSet<Uri>();
        var idsByPage = new Dictionary<Uri, HashSet<string>>();
        var redirectedTo = new Dictionary<Uri, Uri>();
        var anchors = new List<(Uri Page, string Id, Uri From)>();
        var broken = new List<string>();

        while (queue.TryDequeue(out var next) && visited.Count < MaxUrls)
        {
            if (!visited.Add(next.Url))
            {
                continue;
            }

            var (response, final) = await GetFollowingRedirectsAsync(client, next.Url);
            redirectedTo[next.Url] = final;
            if (response.StatusCode != HttpStatusCode.OK)
            {
                broken.Add($"{next.Url.PathAndQuery} ({(int)response.StatusCode}), linked from {next.From.PathAndQuery}");
                continue;
            }

            if (response.Content.Headers.ContentType?.MediaType != "text/html")
            {
                continue;
            }

            var document = await parser.ParseDocumentAsync(await response.Content.ReadAsStringAsync());
            idsByPage[final] = [.. document.All.Select(e => e.Id).OfType<string>(), .. document.QuerySelectorAll("a[name]").Select(a => a.GetAttribute("name")!)];
            foreach (var reference in References(document))
            {
                if (!Uri.TryCreate(final, reference, out var target))
                {
                    broken.Add($"unparsable link '{reference}' on {final.PathAndQuery}");
                    continue;
                }

                if (target.Scheme is not ("http" or "https") || target.Authority != Root.Authority)
                {
                    continue; // mailto: and other sites
                }

                var page = new Uri(target.GetLeftPart(UriPartial.Query));
                if (target.Fragment.Length > 1)
                {
                    anchors.Add((page, Uri.UnescapeDataString(target.Fragment[1..]), final));
                }

                queue.Enqueue((page, final));
            }
        }

        foreach (var (page, id, from) in anchors)
        {
            if (idsByPage.TryGetValue(redirectedTo.GetValueOrDefault(page, page), out var ids) && !ids.Contains(id))
            {
                broken.Add($"{page.PathAndQuery}#{id} (no such id), linked from {from.PathAndQuery}");
            }
        }

        Assert.True(visited.Count < MaxUrls, "the crawl did not finish: links keep producing new addresses");
        Assert.True(idsByPage.Count >= 30, $"only {idsByPage.Count} pages were reached");
        Assert.Contains(idsByPage.Keys, page => page.AbsolutePath == "/anatomy/gastrocnemius");
        Assert.True(anchors.Count >= 100, $"only {anchors.Count} anchors were found");
        Assert.True(broken.Count == 0, $"{broken.Count} broken:\n{string.Join("\n", broken.Distinct().Take(50))}");
    }

    /// <summary>What a browser would request or navigate to: links, stylesheets and other linked resources,
    /// scripts, images. Forms are left out: they need a visitor's input. So is the OpenSearch description
    /// (<c>link rel="search"</c>), which belongs to the search endpoints and is checked with them.</summary>
    private static IEnumerable<string> References(IDocument document) =>
        document.QuerySelectorAll("a[href], area[href], link[href]:not([rel=search])").Select(e => e.GetAttribute("href")!)
            .Concat(document.QuerySelectorAll("script[src], img[src], source[src], iframe[src]").Select(e => e.GetAttribute("src")!))
            .Where(url => !url.StartsWith("mailto:", StringComparison.OrdinalIgnoreCase));

    private static async Task<(HttpResponseMessage Response, Uri Final)> GetFollowingRedirectsAsync(HttpClient client, Uri url)
    {
        for (var hops = 0; ; hops++)
        {
            var response = await client.GetAsync(url);
            if (response.StatusCode is not (HttpStatusCode.MovedPermanently or HttpStatusCode.Found or HttpStatusCode.RedirectKeepVerb or HttpStatusCode.PermanentRedirect) || hops == 5)
            {
                return (response, url);
            }

            url = new Uri(url, response.Headers.Location!);
        }
    }
}
