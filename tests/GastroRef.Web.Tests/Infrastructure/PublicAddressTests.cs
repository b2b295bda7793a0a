using System.Net;
using System.Net.Sockets;
using System.Text;
using Microsoft.AspNetCore.Mvc.Testing;

namespace GastroRef.Web.Tests.Infrastructure;

/// <summary>Out of the box only loopback host names are answered, so a forged Host cannot reach canonical links.</summary>
public sealed class HostFilteringTests
{
    [Fact]
    public async Task Out_of_the_box_only_loopback_hosts_are_answered()
    {
        using var site = new SiteFactory();
        site.Settings.Remove("AllowedHosts");
        await site.ReadyClientAsync();

        var evil = await Client(site, "http://evil.example/").GetAsync(new Uri("/anatomy/soleus", UriKind.Relative));
        var local = await Client(site, "http://localhost/").GetAsync(new Uri("/anatomy/soleus", UriKind.Relative));
        var loopback = await Client(site, "http://127.0.0.1:5080/").GetAsync(new Uri("/anatomy/soleus", UriKind.Relative));

        Assert.Equal(HttpStatusCode.BadRequest, evil.StatusCode);
        Assert.DoesNotContain("evil.example", await evil.Content.ReadAsStringAsync(), StringComparison.Ordinal);
        Assert.Equal(HttpStatusCode.OK, local.StatusCode);
        Assert.Equal(HttpStatusCode.OK, loopback.StatusCode);
    }

    [Fact]
    public async Task A_configured_host_is_answered_and_others_are_not()
    {
        using var site = new SiteFactory();
        site.Settings["AllowedHosts"] = "gastroref.example.org";
        await site.ReadyClientAsync();

        Assert.Equal(HttpStatusCode.OK, (await Client(site, "https://gastroref.example.org/").GetAsync(new Uri("/anatomy/soleus", UriKind.Relative))).StatusCode);
        Assert.Equal(HttpStatusCode.BadRequest, (await Client(site, "https://evil.example/").GetAsync(new Uri("/anatomy/soleus", UriKind.Relative))).StatusCode);
    }

    [Fact]
    public async Task With_a_public_address_any_host_is_answered_but_links_name_the_public_address()
    {
        using var site = new SiteFactory();
        site.Settings.Remove("AllowedHosts");
        site.Settings["GastroRef:PublicBaseUrl"] = "https://gastroref.example.org";
        await site.ReadyClientAsync();

        var response = await Client(site, "http://evil.example/").GetAsync(new Uri("/anatomy/soleus", UriKind.Relative));

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        var page = await Html.ParseAsync(response);
        Assert.Equal("https://gastroref.example.org/anatomy/soleus", page.QuerySelector("link[rel=canonical]")!.GetAttribute("href"));
    }

    private static HttpClient Client(SiteFactory site, string address) =>
        site.CreateClient(new WebApplicationFactoryClientOptions { BaseAddress = new Uri(address), AllowAutoRedirect = false });
}

/// <summary>The site over real sockets (Kestrel, not the test server): behind a TLS proxy on loopback, raw request
/// bytes, and HEAD without a body.</summary>
public sealed class OverRealSocketsTests : IAsyncLifetime
{
    private ChildSite _site = null!;

    public async Task InitializeAsync() => _site = await ChildSite.StartAsync(new Dictionary<string, string>
    {
        ["AllowedHosts"] = "127.0.0.1;gastroref.example.org",
        ["GastroRef__RateLimits__Search__Burst"] = "2",
        ["GastroRef__RateLimits__Search__PerSecond"] = "1",
    });

    public Task DisposeAsync()
    {
        _site.Dispose();
        return Task.CompletedTask;
    }

