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
        Assert.Contains("/anatomy/tibial-nerve", root.GetProperty("keyFacts").GetProperty("innervation").GetString(), StringComparison.Ordinal);
        var sections = root.GetProperty("sections").EnumerateArray().ToList();
        Assert.Contains(sections, s => s.GetProperty("id").GetString() == "innervation" && s.GetProperty("html").GetString()!.Length > 50);
        Assert.All(sections, s => Assert.False(string.IsNullOrEmpty(s.GetProperty("title").GetString())));
        Assert.Contains(root.GetProperty("relations").EnumerateArray(), r => r.GetProperty("kind").GetString() == "innervated_by");
        Assert.Equal("/anatomy/gastrocnemius", root.GetProperty("url").GetString());
        Assert.Equal(JsonValueKind.String, root.GetProperty("updated").ValueKind);
    }

    [Fact]
    public async Task Structure_list_has_every_structure()
    {
        var client = await site.ReadyClientAsync();
        using var json = JsonDocument.Parse(await client.GetStringAsync(new Uri("/api/structures", UriKind.Relative)));

        var slugs = json.RootElement.EnumerateArray().Select(e => e.GetProperty("slug").GetString()).ToList();
        Assert.Contains("gastrocnemius", slugs);
        Assert.Equal(Directory.EnumerateFiles(site.ContentPath, "*.md", SearchOption.AllDirectories).Count(), slugs.Count);
        Assert.All(json.RootElement.EnumerateArray(), e => Assert.StartsWith("/anatomy/", e.GetProperty("url").GetString(), StringComparison.Ordinal));
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
