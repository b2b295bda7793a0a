using System.Net;
using GastroRef.Web.Tests.Infrastructure;

namespace GastroRef.Web.Tests.Data;

public sealed class ContentWatchTests : IDisposable
{
    private readonly SiteFactory _site = new(watchContent: true);

    public void Dispose() => _site.Dispose();

    [Fact]
    public async Task With_watching_on_an_edit_shows_on_the_next_refresh_without_a_restart()
    {
        var client = await _site.ReadyClientAsync();
        var path = Path.Combine(_site.ContentPath, "muscles", "plantaris.md");
        var text = await File.ReadAllTextAsync(path);
        await File.WriteAllTextAsync(path, text.Replace("title: Plantaris", "title: Plantaris (edited)", StringComparison.Ordinal));

        var title = "";
        for (var attempt = 0; attempt < 100 && title != "Plantaris (edited)"; attempt++)
        {
            await Task.Delay(100);
            var page = await Html.ParseAsync(await client.GetAsync(new Uri("/anatomy/plantaris", UriKind.Relative)));
            title = page.QuerySelector("h1")!.TextContent.Trim();
        }

        Assert.Equal("Plantaris (edited)", title);
    }

    [Fact]
    public async Task A_content_folder_deleted_then_restored_is_unhealthy_meanwhile_and_heals_within_seconds()
    {
        var client = await _site.ReadyClientAsync();
        var backup = _site.ContentPath + "-backup";
        CopyDirectory(_site.ContentPath, backup);

        Directory.Delete(_site.ContentPath, recursive: true);

        var health = await WaitForHealthAsync(client, HttpStatusCode.ServiceUnavailable, TimeSpan.FromSeconds(20));
        Assert.Contains("cannot be read", health, StringComparison.Ordinal);
        Assert.Equal(HttpStatusCode.OK, (await client.GetAsync(new Uri("/anatomy/plantaris?while=gone", UriKind.Relative))).StatusCode);

        // Restored with an edit in it: the watcher must be watching the new folder, not the deleted one.
        CopyDirectory(backup, _site.ContentPath);
        Assert.StartsWith("ok:", await WaitForHealthAsync(client, HttpStatusCode.OK, TimeSpan.FromSeconds(20)), StringComparison.Ordinal);
        await EditTitleAsync(_site.ContentPath, "Plantaris (restored and edited)");
        Assert.Equal("Plantaris (restored and edited)", await WaitForTitleAsync(client, "Plantaris (restored and edited)"));
    }

    [Fact]
    public async Task A_content_folder_moved_away_and_replaced_is_followed_by_its_path()
    {
        var client = await _site.ReadyClientAsync();
        var moved = _site.ContentPath + "-moved";
        Directory.Move(_site.ContentPath, moved);
        CopyDirectory(moved, _site.ContentPath);
        await Task.Delay(TimeSpan.FromSeconds(2)); // a periodic check or two

        // An edit in the moved folder is not the site's content any more; one in the folder at the path is.
        await EditTitleAsync(moved, "Plantaris (in the moved folder)");
        await EditTitleAsync(_site.ContentPath, "Plantaris (in the new folder)");

        Assert.Equal("Plantaris (in the new folder)", await WaitForTitleAsync(client, "Plantaris (in the new folder)"));
        Assert.StartsWith("ok:", await (await client.GetAsync(new Uri("/healthz", UriKind.Relative))).Content.ReadAsStringAsync(), StringComparison.Ordinal);
    }

    [Fact]
    public async Task Every_request_is_logged_on_one_line_with_method_path_status_and_time()
    {
        var client = await _site.ReadyClientAsync();
        Assert.Equal(HttpStatusCode.OK, (await client.GetAsync(new Uri("/anatomy/soleus", UriKind.Relative))).StatusCode);

        Assert.Contains(_site.LogLines, line => line.StartsWith("Information: HTTP GET /anatomy/soleus responded 200 in ", StringComparison.Ordinal) && line.EndsWith(" ms", StringComparison.Ordinal));
    }

    private static async Task EditTitleAsync(string contentPath, string title)
    {
        var path = Path.Combine(contentPath, "muscles", "plantaris.md");
        var text = await File.ReadAllTextAsync(path);
        await File.WriteAllTextAsync(path, System.Text.RegularExpressions.Regex.Replace(text, "(?m)^title: .*$", $"title: {title}"));
    }

    private static async Task<string> WaitForTitleAsync(HttpClient client, string wanted)
    {
        var title = "";
        for (var attempt = 0; attempt < 200 && title != wanted; attempt++)
        {
            await Task.Delay(100);
            var page = await Html.ParseAsync(await client.GetAsync(new Uri("/anatomy/plantaris", UriKind.Relative)));
            title = page.QuerySelector("h1")?.TextContent.Trim() ?? "";
        }

        return title;
    }

    private static async Task<string> WaitForHealthAsync(HttpClient client, HttpStatusCode wanted, TimeSpan within)
    {
        var clock = System.Diagnostics.Stopwatch.StartNew();
        var last = "";
        while (clock.Elapsed < within)
        {
            var response = await client.GetAsync(new Uri("/healthz", UriKind.Relative));
            last = await response.Content.ReadAsStringAsync();
            if (response.StatusCode == wanted)
            {
                return last;
            }

            await Task.Delay(100);
        }

        throw new Xunit.Sdk.XunitException($"/healthz never answered {wanted} within {within}; last: {last}");
    }

    private static void CopyDirectory(string from, string to)
    {
        foreach (var file in Directory.EnumerateFiles(from, "*", SearchOption.AllDirectories))
        {
            var target = Path.Combine(to, Path.GetRelativePath(from, file));
            Directory.CreateDirectory(Path.GetDirectoryName(target)!);
            File.Copy(file, target);
        }
    }
}