    [Fact]
    public async Task Forwarded_scheme_and_host_make_links_https_and_send_HSTS()
    {
        using var client = await _site.ReadyClientAsync();
        using var request = Forwarded("/anatomy/soleus", "203.0.113.5", "gastroref.example.org");

        var response = await client.SendAsync(request);

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        var page = await Html.ParseAsync(response);
        Assert.Equal("https://gastroref.example.org/anatomy/soleus", page.QuerySelector("link[rel=canonical]")!.GetAttribute("href"));
        Assert.True(response.Headers.Contains("Strict-Transport-Security"));
    }

    [Fact]
    public async Task A_forwarded_host_the_site_does_not_answer_to_is_ignored()
    {
        using var client = await _site.ReadyClientAsync();
        using var request = Forwarded("/anatomy/soleus", "203.0.113.5", "evil.example");

        var response = await client.SendAsync(request);

        Assert.DoesNotContain("evil.example", await response.Content.ReadAsStringAsync(), StringComparison.Ordinal);
    }

    [Fact]
    public async Task Each_forwarded_client_has_its_own_search_budget()
    {
        using var client = await _site.ReadyClientAsync();
        using var warmUp = Forwarded("/api/search?q=soleus", "203.0.113.99", "gastroref.example.org");
        Assert.Equal(HttpStatusCode.OK, (await client.SendAsync(warmUp)).StatusCode); // loads the vocabulary

        // At once, so the budget (2, then 1 a second) cannot refill in between.
        var statuses = await Task.WhenAll(Enumerable.Range(0, 6).Select(async _ =>
        {
            using var request = Forwarded("/api/search?q=soleus", "203.0.113.7", "gastroref.example.org");
            return (await client.SendAsync(request)).StatusCode;
        }));
        using var other = Forwarded("/api/search?q=soleus", "203.0.113.8", "gastroref.example.org");
        var otherStatus = (await client.SendAsync(other)).StatusCode;

        Assert.Contains(HttpStatusCode.TooManyRequests, statuses);
        Assert.Equal(HttpStatusCode.OK, otherStatus);
    }

    [Theory]
    [InlineData("/anatomy/Soleus?x=a\rb")]
    [InlineData("/anatomy/Soleus?x=a\tb")]
    public async Task A_raw_control_character_in_the_query_gets_a_400_without_Location(string target)
    {
        await (await _site.ReadyClientAsync()).GetAsync(new Uri("/healthz", UriKind.Relative));
        using var socket = new TcpClient();
        await socket.ConnectAsync(_site.BaseAddress.Host, _site.BaseAddress.Port);
        var stream = socket.GetStream();
        await stream.WriteAsync(Encoding.Latin1.GetBytes($"GET {target} HTTP/1.1\r\nHost: 127.0.0.1\r\nConnection: close\r\n\r\n"));

        using var reader = new StreamReader(stream, Encoding.Latin1);
        var head = new List<string>();
        while (await reader.ReadLineAsync() is { Length: > 0 } line)
        {
            head.Add(line);
        }

        Assert.Matches(@"^HTTP/1\.1 4\d\d ", head[0]);
        Assert.DoesNotContain(head, line => line.StartsWith("Location:", StringComparison.OrdinalIgnoreCase));
    }

    [Theory]
    [InlineData("/healthz")]
    [InlineData("/api/structures/soleus")]
    public async Task HEAD_answers_200_without_a_body(string path)
    {
        using var client = await _site.ReadyClientAsync();

        var response = await client.SendAsync(new HttpRequestMessage(HttpMethod.Head, new Uri(path, UriKind.Relative)));

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Empty(await response.Content.ReadAsByteArrayAsync());
    }

    private static HttpRequestMessage Forwarded(string path, string client, string host)
    {
        var request = new HttpRequestMessage(HttpMethod.Get, new Uri(path, UriKind.Relative));
        request.Headers.Add("X-Forwarded-For", client);
        request.Headers.Add("X-Forwarded-Proto", "https");
        request.Headers.Add("X-Forwarded-Host", host);
        return request;
    }
}
