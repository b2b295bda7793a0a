using System.Net;
using System.Text.Json;

namespace GastroRef.Web.Tests.Infrastructure;

public sealed class LoggingTests(SiteFactory site) : IClassFixture<SiteFactory>
{
    [Fact]
    public async Task Pages_are_logged_at_information_but_static_files_and_304s_are_not()
    {
        var client = await site.ReadyClientAsync();
        var page = await client.GetAsync(new Uri("/anatomy/gastrocnemius", UriKind.Relative));
        var stylesheet = (await Html.ParseAsync(page)).QuerySelector("link[rel=stylesheet]")!.GetAttribute("href")!;
        Assert.Equal(HttpStatusCode.OK, (await client.GetAsync(new Uri(stylesheet, UriKind.Relative))).StatusCode);
        using var revalidate = new HttpRequestMessage(HttpMethod.Get, new Uri("/anatomy/gastrocnemius", UriKind.Relative));
        revalidate.Headers.TryAddWithoutValidation("If-None-Match", page.Headers.ETag!.Tag);
        Assert.Equal(HttpStatusCode.NotModified, (await client.SendAsync(revalidate)).StatusCode);

        var requests = site.LogLines.Where(line => line.Contains(": HTTP GET ", StringComparison.Ordinal)).ToList();
        Assert.Single(requests, line => line.StartsWith("Information: HTTP GET /anatomy/gastrocnemius responded 200 in ", StringComparison.Ordinal));
        Assert.DoesNotContain(requests, line => line.Contains(stylesheet, StringComparison.Ordinal));
        Assert.DoesNotContain(requests, line => line.Contains("responded 304", StringComparison.Ordinal));
    }

    [Fact]
    public async Task A_site_started_without_its_appsettings_logs_requests_to_the_console()
    {
        using var child = await ChildSite.StartAsync();
        using var client = await child.ReadyClientAsync();
        Assert.Equal(HttpStatusCode.OK, (await client.GetAsync(new Uri("/anatomy/soleus", UriKind.Relative))).StatusCode);

        Assert.Contains(child.StartLines, line => line.Contains("INF] Microsoft.Hosting.Lifetime: Now listening on: ", StringComparison.Ordinal));
        var line = await ReadUntilAsync(child.Output, l => l.Contains("HTTP GET /anatomy/soleus", StringComparison.Ordinal));
        Assert.Matches(@"^\[\d\d:\d\d:\d\d INF\] Serilog\.AspNetCore\.RequestLoggingMiddleware: HTTP GET /anatomy/soleus responded 200 in [\d.]+ ms$", line);
    }

    [Fact]
    public async Task Compact_json_is_chosen_by_configuration()
    {
        using var child = await ChildSite.StartAsync(new Dictionary<string, string> { ["GastroRef__LogFormat"] = "json" });
        using var client = await child.ReadyClientAsync();
        Assert.Equal(HttpStatusCode.OK, (await client.GetAsync(new Uri("/anatomy/soleus", UriKind.Relative))).StatusCode);

        var line = await ReadUntilAsync(child.Output, l => l.Contains("/anatomy/soleus", StringComparison.Ordinal));
        using var json = JsonDocument.Parse(line);
        var request = json.RootElement;
        Assert.True(request.TryGetProperty("@t", out _));
        Assert.Equal("GET", request.GetProperty("RequestMethod").GetString());
        Assert.Equal("/anatomy/soleus", request.GetProperty("RequestPath").GetString());
        Assert.Equal(200, request.GetProperty("StatusCode").GetInt32());
        Assert.True(request.GetProperty("Elapsed").GetDouble() > 0);
        Assert.All(child.StartLines, start => JsonDocument.Parse(start).Dispose());
    }

    /// <summary>Every request writes log events; with nobody reading stdout the pipe fills, and the site must
    /// go on answering (dropping and counting events) instead of hanging on the console.</summary>
    [Fact]
    public async Task A_stalled_stdout_reader_does_not_hang_the_site()
    {
        using var child = await ChildSite.StartAsync(new Dictionary<string, string>
        {
            // Every framework event too, so the pipe and the buffer fill within a few hundred requests.
            ["Serilog__MinimumLevel__Default"] = "Verbose",
            ["Serilog__MinimumLevel__Override__Microsoft"] = "Verbose",
        });
        using var client = await child.ReadyClientAsync();

        // No more reading from here on.
        var requests = 0;
        while (requests < 3000)
        {
            var path = requests % 2 == 0 ? "/healthz" : "/anatomy/soleus";
            Assert.Equal(HttpStatusCode.OK, (await client.GetAsync(new Uri(path, UriKind.Relative))).StatusCode);
            requests++;
            if (requests % 500 == 0 && (await client.GetStringAsync(new Uri("/healthz", UriKind.Relative))).Contains("(stdout is read too slowly)", StringComparison.Ordinal))
            {
                break;
            }
        }

        var health = await client.GetStringAsync(new Uri("/healthz", UriKind.Relative));
        Assert.Matches(@"; [1-9]\d* log events dropped \(stdout is read too slowly\)", health);
    }

    private static async Task<string> ReadUntilAsync(StreamReader output, Func<string, bool> wanted)
    {
        using var timeout = new CancellationTokenSource(TimeSpan.FromSeconds(30));
        while (await output.ReadLineAsync(timeout.Token) is { } line)
        {
            if (wanted(line))
            {
                return line;
            }
        }

        throw new InvalidOperationException("The site's output ended.");
    }
}
