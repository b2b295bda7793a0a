using System.Net;
using GastroRef.Web.Tests.Infrastructure;

namespace GastroRef.Web.Tests.Data;

/// <summary>Bad relations reach the site log as path:line: message, and never reach the pages.</summary>
public sealed class RelationValidationLogTests : IDisposable
{
    private readonly SiteFactory _site = new();

    public void Dispose() => _site.Dispose();

    [Fact]
    public async Task Unknown_slugs_and_wrong_kinds_are_logged_with_file_and_line_and_the_page_keeps_its_last_good_version()
    {
        var client = await _site.ReadyClientAsync();
        var path = Path.Combine(_site.ContentPath, "muscles", "plantaris.md");
        var lines = File.ReadAllLines(path).ToList();
        var innervated = lines.FindIndex(l => l.StartsWith("  innervated_by:", StringComparison.Ordinal));
        lines[innervated] = "  innervated_by: [tibial-nerve, popliteal-artery]";
        lines.Insert(innervated + 1, "  antagonists: [tibialis-posteror]");
        _site.WriteContent("muscles/plantaris.md", string.Join('\n', lines) + "\n");

        var report = await _site.ReseedAsync();

        var errors = report.Problems.Where(p => p.IsError).Select(p => p.ToString()).ToList();
        Assert.Contains($"muscles/plantaris.md:{innervated + 1}: innervated_by 'popliteal-artery' is an artery (vessels/popliteal-artery.md); it must be a nerve", errors);
        Assert.Contains($"muscles/plantaris.md:{innervated + 2}: antagonists: no structure has the slug 'tibialis-posteror'; did you mean 'tibialis-posterior'?", errors);
        Assert.Contains(_site.LogLines, l => l.StartsWith("Error: ", StringComparison.Ordinal) && l.Contains($"muscles/plantaris.md:{innervated + 1}: innervated_by 'popliteal-artery' is an artery", StringComparison.Ordinal));
        Assert.Contains(_site.LogLines, l => l.Contains($"muscles/plantaris.md:{innervated + 2}: antagonists: no structure has the slug 'tibialis-posteror'", StringComparison.Ordinal));

        // The bad relation never becomes a connection: the artery does not "innervate" plantaris.
        var artery = await Html.ParseAsync(await client.GetAsync(new Uri("/anatomy/popliteal-artery", UriKind.Relative)));
        Assert.DoesNotContain(artery.QuerySelectorAll("#connections dt"), dt => dt.TextContent == "Innervates");
        var plantaris = await client.GetAsync(new Uri("/anatomy/plantaris", UriKind.Relative));
        Assert.Equal(HttpStatusCode.OK, plantaris.StatusCode);
    }

    [Fact]
    public async Task A_relation_added_on_one_page_shows_on_the_other_after_reseeding_and_goes_when_removed()
    {
        var client = await _site.ReadyClientAsync();
        var path = Path.Combine(_site.ContentPath, "muscles", "popliteus.md");
        var original = File.ReadAllText(path);
        _site.WriteContent("muscles/popliteus.md", original.Replace("  antagonists: [biceps-femoris]", "  antagonists: [biceps-femoris, soleus]", StringComparison.Ordinal));
        await _site.ReseedAsync();

        Assert.Contains("/anatomy/popliteus", await AntagonistsAsync(client, "soleus"));

        _site.WriteContent("muscles/popliteus.md", original);
        await _site.ReseedAsync();

        Assert.DoesNotContain("/anatomy/popliteus", await AntagonistsAsync(client, "soleus"));
    }

    private static async Task<List<string?>> AntagonistsAsync(HttpClient client, string slug)
    {
        var page = await Html.ParseAsync(await client.GetAsync(new Uri($"/anatomy/{slug}", UriKind.Relative)));
        var dt = page.QuerySelectorAll("#connections dt").FirstOrDefault(d => d.TextContent == "Antagonists");
        return dt is null ? [] : [.. dt.NextElementSibling!.QuerySelectorAll("a").Select(a => a.GetAttribute("href"))];
    }
}
