using System.Net;
using AngleSharp.Dom;
using GastroRef.Web.Atlas;
using GastroRef.Web.Data;
using GastroRef.Web.Tests.Infrastructure;
using Microsoft.Extensions.DependencyInjection;

namespace GastroRef.Web.Tests.Atlas;

public sealed class AtlasPageTests : IClassFixture<AtlasPageTests.Fixture>
{
    private readonly Fixture _fixture;

    public AtlasPageTests(Fixture fixture) => _fixture = fixture;

    public sealed class Fixture : IDisposable
    {
        public SiteFactory Site { get; } = FixturePlate.Site();

        public void Dispose() => Site.Dispose();
    }

    private async Task<(HttpResponseMessage Response, IDocument Document)> GetAsync(string path)
    {
        var client = await _fixture.Site.ReadyClientAsync();
        var response = await client.GetAsync(new Uri(path, UriKind.Relative));
        return (response, await Html.ParseAsync(response));
    }

    private async Task<AtlasSnapshot> AtlasAsync() =>
        await _fixture.Site.Services.GetRequiredService<PlateCatalog>().GetAsync(CancellationToken.None);

    [Fact]
    public async Task The_atlas_lists_every_plate_in_order_with_a_sized_thumbnail()
    {
        var atlas = await AtlasAsync();
        var (response, document) = await GetAsync("/atlas");

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        var cards = document.QuerySelectorAll(".atlas-list .atlas-card");
        Assert.Equal(atlas.Plates.Select(p => $"/atlas/{p.Plate.Slug}"), cards.Select(c => c.GetAttribute("href")));
        Assert.Contains(atlas.Plates, p => p.Plate.Slug == FixturePlate.Slug);
        Assert.Contains(atlas.Plates, p => p.Plate.Generated == "nerves");
        Assert.Contains(atlas.Plates, p => p.Plate.Generated == "vessels");
        foreach (var image in cards.Select(c => c.QuerySelector("img")!))
        {
            Assert.NotNull(image.GetAttribute("width"));
            Assert.Equal("180", image.GetAttribute("height"));
            var thumbnail = await (await _fixture.Site.ReadyClientAsync()).GetAsync(new Uri(image.GetAttribute("src")!, UriKind.Relative));
            Assert.Equal("image/svg+xml", thumbnail.Content.Headers.ContentType?.MediaType);
        }
    }

    [Fact]
    public async Task Each_structure_shape_is_a_named_link_to_its_page_with_a_tooltip()
    {
        var (_, document) = await GetAsync($"/atlas/{FixturePlate.Slug}");

        var svg = document.QuerySelector(".plate-figure svg.plate")!;
        var links = svg.QuerySelectorAll("a.structure-link");
        Assert.Equal(6, links.Length);
        var soleus = links.Single(a => a.GetAttribute("href") == "/anatomy/soleus");
        Assert.Equal("Soleus", soleus.GetAttribute("aria-label"));
        Assert.Equal("Soleus", soleus.Children.First(c => c.LocalName == "title").TextContent);
        Assert.NotNull(soleus.QuerySelector("[data-structure='soleus']"));
        Assert.Null(svg.GetAttribute("width"));
        Assert.Empty(svg.QuerySelectorAll("[aria-current]"));
        Assert.Empty(svg.QuerySelectorAll(".is-highlighted"));
        Assert.DoesNotContain("has-highlight", svg.GetAttribute("class"), StringComparison.Ordinal);
    }

