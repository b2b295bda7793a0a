using System.Net;
using GastroRef.Web.Data;
using GastroRef.Web.Infrastructure;
using GastroRef.Web.Search;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Mvc.Testing;
using Microsoft.Extensions.DependencyInjection;

namespace GastroRef.Web.Tests.Infrastructure;

/// <summary>The search budget is applied by path, so these tests hold whether or not the search
/// endpoints exist yet: a request the limiter lets through may be answered 404, never 429.</summary>
public sealed class RequestLimitsTests : IDisposable
{
    private const int Burst = 5;

    private readonly SiteFactory _site = new();
    private readonly WebApplicationFactory<Program> _clients;

    public RequestLimitsTests()
    {
        _site.Settings["GastroRef:RateLimits:Search:Burst"] = Burst.ToString(System.Globalization.CultureInfo.InvariantCulture);
        _site.Settings["GastroRef:RateLimits:Search:PerSecond"] = "1";

        // TestServer has no client address: take it from a header so tests can be several clients.
        _clients = _site.WithWebHostBuilder(builder => builder.ConfigureServices(services => services.AddSingleton<IStartupFilter, ClientAddressFromHeader>()));
    }

    public void Dispose()
    {
        _clients.Dispose();
        _site.Dispose();
    }

    [Theory]
    [InlineData("/search?q=soleus")]
    [InlineData("/api/search?q=soleus")]
    [InlineData("/api/suggest?q=sol")]
    [InlineData("/compare?a=gastrocnemius&b=soleus")]
    [InlineData("/api/structures")]
    [InlineData("/api/structures/soleus")]
    [InlineData("/api/practice?structures=soleus&count=1")]
    [InlineData("/api/practice/anki?structures=soleus&count=1")]
    public async Task Searching_past_the_budget_answers_429_with_Retry_After(string path)
    {
        var client = await ClientAsync("192.0.2.1");
        var allowed = new List<HttpStatusCode>();
        for (var i = 0; i < Burst; i++)
        {
            allowed.Add((await client.GetAsync(new Uri(path, UriKind.Relative))).StatusCode);
        }

        var refused = await FloodUntilRefusedAsync(client, path);

        Assert.DoesNotContain(HttpStatusCode.TooManyRequests, allowed);
        Assert.Equal(HttpStatusCode.TooManyRequests, refused.StatusCode);
        var retryAfter = int.Parse(Assert.Single(refused.Headers.GetValues("Retry-After")), System.Globalization.CultureInfo.InvariantCulture);
        Assert.InRange(retryAfter, 1, 5);
        Assert.Contains("Too many searches", await refused.Content.ReadAsStringAsync(), StringComparison.Ordinal);
        Assert.Equal("no-store", refused.Headers.CacheControl!.ToString());
    }

    [Fact]
    public async Task The_api_answers_its_429_as_problem_json_and_pages_as_text()
    {
        var client = await ClientAsync("192.0.2.2");

        var api = await FloodUntilRefusedAsync(client, "/api/search?q=x");
        var page = await client.GetAsync(new Uri("/search?q=x", UriKind.Relative));

        Assert.Equal("application/problem+json", api.Content.Headers.ContentType!.MediaType);
        Assert.Equal(HttpStatusCode.TooManyRequests, page.StatusCode);
        Assert.Equal("text/plain", page.Content.Headers.ContentType!.MediaType);
    }

    [Fact]
    public async Task All_search_endpoints_spend_one_budget_per_client()
    {
        var client = await ClientAsync("192.0.2.3");
        await client.GetAsync(new Uri("/search?q=a", UriKind.Relative));
        await client.GetAsync(new Uri("/search?q=b", UriKind.Relative));
        await client.GetAsync(new Uri("/api/search?q=c", UriKind.Relative));
        await client.GetAsync(new Uri("/api/suggest?q=d", UriKind.Relative));
        await client.GetAsync(new Uri("/api/suggest?q=e", UriKind.Relative));

        var refused = await FloodUntilRefusedAsync(client, "/api/suggest?q=f", attempts: 2);

        Assert.Equal(HttpStatusCode.TooManyRequests, refused.StatusCode);
    }

    [Fact]
    public async Task An_endpoint_marked_with_the_search_policy_spends_the_budget()
    {
        var client = await ClientAsync("192.0.2.5");

        // /api/practice is not under a search path: only its endpoint metadata puts it under the limiter.
        var refused = await FloodUntilRefusedAsync(client, "/api/practice?structures=soleus");

        Assert.Equal(HttpStatusCode.TooManyRequests, refused.StatusCode);
    }

