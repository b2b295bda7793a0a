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
    public async Task Every_request_is_logged_on_one_line_with_method_path_status_and_time()
    {
        var client = await _site.ReadyClientAsync();
        Assert.Equal(HttpStatusCode.OK, (await client.GetAsync(new Uri("/anatomy/soleus", UriKind.Relative))).StatusCode);

        Assert.Contains(_site.LogLines, line => line.StartsWith("Information: HTTP GET /anatomy/soleus responded 200 in ", StringComparison.Ordinal) && line.EndsWith(" ms", StringComparison.Ordinal));
    }
}
