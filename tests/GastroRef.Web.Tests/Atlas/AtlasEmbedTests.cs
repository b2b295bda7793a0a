using System.Globalization;
using System.Net;
using System.Text.Json;
using AngleSharp;
using GastroRef.Web.Tests.Infrastructure;

namespace GastroRef.Web.Tests.Atlas;

public sealed class AtlasEmbedTests : IClassFixture<AtlasEmbedTests.Fixture>
{
    private const string Highlighted = "highlight=gastrocnemius";
    private readonly Fixture _fixture;

    public AtlasEmbedTests(Fixture fixture) => _fixture = fixture;

    public sealed class Fixture : IDisposable
    {
        public SiteFactory Site { get; } = FixturePlate.Site();

        public void Dispose() => Site.Dispose();
    }

    private async Task<HttpResponseMessage> GetAsync(string path) =>
        // Relative paths are explicit: on Unix a bare "/embed/…" would otherwise parse as an absolute file URI.
        await (await _fixture.Site.ReadyClientAsync()).GetAsync(path.StartsWith("http", StringComparison.Ordinal) ? new Uri(path) : new Uri(path, UriKind.Relative));

    private static string FrameAncestors(HttpResponseMessage response) =>
        Assert.Single(Assert.Single(response.Headers.GetValues("Content-Security-Policy"))
            .Split(';', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries),
            d => d.StartsWith("frame-ancestors ", StringComparison.Ordinal))["frame-ancestors ".Length..];

    private static async Task<JsonElement> JsonAsync(HttpResponseMessage response)
    {
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal("application/json", response.Content.Headers.ContentType!.MediaType);
        return JsonDocument.Parse(await response.Content.ReadAsStringAsync()).RootElement;
    }

    [Fact]
    public async Task The_plate_embed_may_be_framed_anywhere_while_the_plate_page_may_not()
    {
        var embed = await GetAsync($"/embed/atlas/{FixturePlate.Slug}?{Highlighted}");
        var page = await GetAsync($"/atlas/{FixturePlate.Slug}?{Highlighted}");

        Assert.Equal(HttpStatusCode.OK, embed.StatusCode);
        Assert.Equal("*", FrameAncestors(embed));
        Assert.False(embed.Headers.Contains("X-Frame-Options"));
        Assert.Equal(HttpStatusCode.OK, page.StatusCode);
        Assert.Equal("'none'", FrameAncestors(page));
        Assert.Equal("DENY", Assert.Single(page.Headers.GetValues("X-Frame-Options")));
    }

    [Fact]
    public async Task The_plate_embed_is_the_highlighted_plate_alone_with_a_link_back_in_a_new_tab()
    {
        var page = await Html.ParseAsync(await GetAsync($"/embed/atlas/{FixturePlate.Slug}?{Highlighted}"));

        Assert.Null(page.QuerySelector(".site-header"));
        Assert.Null(page.QuerySelector(".site-footer"));
        Assert.Equal("_blank", page.QuerySelector("base")!.GetAttribute("target"));
        Assert.NotNull(page.QuerySelector("script[src*='/js/embed']"));
        Assert.NotNull(page.QuerySelector("link[href*='/css/atlas']"));
        Assert.Contains("Gastrocnemius", page.QuerySelector("h1")!.TextContent, StringComparison.Ordinal);
        var svg = page.QuerySelector("main#embed .plate-figure svg.plate")!;
        Assert.Contains("has-highlight", svg.GetAttribute("class"), StringComparison.Ordinal);
        var picked = svg.QuerySelectorAll("a.is-highlighted").Select(a => a.GetAttribute("href")).Order().ToList();
        Assert.Equal(["/anatomy/lateral-head-of-gastrocnemius", "/anatomy/medial-head-of-gastrocnemius"], picked);
        Assert.Equal(6, svg.QuerySelectorAll("a.structure-link").Length);
        var back = page.QuerySelector(".embed-credit a")!;
        Assert.Equal($"http://localhost/atlas/{FixturePlate.Slug}?{Highlighted}", back.GetAttribute("href"));
        Assert.Equal("_blank", back.GetAttribute("target"));
    }

