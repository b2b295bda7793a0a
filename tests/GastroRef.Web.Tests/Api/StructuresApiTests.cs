using System.Net;
using System.Text.Json;
using GastroRef.Web.Tests.Infrastructure;

namespace GastroRef.Web.Tests.Api;

public sealed class StructuresApiTests(SiteFactory site) : IClassFixture<SiteFactory>
{
    [Fact]
    public async Task Structure_json_has_the_documented_shape()
    {
        var client = await site.ReadyClientAsync();
        var response = await client.GetAsync(new Uri("/api/structures/gastrocnemius", UriKind.Relative));
        Assert.Equal("application/json", response.Content.Headers.ContentType!.MediaType);
        using var json = JsonDocument.Parse(await response.Content.ReadAsStringAsync());
        var root = json.RootElement;

        Assert.Equal("gastrocnemius", root.GetProperty("slug").GetString());
        Assert.Equal("Gastrocnemius", root.GetProperty("title").GetString());
        Assert.Equal("muscle", root.GetProperty("type").GetString());
        Assert.Equal("Musculus gastrocnemius", root.GetProperty("latin").GetString());
        Assert.Contains("calf muscle", root.GetProperty("aliases").EnumerateArray().Select(a => a.GetString()));
        Assert.False(string.IsNullOrEmpty(root.GetProperty("summary").GetString()));
        var innervation = root.GetProperty("keyFacts").EnumerateArray().Single(f => f.GetProperty("field").GetString() == "innervation");
        Assert.Equal("Innervation", innervation.GetProperty("label").GetString());
        Assert.Contains("href=\"http://localhost/anatomy/tibial-nerve\"", innervation.GetProperty("html").GetString(), StringComparison.Ordinal);
        Assert.StartsWith("Tibial nerve", innervation.GetProperty("text").GetString(), StringComparison.Ordinal);
        var sections = root.GetProperty("sections").EnumerateArray().ToList();
        Assert.Contains(sections, s => s.GetProperty("id").GetString() == "innervation" && s.GetProperty("html").GetString()!.Length > 50
            && s.GetProperty("url").GetString() == "http://localhost/anatomy/gastrocnemius#innervation");
        Assert.All(sections, s => Assert.False(string.IsNullOrEmpty(s.GetProperty("title").GetString())));
        Assert.Contains(root.GetProperty("relations").EnumerateArray(), r => r.GetProperty("kind").GetString() == "innervated_by");
        Assert.Equal("http://localhost/anatomy/gastrocnemius", root.GetProperty("url").GetString());
        Assert.Equal(JsonValueKind.String, root.GetProperty("updated").ValueKind);
    }

    [Fact]
    public async Task Structure_json_has_the_opening_paragraph_as_html_and_text()
    {
        var client = await site.ReadyClientAsync();
        using var json = JsonDocument.Parse(await client.GetStringAsync(new Uri("/api/structures/gastrocnemius", UriKind.Relative)));

        var lead = json.RootElement.GetProperty("lead");
        Assert.StartsWith("The gastrocnemius is the muscle you see", lead.GetProperty("text").GetString(), StringComparison.Ordinal);
        Assert.StartsWith("<p>", lead.GetProperty("html").GetString(), StringComparison.Ordinal);
        Assert.Contains("href=\"http://localhost/anatomy/soleus\"", lead.GetProperty("html").GetString(), StringComparison.Ordinal);
    }

    [Fact]
    public async Task Key_facts_are_a_list_in_the_order_the_page_shows_them()
    {
        var client = await site.ReadyClientAsync();
        using var json = JsonDocument.Parse(await client.GetStringAsync(new Uri("/api/structures/gastrocnemius", UriKind.Relative)));
        var page = await Html.ParseAsync(await client.GetAsync(new Uri("/anatomy/gastrocnemius", UriKind.Relative)));

        var labels = json.RootElement.GetProperty("keyFacts").EnumerateArray().Select(f => f.GetProperty("label").GetString()).ToList();
        Assert.Equal(page.QuerySelectorAll("#key-facts th").Select(th => (string?)th.TextContent.Trim()).ToList(), labels);
        Assert.All(json.RootElement.GetProperty("keyFacts").EnumerateArray(), f => Assert.DoesNotContain("<", f.GetProperty("text").GetString(), StringComparison.Ordinal));
    }

    [Fact]
    public async Task Links_inside_the_html_point_to_the_site_from_anywhere()
    {
        var client = await site.ReadyClientAsync();
        var body = await client.GetStringAsync(new Uri("/api/structures/gastrocnemius", UriKind.Relative));

        Assert.DoesNotContain("href=\\\"/", body, StringComparison.Ordinal);
        Assert.DoesNotContain("href=\\\"#", body, StringComparison.Ordinal);
        Assert.Contains("http://localhost/anatomy/gastrocnemius#source-1", body, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Structure_list_has_every_structure()
    {
        var client = await site.ReadyClientAsync();
        using var json = JsonDocument.Parse(await client.GetStringAsync(new Uri("/api/structures", UriKind.Relative)));

        var slugs = json.RootElement.EnumerateArray().Select(e => e.GetProperty("slug").GetString()).ToList();
        Assert.Contains("gastrocnemius", slugs);
        Assert.Equal(Directory.EnumerateFiles(site.ContentPath, "*.md", SearchOption.AllDirectories).Count(), slugs.Count);
        Assert.All(json.RootElement.EnumerateArray(), e => Assert.StartsWith("http://localhost/anatomy/", e.GetProperty("url").GetString(), StringComparison.Ordinal));
    }

    [Fact]
    public async Task Unknown_structure_is_a_json_404()
    {
        var client = await site.ReadyClientAsync();
        var response = await client.GetAsync(new Uri("/api/structures/no-such-thing", UriKind.Relative));

        Assert.Equal(HttpStatusCode.NotFound, response.StatusCode);
        Assert.Equal("application/problem+json", response.Content.Headers.ContentType!.MediaType);
    }
}