    [Fact]
    public async Task Highlight_picks_out_the_structure_and_its_parts()
    {
        var (response, document) = await GetAsync($"/atlas/{FixturePlate.Slug}?highlight=gastrocnemius");

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        var svg = document.QuerySelector("svg.plate")!;
        Assert.Contains("has-highlight", svg.GetAttribute("class"), StringComparison.Ordinal);
        var picked = svg.QuerySelectorAll("a.is-highlighted").Select(a => a.GetAttribute("href")).Order().ToList();
        Assert.Equal(["/anatomy/lateral-head-of-gastrocnemius", "/anatomy/medial-head-of-gastrocnemius"], picked);
        Assert.Contains("is-highlighted", svg.QuerySelector(".label[data-label-for='medial-head-of-gastrocnemius']")!.GetAttribute("class"), StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("?highlight=no-such-structure")]
    [InlineData("?highlight=%3Cscript%3E")]
    [InlineData("?highlight=soleus&highlight=tibial-nerve")]
    public async Task A_bad_highlight_is_a_400_with_a_message_and_the_plate(string query)
    {
        var (response, document) = await GetAsync($"/atlas/{FixturePlate.Slug}{query}");

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        Assert.NotNull(document.QuerySelector("[role=alert]"));
        Assert.NotNull(document.QuerySelector("svg.plate"));
        Assert.DoesNotContain("<script>", await response.Content.ReadAsStringAsync(), StringComparison.Ordinal);
    }

    [Fact]
    public async Task An_unknown_plate_is_a_404()
    {
        var client = await _fixture.Site.ReadyClientAsync();

        Assert.Equal(HttpStatusCode.NotFound, (await client.GetAsync(new Uri("/atlas/no-such-plate", UriKind.Relative))).StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, (await client.GetAsync(new Uri("/atlas/no-such-plate/thumbnail.svg", UriKind.Relative))).StatusCode);
    }

    [Fact]
    public async Task Every_page_appears_on_a_plate_itself_or_through_its_parts_contents_or_affected_structures()
    {
        var atlas = await AtlasAsync();
        var graph = atlas.Graph;

        var missing = graph.All
            .Where(node => !atlas.Plates.Any(p => p.Structures.Overlaps(PlateHighlights.For(graph, node.Slug))))
            .Select(node => node.Slug)
            .ToList();

        Assert.True(missing.Count == 0, $"on no plate: {string.Join(", ", missing)}");
        // Anatomy (not conditions or regions) appears as a shape of its own or of its parts, not only through neighbours.
        var ownShapes = graph.All.Where(n => n.Type is not ("condition" or "region"))
            .Where(n => !atlas.Plates.Any(p => p.Structures.Contains(n.Slug) || graph.Incoming(n.Slug).Any(e => e.Kind == "part_of" && p.Structures.Contains(e.From))))
            .Select(n => n.Slug)
            .ToList();
        Assert.True(ownShapes.Count == 0, $"no shape of its own or of its parts: {string.Join(", ", ownShapes)}");
    }

    [Fact]
    public async Task Every_data_structure_on_every_plate_resolves_to_a_page()
    {
        var atlas = await AtlasAsync();
        var client = await _fixture.Site.ReadyClientAsync();

        foreach (var view in atlas.Plates)
        {
            Assert.NotEmpty(view.Structures);
            foreach (var slug in view.Structures)
            {
                var response = await client.GetAsync(new Uri($"/anatomy/{slug}", UriKind.Relative));
                Assert.True(response.StatusCode == HttpStatusCode.OK, $"{view.Plate.Slug}: data-structure '{slug}' answers {response.StatusCode}");
            }

            var (_, document) = await GetAsync(view.Url);
            var hrefs = document.QuerySelectorAll("svg.plate a.structure-link").Select(a => a.GetAttribute("href")!).Distinct().Order().ToList();
            Assert.Equal(view.Structures.Select(s => $"/anatomy/{s}").Order(), hrefs);
        }
    }

    [Fact]
    public async Task The_nerve_tree_runs_from_the_sciatic_nerve_through_the_sural_nerve_to_the_muscles()
    {
        var (_, document) = await GetAsync("/atlas/nerves-of-leg?highlight=tibial-nerve");

        var svg = document.QuerySelector("svg.plate")!;
        var linked = svg.QuerySelectorAll("a.structure-link").Select(a => a.GetAttribute("href")).ToHashSet();
        Assert.Contains("/anatomy/tibial-nerve", linked);
        Assert.Contains("/anatomy/common-fibular-nerve", linked);
        Assert.Contains("/anatomy/sural-nerve", linked);
        Assert.Contains("/anatomy/soleus", linked);
        Assert.Contains("/anatomy/biceps-femoris", linked);
        var context = svg.QuerySelectorAll(".tree-context text").Select(t => t.TextContent).ToList();
        Assert.Contains("Medial sural cutaneous nerve", context);
        Assert.Contains("Sural communicating branch", context);
        Assert.Equal(["/anatomy/tibial-nerve"], svg.QuerySelectorAll("a.is-highlighted").Select(a => a.GetAttribute("href")));
        Assert.Equal(["/anatomy/tibial-nerve"], svg.QuerySelectorAll("a[aria-current]").Select(a => a.GetAttribute("href")));
    }

    [Fact]
    public async Task Each_article_highlights_exactly_its_own_structure()
    {
        var atlas = await AtlasAsync();
        var graph = atlas.Graph;
        foreach (var node in graph.All)
        {
            var (_, document) = await GetAsync(node.Url);
            var expected = PlateHighlights.For(graph, node.Slug);
            var shown = atlas.Plates.Any(p => p.Structures.Overlaps(expected));
            var figures = document.QuerySelector("section#figures");
            Assert.True(shown == (figures is not null), $"{node.Slug}: figures section {(figures is null ? "missing" : "unexpected")}");
            if (figures is null)
            {
                continue;
            }

            Assert.NotNull(document.QuerySelector(".toc-wide a[href='#figures']"));
            var inlined = figures.QuerySelectorAll("svg.plate");
            Assert.NotEmpty(inlined);
            foreach (var svg in inlined)
            {
                var current = svg.QuerySelectorAll("a[aria-current='page']").Select(a => a.GetAttribute("href")).Distinct().ToList();
                Assert.True(current.All(h => h == node.Url), $"{node.Slug}: aria-current on {string.Join(", ", current)}");
                var picked = svg.QuerySelectorAll("a.is-highlighted").Select(a => a.GetAttribute("href")!["/anatomy/".Length..]).ToHashSet();
                Assert.NotEmpty(picked);
                Assert.True(picked.IsSubsetOf(expected), $"{node.Slug}: highlights {string.Join(", ", picked.Except(expected))}");
                var all = svg.QuerySelectorAll("a.structure-link").Select(a => a.GetAttribute("href")!["/anatomy/".Length..]).ToHashSet();
                Assert.Equal(all.Intersect(expected).Order(), picked.Order());
            }

            // The best plate comes first: a drawing that shows the structure itself, when there is one.
            var own = atlas.Plates.Any(p => p.Structures.Contains(node.Slug)) &&
                (atlas.Plates.Any(p => p.Plate.Generated is null && p.Structures.Contains(node.Slug)) || !atlas.Plates.Any(p => p.Plate.Generated is null && p.Structures.Overlaps(expected)));
            Assert.Equal(own, inlined[0].QuerySelector($"a[aria-current='page']") is not null);
        }
    }

    [Fact]
    public async Task Group_region_and_condition_pages_show_their_parts_boundaries_contents_and_affected_structures()
    {
        async Task<HashSet<string>> PickedAsync(string slug) =>
            (await GetAsync($"/anatomy/{slug}")).Document.QuerySelectorAll("#figures svg.plate a.is-highlighted").Select(a => a.GetAttribute("href")!).ToHashSet();

        var gastrocnemius = await PickedAsync("gastrocnemius");
        Assert.Contains("/anatomy/medial-head-of-gastrocnemius", gastrocnemius);
        Assert.Contains("/anatomy/lateral-head-of-gastrocnemius", gastrocnemius);
        Assert.DoesNotContain("/anatomy/soleus", gastrocnemius);

        var fossa = await PickedAsync("popliteal-fossa");
        Assert.Contains("/anatomy/popliteal-fossa", fossa);
        Assert.Contains("/anatomy/tibial-nerve", fossa);
        Assert.Contains("/anatomy/popliteal-artery", fossa);

        var tennisLeg = await PickedAsync("tennis-leg");
        Assert.Contains("/anatomy/medial-head-of-gastrocnemius", tennisLeg);
        Assert.Contains("/anatomy/soleus", tennisLeg);
        Assert.DoesNotContain("/anatomy/tibial-nerve", tennisLeg);
    }

    [Fact]
    public async Task The_gastrocnemius_article_with_its_figures_stays_under_150_KB()
    {
        var client = await _fixture.Site.ReadyClientAsync();

        var html = await client.GetStringAsync(new Uri("/anatomy/gastrocnemius", UriKind.Relative));

        Assert.Contains("id=\"figures\"", html, StringComparison.Ordinal);
        Assert.True(System.Text.Encoding.UTF8.GetByteCount(html) < 150 * 1024, $"{html.Length / 1024} KB");
    }

    [Fact]
    public async Task A_broken_plate_keeps_its_last_good_version_and_is_reported()
    {
        using var site = FixturePlate.Site();
        var client = await site.ReadyClientAsync();
        var before = await client.GetStringAsync(new Uri($"/atlas/{FixturePlate.Slug}", UriKind.Relative));

        site.WriteContent($"plates/{FixturePlate.Slug}.svg", FixturePlate.Svg.Replace("<title>Fixture calf</title>", "<title>Changed</title><script>alert(1)</script>", StringComparison.Ordinal));
        var report = await site.ReseedAsync();

        Assert.Contains(report.Problems, p => p.Path == $"plates/{FixturePlate.Slug}.svg" && p.Line == 2 && p.Message.Contains("<script>", StringComparison.Ordinal));
        var after = await client.GetStringAsync(new Uri($"/atlas/{FixturePlate.Slug}", UriKind.Relative));
        Assert.Equal(before, after);
        Assert.DoesNotContain("alert(1)", after, StringComparison.Ordinal);

        File.Delete(Path.Combine(site.ContentPath, "plates", FixturePlate.Slug + ".svg"));
        File.Delete(Path.Combine(site.ContentPath, "plates", FixturePlate.Slug + ".yml"));
        Assert.True((await site.ReseedAsync()).PlatesChanged);
        Assert.Equal(HttpStatusCode.NotFound, (await client.GetAsync(new Uri($"/atlas/{FixturePlate.Slug}", UriKind.Relative))).StatusCode);
    }
}