    [Fact]
    public async Task A_plate_embed_without_highlight_shows_none()
    {
        var page = await Html.ParseAsync(await GetAsync($"/embed/atlas/{FixturePlate.Slug}"));

        var svg = page.QuerySelector("svg.plate")!;
        Assert.Empty(svg.QuerySelectorAll(".is-highlighted"));
        Assert.Equal($"http://localhost/atlas/{FixturePlate.Slug}", page.QuerySelector(".embed-credit a")!.GetAttribute("href"));
    }

    [Fact]
    public async Task An_embed_of_an_unknown_plate_is_a_404()
    {
        Assert.Equal(HttpStatusCode.NotFound, (await GetAsync("/embed/atlas/no-such-plate")).StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, (await GetAsync("/embed/atlas/no-such-plate?highlight=soleus")).StatusCode);
    }

    [Theory]
    [InlineData("?highlight=no-such-structure")]
    [InlineData("?highlight=%3Cscript%3E")]
    [InlineData("?highlight=soleus&highlight=tibial-nerve")]
    public async Task A_bad_highlight_in_an_embed_is_a_400_with_a_message_and_the_plate(string query)
    {
        var response = await GetAsync($"/embed/atlas/{FixturePlate.Slug}{query}");
        var page = await Html.ParseAsync(response);

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        Assert.False(string.IsNullOrWhiteSpace(page.QuerySelector("[role=alert]")?.TextContent));
        Assert.NotNull(page.QuerySelector("svg.plate"));
        Assert.Empty(page.QuerySelectorAll("svg.plate .is-highlighted"));
        Assert.DoesNotContain("<script>", await response.Content.ReadAsStringAsync(), StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_plate_address_with_highlight_becomes_a_rich_embed_of_the_plate()
    {
        var url = Uri.EscapeDataString($"http://localhost/atlas/{FixturePlate.Slug}?{Highlighted}");

        var json = await JsonAsync(await GetAsync($"/oembed?url={url}&format=json"));

        Assert.Equal("rich", json.GetProperty("type").GetString());
        Assert.Equal("Fixture calf: Gastrocnemius", json.GetProperty("title").GetString());
        Assert.Equal(640, json.GetProperty("width").GetInt32());
        // The drawing is 200 × 300, so 960 pixels tall at 640 wide, with room for the text below it.
        var height = json.GetProperty("height").GetInt32();
        Assert.InRange(height, 961, 1200);
        var html = await BrowsingContext.New().OpenAsync(r => r.Content(json.GetProperty("html").GetString()!));
        var frame = html.QuerySelector("iframe")!;
        Assert.Equal($"http://localhost/embed/atlas/{FixturePlate.Slug}?{Highlighted}", frame.GetAttribute("src"));
        Assert.Equal(height.ToString(CultureInfo.InvariantCulture), frame.GetAttribute("height"));
        Assert.Equal(HttpStatusCode.OK, (await GetAsync(frame.GetAttribute("src")!)).StatusCode);
    }

    [Theory]
    [InlineData("http://localhost/atlas/no-such-plate")]
    [InlineData("http://localhost/atlas/fixture-calf?highlight=no-such-structure")]
    [InlineData("https://example.org/atlas/fixture-calf")]
    public async Task Plate_addresses_that_name_nothing_here_are_404(string address)
    {
        var response = await GetAsync($"/oembed?url={Uri.EscapeDataString(address)}");

        Assert.Equal(HttpStatusCode.NotFound, response.StatusCode);
    }

    [Fact]
    public async Task Plate_pages_carry_the_discovery_link()
    {
        var page = await Html.ParseAsync(await GetAsync($"/atlas/{FixturePlate.Slug}?{Highlighted}"));

        var link = page.QuerySelector("link[rel=alternate][type='application/json+oembed']")!;
        Assert.Equal($"http://localhost/oembed?url=http%3A%2F%2Flocalhost%2Fatlas%2F{FixturePlate.Slug}%3F{Highlighted.Replace("=", "%3D", StringComparison.Ordinal)}&format=json", link.GetAttribute("href"));
        var json = await JsonAsync(await GetAsync(link.GetAttribute("href")!));
        var html = await BrowsingContext.New().OpenAsync(r => r.Content(json.GetProperty("html").GetString()!));
        Assert.Equal($"http://localhost/embed/atlas/{FixturePlate.Slug}?{Highlighted}", html.QuerySelector("iframe")!.GetAttribute("src"));
    }
}
