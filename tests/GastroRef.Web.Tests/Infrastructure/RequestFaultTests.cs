using System.Net;
using System.Net.Http.Headers;
using GastroRef.Web.Infrastructure;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.DependencyInjection;

namespace GastroRef.Web.Tests.Infrastructure;

/// <summary>Requests that used to get a wrong answer (a 500, or the not-found page for every status).</summary>
public sealed class RequestFaultTests(SiteFactory site) : IClassFixture<SiteFactory>
{
    [Theory]
    [InlineData("/anatomy/%20")]
    [InlineData("/anatomy/%09")]
    [InlineData("/anatomy/%C2%A0")]
    public async Task A_blank_slug_is_not_found(string path)
    {
        var client = await site.ReadyClientAsync();

        var response = await client.GetAsync(new Uri(path, UriKind.Relative));

        Assert.Equal(HttpStatusCode.NotFound, response.StatusCode);
        Assert.Equal("text/html", response.Content.Headers.ContentType!.MediaType);
    }

    [Theory]
    [InlineData("TRACE", "/anatomy/soleus")]
    [InlineData("PROPFIND", "/anatomy/soleus")]
    [InlineData("DELETE", "/")]
    [InlineData("POST", "/search?q=soleus")]
    public async Task Other_methods_than_GET_and_HEAD_answer_405_with_Allow(string method, string path)
    {
        var client = await site.ReadyClientAsync();

        var response = await client.SendAsync(new HttpRequestMessage(new HttpMethod(method), new Uri(path, UriKind.Relative)));

        Assert.Equal(HttpStatusCode.MethodNotAllowed, response.StatusCode);
        Assert.Equal(["GET", "HEAD"], response.Content.Headers.Allow);
    }

    [Fact]
    public async Task A_405_from_the_api_is_problem_json()
    {
        var client = await site.ReadyClientAsync();

        var response = await client.SendAsync(new HttpRequestMessage(HttpMethod.Put, new Uri("/api/structures/soleus", UriKind.Relative)));

        Assert.Equal(HttpStatusCode.MethodNotAllowed, response.StatusCode);
        Assert.Equal("application/problem+json", response.Content.Headers.ContentType!.MediaType);
    }

    [Theory]
    [InlineData("/healthz", "text/plain")]
    [InlineData("/api/structures/soleus", "application/json")]
    [InlineData("/api/structures", "application/json")]
    [InlineData("/anatomy/soleus", "text/html")]
    public async Task HEAD_answers_what_GET_answers(string path, string mediaType)
    {
        var client = await site.ReadyClientAsync();

        var response = await client.SendAsync(new HttpRequestMessage(HttpMethod.Head, new Uri(path, UriKind.Relative)));

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal(mediaType, response.Content.Headers.ContentType!.MediaType);
    }

    [Fact]
    public async Task A_range_past_the_end_answers_416()
    {
        var client = await site.ReadyClientAsync();
        using var request = new HttpRequestMessage(HttpMethod.Get, new Uri("/css/site.css", UriKind.Relative));
        request.Headers.Range = new RangeHeaderValue(10_000_000, null);

        var response = await client.SendAsync(request);

        Assert.Equal(HttpStatusCode.RequestedRangeNotSatisfiable, response.StatusCode);
    }

    [Fact]
    public async Task If_Match_with_another_etag_answers_412()
    {
        var client = await site.ReadyClientAsync();
        using var request = new HttpRequestMessage(HttpMethod.Get, new Uri("/css/site.css", UriKind.Relative));
        request.Headers.IfMatch.Add(new EntityTagHeaderValue("\"nope\""));

        var response = await client.SendAsync(request);

        Assert.Equal(HttpStatusCode.PreconditionFailed, response.StatusCode);
    }

    [Theory]
    [InlineData("/api/nothing-here")]
    [InlineData("/api/structures/soleus/nothing-here")]
    public async Task Unknown_api_addresses_answer_problem_json(string path)
    {
        var client = await site.ReadyClientAsync();

        var response = await client.GetAsync(new Uri(path, UriKind.Relative));

        Assert.Equal(HttpStatusCode.NotFound, response.StatusCode);
        Assert.Equal("application/problem+json", response.Content.Headers.ContentType!.MediaType);
        Assert.Contains("\"status\":404", await response.Content.ReadAsStringAsync(), StringComparison.Ordinal);
    }