    [Fact]
    public async Task Each_client_has_its_own_budget()
    {
        var greedy = await ClientAsync("192.0.2.4");
        var other = await ClientAsync("198.51.100.7");
        Assert.Equal(HttpStatusCode.TooManyRequests, (await FloodUntilRefusedAsync(greedy, "/search?q=x")).StatusCode);

        var response = await other.GetAsync(new Uri("/search?q=x", UriKind.Relative));

        Assert.NotEqual(HttpStatusCode.TooManyRequests, response.StatusCode);
    }

    [Fact]
    public async Task The_budget_comes_back_after_Retry_After()
    {
        var client = await ClientAsync("192.0.2.5");
        var refused = await FloodUntilRefusedAsync(client, "/search?q=x");
        var wait = int.Parse(refused.Headers.GetValues("Retry-After").Single(), System.Globalization.CultureInfo.InvariantCulture);

        await Task.Delay(TimeSpan.FromSeconds(wait) + TimeSpan.FromMilliseconds(100));

        Assert.NotEqual(HttpStatusCode.TooManyRequests, (await client.GetAsync(new Uri("/search?q=x", UriKind.Relative))).StatusCode);
    }

    [Fact]
    public async Task Reading_pages_is_never_limited()
    {
        var client = await ClientAsync("192.0.2.6");

        for (var i = 0; i < 100; i++)
        {
            var response = await client.GetAsync(new Uri(i % 2 == 0 ? "/anatomy/soleus" : "/anatomy/no-such-page", UriKind.Relative));
            Assert.NotEqual(HttpStatusCode.TooManyRequests, response.StatusCode);
        }
    }

    [Fact]
    public async Task An_overlong_query_string_answers_414_with_a_reason()
    {
        var client = await ClientAsync("192.0.2.7");

        var response = await client.GetAsync(new Uri("/anatomy?filter=" + new string('a', RequestLimits.MaxQueryStringLength), UriKind.Relative));

        Assert.Equal(HttpStatusCode.RequestUriTooLong, response.StatusCode);
        Assert.Contains("at most 2048 characters", await response.Content.ReadAsStringAsync(), StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("/search")]
    [InlineData("/api/search")]
    [InlineData("/api/suggest")]
    public async Task An_overlong_search_answers_400_with_a_reason(string path)
    {
        var client = await ClientAsync("192.0.2.8");

        var response = await client.GetAsync(new Uri($"{path}?q={new string('x', SearchText.MaxQueryLength + 1)}", UriKind.Relative));
        var fine = await client.GetAsync(new Uri($"{path}?q={new string('x', SearchText.MaxQueryLength)}", UriKind.Relative));

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        Assert.Contains($"limited to {SearchText.MaxQueryLength} characters", await response.Content.ReadAsStringAsync(), StringComparison.Ordinal);
        Assert.NotEqual(HttpStatusCode.BadRequest, fine.StatusCode);
    }

    [Fact]
    public async Task An_oversized_body_answers_413()
    {
        var client = await ClientAsync("192.0.2.9");
        using var body = new ByteArrayContent(new byte[RequestLimits.MaxRequestBodyBytes + 1]);

        var response = await client.PostAsync(new Uri("/anatomy/soleus", UriKind.Relative), body);

        Assert.Equal(HttpStatusCode.RequestEntityTooLarge, response.StatusCode);
        Assert.Contains("too large", await response.Content.ReadAsStringAsync(), StringComparison.Ordinal);
    }

    private async Task<HttpClient> ClientAsync(string address)
    {
        var client = _clients.CreateClient(new WebApplicationFactoryClientOptions { AllowAutoRedirect = false });
        client.DefaultRequestHeaders.Add(ClientAddressFromHeader.Header, address);
        await _clients.Services.GetRequiredService<StoreState>().Ready.WaitAsync(TimeSpan.FromSeconds(60));
        return client;
    }

    /// <summary>Requests until one is refused; the budget refills at one a second, so a few more than the burst do.</summary>
    private static async Task<HttpResponseMessage> FloodUntilRefusedAsync(HttpClient client, string path, int attempts = Burst + 5)
    {
        HttpResponseMessage? last = null;
        for (var i = 0; i < attempts; i++)
        {
            last = await client.GetAsync(new Uri(path, UriKind.Relative));
            if (last.StatusCode == HttpStatusCode.TooManyRequests)
            {
                return last;
            }
        }

        return last!;
    }

    private sealed class ClientAddressFromHeader : IStartupFilter
    {
        public const string Header = "X-Test-Client-Address";

        public Action<IApplicationBuilder> Configure(Action<IApplicationBuilder> next) => app =>
        {
            app.Use((context, nextMiddleware) =>
            {
                if (context.Request.Headers[Header] is [{ } value])
                {
                    context.Connection.RemoteIpAddress = IPAddress.Parse(value);
                }

                return nextMiddleware(context);
            });
            next(app);
        };
    }
}
