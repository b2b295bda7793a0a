using System.Text.Json;
using GastroRef.Web.Data;
using GastroRef.Web.Pages.Anatomy;
using GastroRef.Web.Tests.Infrastructure;

namespace GastroRef.Web.Tests.Pages.Anatomy;

/// <summary>JSON-LD is data inside a script element: nothing in the content may end that element early.</summary>
public sealed class JsonLdEscapingTests : IDisposable
{
    private const string Hostile = "Evil </script><script>alert(1)</script> <!-- & 'quotes' \"double\"";

    private readonly SiteFactory _site = new();

    public void Dispose() => _site.Dispose();

    [Fact]
    public void The_builder_escapes_angle_brackets_so_script_end_tags_cannot_appear()
    {
        var record = new StructureRecord
        {
            Slug = "evil", Title = Hostile, Type = "muscle", Summary = "</SCRIPT >" + Hostile, Latin = "<!--", Aliases = Hostile,
            SourcePath = "muscles/evil.md", Fingerprint = "x", DocumentJson = "{}",
        };
        var document = new StoredDocument([], new("", ""), [], [new("", Hostile)], new Dictionary<string, string>());
        var connections = new List<ConnectionGroup> { new("innervated_by", ConnectionDirection.Outgoing, "Innervated by", [new("bad", Hostile, "nerve")]) };

        var json = StructureJsonLd.Build(new("https://example.org", record, document, connections, [new(Hostile, "/anatomy/bad")]));

        Assert.DoesNotContain("<", json, StringComparison.Ordinal);
        Assert.DoesNotContain(">", json, StringComparison.Ordinal);
        using var parsed = JsonDocument.Parse(json);
        var muscle = parsed.RootElement.GetProperty("@graph")[1];
        Assert.Equal(Hostile, muscle.GetProperty("name").GetString());
        Assert.Equal(Hostile, muscle.GetProperty("nerve")[0].GetProperty("name").GetString());
    }

    [Fact]
    public async Task Hostile_titles_and_summaries_stay_inside_the_json_ld_on_the_page()
    {
        _site.WriteContent("muscles/evil-muscle.md", $$"""
            ---
            title: "{{Hostile.Replace("\"", "\\\"", StringComparison.Ordinal)}}"
            type: muscle
            summary: "</script><img src=x onerror=alert(2)>"
            aliases: ["</script><script>alert(3)</script>"]
            relations:
              innervated_by: [tibial-nerve]
            sources:
              - "One </script> source."
              - "Two."
            updated: 2026-11-21
            ---

            Text.
            """);
        var client = await _site.ReadyClientAsync();
        await _site.ReseedAsync();

        var response = await client.GetAsync(new Uri("/anatomy/evil-muscle", UriKind.Relative));
        var html = await response.Content.ReadAsStringAsync();
        var page = await Html.ParseAsync(response);

        Assert.True(response.IsSuccessStatusCode, $"{(int)response.StatusCode}");
        Assert.DoesNotContain("<script>alert", html, StringComparison.OrdinalIgnoreCase);
        Assert.DoesNotContain("<img src=x", html, StringComparison.OrdinalIgnoreCase);
        var scripts = page.QuerySelectorAll("script").ToList();
        // Only the site's own script files and the one JSON-LD block: nothing from the content became a script.
        Assert.All(scripts, s => Assert.True(
            s.GetAttribute("type") == "application/ld+json" || (s.GetAttribute("src") ?? "").StartsWith("/js/", StringComparison.Ordinal),
            s.OuterHtml));
        var data = Assert.Single(scripts, s => s.GetAttribute("type") == "application/ld+json");
        using var json = JsonDocument.Parse(data.TextContent);
        var muscle = json.RootElement.GetProperty("@graph").EnumerateArray().Single(n => n.GetProperty("@type").GetString() == "Muscle");
        Assert.Equal(Hostile, muscle.GetProperty("name").GetString());
        Assert.Equal("</script><img src=x onerror=alert(2)>", muscle.GetProperty("description").GetString());
        Assert.Equal(Hostile, page.QuerySelector("meta[property='og:title']")!.GetAttribute("content"));
        Assert.Empty(page.QuerySelectorAll("img"));
    }
}