    [Fact]
    public async Task The_not_found_page_is_never_stored()
    {
        var client = await site.ReadyClientAsync();

        var response = await client.GetAsync(new Uri("/anatomy/no-such-structure", UriKind.Relative));

        Assert.Equal(HttpStatusCode.NotFound, response.StatusCode);
        Assert.True(response.Headers.CacheControl!.NoStore);
        Assert.False(response.Headers.CacheControl.Public);
    }

    [Theory]
    [InlineData("/anatomy/soleus")]
    [InlineData("/api/structures")]
    [InlineData("/sitemap.xml")]
    public async Task Uncompressed_responses_vary_on_Accept_Encoding_too(string path)
    {
        var client = await site.ReadyClientAsync();

        var response = await client.GetAsync(new Uri(path, UriKind.Relative));

        Assert.Null(response.Content.Headers.ContentEncoding.FirstOrDefault());
        Assert.Contains("Accept-Encoding", response.Headers.Vary);
    }

    [Theory]
    [InlineData("/api/structures", HttpCaching.ApiCacheControl)]
    [InlineData("/api/structures/soleus", HttpCaching.ApiCacheControl)]
    [InlineData("/sitemap.xml", HttpCaching.DiscoveryCacheControl)]
    [InlineData("/robots.txt", HttpCaching.DiscoveryCacheControl)]
    public async Task The_api_and_the_discovery_files_say_how_long_they_may_be_kept(string path, string cacheControl)
    {
        var client = await site.ReadyClientAsync();

        var response = await client.GetAsync(new Uri(path, UriKind.Relative));

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal(cacheControl, response.Headers.CacheControl!.ToString());
    }

    [Theory]
    [InlineData("/anatomy/Soleus?x=a\rb")]
    [InlineData("/anatomy/Soleus?x=a\tb")]
    public async Task A_control_character_in_the_query_is_refused_and_never_copied_into_Location(string target)
    {
        await site.ReadyClientAsync();
        var question = target.IndexOf('?', StringComparison.Ordinal);

        // Sent as the server would receive it raw: HttpClient would escape these characters.
        var context = await site.Server.SendAsync(context =>
        {
            context.Request.Method = HttpMethods.Get;
            context.Request.Path = target[..question];
            context.Request.QueryString = new QueryString(target[question..]);
        });

        Assert.Equal(StatusCodes.Status400BadRequest, context.Response.StatusCode);
        Assert.False(context.Response.Headers.ContainsKey("Location"));
    }
}

/// <summary>Exceptions: the error page for pages, problem+json for the API, and neither kept by caches.</summary>
public sealed class ExceptionResponseTests : IDisposable
{
    private readonly SiteFactory _site = new();
    private readonly Microsoft.AspNetCore.Mvc.Testing.WebApplicationFactory<Program> _throwing;

    public ExceptionResponseTests() =>
        _throwing = _site.WithWebHostBuilder(builder => builder.ConfigureServices(services => services.AddTransient<IStartupFilter, ThrowAtTheEnd>()));

    public void Dispose()
    {
        _throwing.Dispose();
        _site.Dispose();
    }

    [Fact]
    public async Task A_page_that_throws_shows_the_error_page_and_is_never_stored()
    {
        var client = _throwing.CreateClient();

        var response = await client.GetAsync(new Uri("/throw", UriKind.Relative));

        Assert.Equal(HttpStatusCode.InternalServerError, response.StatusCode);
        Assert.Equal("text/html", response.Content.Headers.ContentType!.MediaType);
        Assert.True(response.Headers.CacheControl!.NoStore);
    }

    [Fact]
    public async Task An_api_call_that_throws_answers_problem_json()
    {
        var client = _throwing.CreateClient();

        var response = await client.GetAsync(new Uri("/api/throw", UriKind.Relative));

        Assert.Equal(HttpStatusCode.InternalServerError, response.StatusCode);
        Assert.Equal("application/problem+json", response.Content.Headers.ContentType!.MediaType);
        Assert.True(response.Headers.CacheControl!.NoStore);
        Assert.DoesNotContain("test failure", await response.Content.ReadAsStringAsync(), StringComparison.Ordinal);
    }

    /// <summary>Requests no endpoint answers fall through to the end of the pipeline, where this throws.</summary>
    private sealed class ThrowAtTheEnd : IStartupFilter
    {
        public Action<IApplicationBuilder> Configure(Action<IApplicationBuilder> next) => app =>
        {
            next(app);
            app.Run(context => context.Request.Path.Value!.EndsWith("/throw", StringComparison.Ordinal)
                ? throw new InvalidOperationException("test failure")
                : Task.CompletedTask);
        };
    }
}
