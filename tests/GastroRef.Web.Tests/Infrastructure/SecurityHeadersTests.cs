using System.Net;
using GastroRef.Web.Infrastructure;
using Microsoft.AspNetCore.Mvc.Testing;
using Microsoft.Data.Sqlite;

namespace GastroRef.Web.Tests.Infrastructure;

public sealed class SecurityHeadersTests : IClassFixture<SiteFactory>
{
    private readonly SiteFactory _site;

    public SecurityHeadersTests(SiteFactory site) => _site = site;

    public static TheoryData<string> Paths() =>
    [
        "/",
        "/anatomy",
        "/anatomy/gastrocnemius",
        "/anatomy/Gastrocnemius",
        "/anatomy/no-such-structure",
        "/api/structures",
        "/api/structures/no-such-structure",
        "/healthz",
        "/css/site.css",
        "/js/site.js",
    ];

    [Theory]
    [MemberData(nameof(Paths))]
    public async Task Every_response_carries_the_security_headers(string path)
    {
        var client = await _site.ReadyClientAsync();

        var response = await client.GetAsync(new Uri(path, UriKind.Relative));

        AssertSecurityHeaders(response);
    }

    [Fact]
    public async Task A_304_carries_them_too()
    {
        var client = await _site.ReadyClientAsync();
        var first = await client.GetAsync(new Uri("/anatomy/soleus", UriKind.Relative));
        using var conditional = new HttpRequestMessage(HttpMethod.Get, "/anatomy/soleus");
        conditional.Headers.IfNoneMatch.Add(first.Headers.ETag!);

        var response = await client.SendAsync(conditional);

        Assert.Equal(HttpStatusCode.NotModified, response.StatusCode);
        AssertSecurityHeaders(response);
    }

    [Fact]
    public async Task The_policy_allows_scripts_and_styles_from_files_on_the_site_only()
    {
        var client = await _site.ReadyClientAsync();
        var response = await client.GetAsync(new Uri("/anatomy/gastrocnemius", UriKind.Relative));
        var directives = Directives(response);

        Assert.Equal("'self'", directives["script-src"]);
        Assert.Equal("'self'", directives["style-src"]);
        Assert.Equal("'self'", directives["default-src"]);
        Assert.Equal("'none'", directives["object-src"]);
        Assert.Equal("'none'", directives["frame-ancestors"]);
        Assert.Equal("'none'", directives["base-uri"]);
        Assert.Equal("'self'", directives["form-action"]);
        Assert.DoesNotContain(directives.Values, value => value.Contains("unsafe", StringComparison.OrdinalIgnoreCase));
    }

    [Fact]
    public async Task HSTS_is_sent_over_https_only_and_never_for_localhost()
    {
        await _site.ReadyClientAsync();
        var https = _site.CreateClient(new WebApplicationFactoryClientOptions { BaseAddress = new Uri("https://gastroref.example/") });
        var http = _site.CreateClient(new WebApplicationFactoryClientOptions { BaseAddress = new Uri("http://gastroref.example/") });
        var localhost = _site.CreateClient(new WebApplicationFactoryClientOptions { BaseAddress = new Uri("https://localhost/") });

        var secure = await https.GetAsync(new Uri("/anatomy/soleus", UriKind.Relative));

        Assert.Equal(SecurityHeaders.StrictTransportSecurity, Assert.Single(secure.Headers.GetValues("Strict-Transport-Security")));
        Assert.False((await http.GetAsync(new Uri("/anatomy/soleus", UriKind.Relative))).Headers.Contains("Strict-Transport-Security"));
        Assert.False((await localhost.GetAsync(new Uri("/anatomy/soleus", UriKind.Relative))).Headers.Contains("Strict-Transport-Security"));
    }

    public static TheoryData<string> Pages() => ["/", "/anatomy", "/anatomy/gastrocnemius", "/anatomy/tibial-nerve", "/anatomy/no-such-structure"];

    [Theory]
    [MemberData(nameof(Pages))]
    public async Task Pages_have_no_inline_script_no_inline_style_and_no_event_attributes(string path)
    {
        var client = await _site.ReadyClientAsync();
        var page = await Html.ParseAsync(await client.GetAsync(new Uri(path, UriKind.Relative)));

        foreach (var script in page.QuerySelectorAll("script"))
        {
            // JSON-LD is data, not script: the policy does not need to allow it.
            var isData = script.GetAttribute("type") == "application/ld+json";
            Assert.True(isData || script.HasAttribute("src"), $"inline script on {path}: {script.OuterHtml}");
            if (script.GetAttribute("src") is { } src)
            {
                Assert.StartsWith("/", src, StringComparison.Ordinal);
                Assert.False(src.StartsWith("//", StringComparison.Ordinal), src);
            }
        }

        Assert.Empty(page.QuerySelectorAll("style, [style]"));
        Assert.DoesNotContain(page.All, e => e.Attributes.Any(a => a.Name.StartsWith("on", StringComparison.OrdinalIgnoreCase)));
        Assert.All(page.QuerySelectorAll("link[rel=stylesheet]"), link => Assert.StartsWith("/", link.GetAttribute("href"), StringComparison.Ordinal));
    }

    [Fact]
    public async Task A_server_error_shows_the_error_page_with_the_headers()
    {
        using var site = new SiteFactory();
        var client = await site.ReadyClientAsync();

        // Break the store under the running site: the article page's queries now throw.
        await using (var connection = new SqliteConnection($"Data Source={site.DatabasePath};Pooling=False"))
        {
            await connection.OpenAsync();
            await using var command = connection.CreateCommand();
            command.CommandText = "DROP TABLE Relations";
            await command.ExecuteNonQueryAsync();
        }

        var response = await client.GetAsync(new Uri("/anatomy/gastrocnemius?fresh", UriKind.Relative));

        Assert.Equal(HttpStatusCode.InternalServerError, response.StatusCode);
        AssertSecurityHeaders(response);
        var page = await Html.ParseAsync(response);
        Assert.Equal("Something went wrong on our side", page.QuerySelector("h1")!.TextContent.Trim());
        Assert.DoesNotContain("SqliteException", page.DocumentElement.OuterHtml, StringComparison.Ordinal);
    }

    private static Dictionary<string, string> Directives(HttpResponseMessage response) =>
        Assert.Single(response.Headers.GetValues("Content-Security-Policy"))
            .Split(';', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries)
            .Select(d => d.Split(' ', 2))
            .ToDictionary(d => d[0], d => d.Length > 1 ? d[1] : "", StringComparer.Ordinal);

    private static void AssertSecurityHeaders(HttpResponseMessage response)
    {
        Assert.Equal(SecurityHeaders.ContentSecurityPolicy, Assert.Single(response.Headers.GetValues("Content-Security-Policy")));
        Assert.Equal("nosniff", Assert.Single(response.Headers.GetValues("X-Content-Type-Options")));
        Assert.Equal("DENY", Assert.Single(response.Headers.GetValues("X-Frame-Options")));
        Assert.Equal("strict-origin-when-cross-origin", Assert.Single(response.Headers.GetValues("Referrer-Policy")));
        Assert.Equal(SecurityHeaders.PermissionsPolicy, Assert.Single(response.Headers.GetValues("Permissions-Policy")));
        Assert.Contains("camera=()", SecurityHeaders.PermissionsPolicy, StringComparison.Ordinal);
    }
}
