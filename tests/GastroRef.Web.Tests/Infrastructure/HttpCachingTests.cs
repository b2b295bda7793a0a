using System.IO.Compression;
using System.Net;
using System.Net.Http.Headers;
using System.Net.Http.Json;
using System.Text;
using GastroRef.Web.Infrastructure;
using Microsoft.Data.Sqlite;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.TestHost;
using Microsoft.Extensions.DependencyInjection;

namespace GastroRef.Web.Tests.Infrastructure;

/// <summary>Each test gets its own site: they change content and look at what the cache kept.</summary>
public sealed class HttpCachingTests : IDisposable
{
    private readonly SiteFactory _site = new();

    public void Dispose() => _site.Dispose();

    [Theory]
    [InlineData("/anatomy/gastrocnemius")]
    [InlineData("/anatomy")]
    [InlineData("/")]
    public async Task Pages_have_a_strong_etag_and_revalidate_to_304(string path)
    {
        var client = await _site.ReadyClientAsync();

        var first = await client.GetAsync(Relative(path));
        var etag = first.Headers.ETag;

        Assert.Equal(HttpStatusCode.OK, first.StatusCode);
        Assert.NotNull(etag);
        Assert.False(etag!.IsWeak);
        Assert.Equal(HttpCaching.PageCacheControl, first.Headers.CacheControl!.ToString());

        var notModified = await SendConditionalAsync(client, path, etag);
        Assert.Equal(HttpStatusCode.NotModified, notModified.StatusCode);
        Assert.Empty(await notModified.Content.ReadAsByteArrayAsync());
        Assert.Equal(etag, notModified.Headers.ETag);
        Assert.Equal(HttpCaching.PageCacheControl, notModified.Headers.CacheControl!.ToString());

        var other = await SendConditionalAsync(client, path, new EntityTagHeaderValue("\"something-else\""));
        Assert.Equal(HttpStatusCode.OK, other.StatusCode);
    }

    [Fact]
    public async Task A_page_not_in_the_cache_is_rendered_again_and_answers_304_when_its_bytes_are_unchanged()
    {
        var client = await _site.ReadyClientAsync();
        var etag = (await client.GetAsync(Relative("/anatomy/soleus"))).Headers.ETag!;
        _site.Services.GetRequiredService<PageCache>().Clear();

        var response = await SendConditionalAsync(client, "/anatomy/soleus", etag);

        Assert.Equal(HttpStatusCode.NotModified, response.StatusCode);
        Assert.Equal(etag, response.Headers.ETag);
        Assert.Null(response.Headers.Age); // not a cache hit: the page was rendered again
    }

    [Fact]
    public async Task Anything_a_page_shows_changes_its_etag_without_the_page_naming_it()
    {
        var client = await _site.ReadyClientAsync();
        var before = await client.GetAsync(Relative("/anatomy/soleus"));

        // A change no page lists anywhere: the ETag is a hash of the bytes, so it follows.
        await ExecuteAsync("UPDATE Structures SET Pronunciation = 'changed behind the page' WHERE Slug = 'soleus'");
        _site.Services.GetRequiredService<PageCache>().Clear();
        var after = await client.GetAsync(Relative("/anatomy/soleus"));

        Assert.Contains("changed behind the page", await after.Content.ReadAsStringAsync(), StringComparison.Ordinal);
        Assert.NotEqual(before.Headers.ETag, after.Headers.ETag);
        Assert.Equal(HttpStatusCode.OK, (await SendConditionalAsync(client, "/anatomy/soleus", before.Headers.ETag!)).StatusCode);
    }

    [Fact]
    public async Task A_page_is_rendered_once_and_then_served_from_memory()
    {
        var client = await _site.ReadyClientAsync();
        var first = await client.GetStringAsync(Relative("/anatomy/plantaris"));

        // Change the store behind the site's back: a cached page cannot notice.
        await ExecuteAsync("UPDATE Structures SET Title = 'Changed behind the cache' WHERE Slug = 'plantaris'");
        var second = await client.GetAsync(Relative("/anatomy/plantaris"));

        Assert.NotNull(second.Headers.Age);
        Assert.Equal(first, await second.Content.ReadAsStringAsync());
    }

    [Theory]
    [InlineData("/api/search?q=plantar%20flexion")]
    [InlineData("/api/suggest?q=gastr")]
    public async Task A_repeated_search_is_answered_from_memory_until_the_content_changes(string path)
    {
        var client = await _site.ReadyClientAsync();
        var cache = _site.Services.GetRequiredService<PageCache>();
        cache.Clear();
        var once = await client.GetAsync(Relative(path));
        Assert.Null(once.Headers.Age);
        Assert.Equal("public, max-age=60", once.Headers.CacheControl?.ToString());
        Assert.Equal(0, cache.Count);

        // Asked again, it is kept.
        var first = await client.GetAsync(Relative(path));
        Assert.Null(first.Headers.Age);
        Assert.Equal(once.Headers.ETag, first.Headers.ETag);
        Assert.Equal(1, cache.Count);

        // A kept answer cannot notice a change behind the site's back.
        await ExecuteAsync("UPDATE SearchDocuments SET Title = 'Changed behind the cache'");
        var second = await client.GetAsync(Relative(path));
        Assert.NotNull(second.Headers.Age);
        Assert.Equal(first.Headers.ETag, second.Headers.ETag);
        Assert.Equal(await first.Content.ReadAsStringAsync(), await second.Content.ReadAsStringAsync());
        Assert.Equal(HttpStatusCode.NotModified, (await SendConditionalAsync(client, path, first.Headers.ETag!)).StatusCode);

        // A reseed that changes content drops every kept answer.
        EditContent("muscles/plantaris.md", "title: Plantaris", "title: Plantaris (revised)");
        await _site.ReseedAsync();
        var third = await client.GetAsync(Relative(path));
        Assert.Null(third.Headers.Age);
        Assert.NotEqual(first.Headers.ETag, third.Headers.ETag);
    }

    [Fact]
    public async Task A_page_without_a_query_is_kept_from_its_first_request_and_one_with_a_query_from_its_second()
    {
        var client = await _site.ReadyClientAsync();
        _site.Services.GetRequiredService<PageCache>().Clear();
        await client.GetAsync(Relative("/anatomy/soleus"));
        await client.GetAsync(Relative("/anatomy/soleus?from=search"));

        Assert.NotNull((await client.GetAsync(Relative("/anatomy/soleus"))).Headers.Age);
        var withQuery = await client.GetAsync(Relative("/anatomy/soleus?from=search"));
        Assert.Null(withQuery.Headers.Age);
        Assert.NotNull(withQuery.Headers.ETag);
        Assert.NotNull((await client.GetAsync(Relative("/anatomy/soleus?from=search"))).Headers.Age);
    }

    [Fact]
    public async Task One_off_queries_do_not_take_the_place_of_kept_pages()
    {
        var client = await _site.ReadyClientAsync();
        var cache = _site.Services.GetRequiredService<PageCache>();
        cache.Clear();
        await client.GetAsync(Relative("/anatomy/soleus"));
        var kept = cache.Count;

        for (var i = 0; i < 20; i++)
        {
            Assert.Equal(HttpStatusCode.OK, (await client.GetAsync(Relative($"/api/search?q=soleus&n={i}"))).StatusCode);
        }

        Assert.Equal(kept, cache.Count);
    }

    [Fact]
    public async Task A_search_the_caller_got_wrong_is_never_kept()
    {
        var client = await _site.ReadyClientAsync();
        var first = await client.GetAsync(Relative("/api/search?q=soleus&limit=500"));
        var second = await client.GetAsync(Relative("/api/search?q=soleus&limit=500"));

        Assert.Equal(HttpStatusCode.BadRequest, first.StatusCode);
        Assert.Equal(HttpStatusCode.BadRequest, second.StatusCode);
        Assert.Null(second.Headers.Age);
        Assert.Equal("no-store", second.Headers.CacheControl?.ToString());
    }

    [Fact]
    public async Task Simultaneous_requests_for_a_page_not_yet_cached_render_it_once()
    {
        var client = await _site.ReadyClientAsync();
        _site.Services.GetRequiredService<PageCache>().Clear();

        var responses = await Task.WhenAll(Enumerable.Range(0, 24).Select(_ => client.GetAsync(Relative("/anatomy/gastrocnemius"))));

        Assert.All(responses, r => Assert.Equal(HttpStatusCode.OK, r.StatusCode));
        Assert.Single(responses, r => r.Headers.Age is null); // the one that rendered; the others got its copy
        var bodies = await Task.WhenAll(responses.Select(r => r.Content.ReadAsStringAsync()));
        Assert.Single(bodies.Distinct());
    }

    [Fact]
    public async Task Reseeding_a_change_evicts_the_cached_pages_and_changes_the_etag()
    {
        var client = await _site.ReadyClientAsync();
        var before = await client.GetAsync(Relative("/anatomy/plantaris"));
        var browseBefore = await client.GetAsync(Relative("/anatomy"));
        EditContent("muscles/plantaris.md", "title: Plantaris", "title: Plantaris (revised)");

        await _site.ReseedAsync();

        var after = await client.GetAsync(Relative("/anatomy/plantaris"));
        var page = await Html.ParseAsync(after);
        Assert.Equal("Plantaris (revised)", page.QuerySelector("h1")!.TextContent.Trim());
        Assert.NotEqual(before.Headers.ETag, after.Headers.ETag);
        Assert.Equal(HttpStatusCode.OK, (await SendConditionalAsync(client, "/anatomy/plantaris", before.Headers.ETag!)).StatusCode);

        var browse = await client.GetAsync(Relative("/anatomy"));
        Assert.Contains("Plantaris (revised)", await browse.Content.ReadAsStringAsync(), StringComparison.Ordinal);
        Assert.NotEqual(browseBefore.Headers.ETag, browse.Headers.ETag);
    }

    [Fact]
    public async Task A_page_changes_its_etag_when_a_page_it_shows_in_its_connections_is_renamed()
    {
        var client = await _site.ReadyClientAsync();
        var before = await client.GetAsync(Relative("/anatomy/gastrocnemius"));
        EditContent("nerves/tibial-nerve.md", "title: Tibial nerve", "title: Tibial nerve (renamed)");

        await _site.ReseedAsync();

        var after = await client.GetAsync(Relative("/anatomy/gastrocnemius"));
        var connections = (await Html.ParseAsync(after)).QuerySelector("#connections")!.TextContent;
        Assert.Contains("Tibial nerve (renamed)", connections, StringComparison.Ordinal);
        Assert.NotEqual(before.Headers.ETag, after.Headers.ETag);
    }

    [Fact]
    public async Task The_same_etag_always_means_the_same_bytes_across_a_reseed()
    {
        var client = await _site.ReadyClientAsync();
        var paths = new List<string> { "/", "/anatomy" }.Concat((await client.GetFromJsonAsync<List<Summary>>(Relative("/api/structures")))!.Select(s => new Uri(s.Url).PathAndQuery)).ToList(); // the API gives absolute addresses
        var before = new Dictionary<string, (string? ETag, string Body)>();
        foreach (var path in paths)
        {
            var response = await client.GetAsync(Relative(path));
            before[path] = (response.Headers.ETag?.Tag, await response.Content.ReadAsStringAsync());
        }

        EditContent("nerves/tibial-nerve.md", "title: Tibial nerve", "title: Tibial nerve (renamed)");
        EditContent("muscles/soleus.md", "\n## ", "\nAn added sentence.\n\n## ");
        await _site.ReseedAsync();

        var changed = 0;
        foreach (var path in paths)
        {
            var response = await client.GetAsync(Relative(path));
            var body = await response.Content.ReadAsStringAsync();
            if (response.Headers.ETag?.Tag == before[path].ETag)
            {
                Assert.True(body == before[path].Body, $"{path} kept its ETag but its page changed");
            }
            else
            {
                changed++;
            }
        }

        Assert.True(changed >= 3, $"only {changed} pages changed their ETag");
    }

    [Fact]
    public async Task Each_host_gets_its_own_page_because_canonical_urls_name_the_host()
    {
        var client = await _site.ReadyClientAsync();

        var one = await GetWithHostAsync(client, "/anatomy/soleus", "one.example");
        var two = await GetWithHostAsync(client, "/anatomy/soleus", "two.example");

        Assert.Equal("http://one.example/anatomy/soleus", (await Html.ParseAsync(one)).QuerySelector("link[rel=canonical]")!.GetAttribute("href"));
        Assert.Equal("http://two.example/anatomy/soleus", (await Html.ParseAsync(two)).QuerySelector("link[rel=canonical]")!.GetAttribute("href"));
        Assert.NotEqual(one.Headers.ETag, two.Headers.ETag);
    }

    [Fact]
    public async Task A_mixed_case_address_still_redirects_once_the_lowercase_page_is_cached()
    {
        var client = await _site.ReadyClientAsync();
        await client.GetAsync(Relative("/anatomy/soleus"));
        await client.GetAsync(Relative("/anatomy/soleus"));

        var response = await client.GetAsync(Relative("/anatomy/Soleus"));

        Assert.Equal(HttpStatusCode.MovedPermanently, response.StatusCode);
        Assert.Equal("/anatomy/soleus", response.Headers.Location!.OriginalString);
    }

    [Fact]
    public async Task HEAD_is_answered_from_the_cached_page_without_a_body()
    {
        var client = await _site.ReadyClientAsync();
        var body = await (await client.GetAsync(Relative("/anatomy/soleus"))).Content.ReadAsByteArrayAsync();

        using var request = new HttpRequestMessage(HttpMethod.Head, "/anatomy/soleus");
        var head = await client.SendAsync(request);

        Assert.Equal(HttpStatusCode.OK, head.StatusCode);
        Assert.NotNull(head.Headers.Age);
        Assert.Equal(body.Length, head.Content.Headers.ContentLength);
        Assert.Empty(await head.Content.ReadAsByteArrayAsync());
    }

    [Fact]
    public async Task A_page_kept_yesterday_is_rendered_again_today_because_it_shows_the_date()
    {
        var clock = new ManualClock(new DateTimeOffset(2026, 11, 21, 23, 59, 0, TimeSpan.Zero));
        using var site = _site.WithWebHostBuilder(builder => builder.ConfigureServices(services => services.AddSingleton<TimeProvider>(clock)));
        var client = site.CreateClient();
        await site.Services.GetRequiredService<GastroRef.Web.Data.StoreState>().Ready.WaitAsync(TimeSpan.FromSeconds(60));
        var first = await client.GetAsync(Relative("/anatomy/soleus"));
        var cached = await client.GetAsync(Relative("/anatomy/soleus"));

        clock.Now = clock.Now.AddMinutes(2);
        var nextDay = await client.GetAsync(Relative("/anatomy/soleus"));

        Assert.NotNull(cached.Headers.Age);
        Assert.Null(nextDay.Headers.Age);
        Assert.Contains("2026-11-21", (await Html.ParseAsync(first)).QuerySelector("[data-cited-date]")!.GetAttribute("datetime"), StringComparison.Ordinal);
        Assert.Contains("2026-11-22", (await Html.ParseAsync(nextDay)).QuerySelector("[data-cited-date]")!.GetAttribute("datetime"), StringComparison.Ordinal);
        Assert.NotEqual(first.Headers.ETag, nextDay.Headers.ETag);
        Assert.Equal(HttpStatusCode.OK, (await SendConditionalAsync(client, "/anatomy/soleus", first.Headers.ETag!)).StatusCode);
    }

    [Fact]
    public async Task Each_query_string_is_its_own_entry()
    {
        var client = await _site.ReadyClientAsync();
        await client.GetAsync(Relative("/anatomy?view=a"));
        await client.GetAsync(Relative("/anatomy?view=a"));

        var same = await client.GetAsync(Relative("/anatomy?view=a"));
        var other = await client.GetAsync(Relative("/anatomy?view=b"));

        Assert.NotNull(same.Headers.Age);
        Assert.Null(other.Headers.Age);
    }

    [Theory]
    [InlineData("br")]
    [InlineData("gzip")]
    public async Task Pages_are_compressed_once_and_served_compressed_from_the_cache(string encoding)
    {
        var client = await _site.ReadyClientAsync();
        var plain = await client.GetAsync(Relative("/anatomy/gastrocnemius"));
        var plainBody = await plain.Content.ReadAsStringAsync();

        var first = await GetEncodedAsync(client, "/anatomy/gastrocnemius", encoding);
        var second = await GetEncodedAsync(client, "/anatomy/gastrocnemius", encoding);

        foreach (var response in new[] { first, second })
        {
            Assert.Equal(encoding, Assert.Single(response.Content.Headers.ContentEncoding));
            Assert.Contains("Accept-Encoding", response.Headers.Vary);
            var bytes = await response.Content.ReadAsByteArrayAsync();
            Assert.True(bytes.Length * 3 < Encoding.UTF8.GetByteCount(plainBody), $"{encoding}: {bytes.Length} bytes");
            Assert.Equal(plainBody, Decompress(bytes, encoding));
        }

        Assert.NotNull(second.Headers.Age);
        Assert.NotEqual(plain.Headers.ETag, first.Headers.ETag); // different bytes, different strong ETag
        Assert.Equal(first.Headers.ETag, second.Headers.ETag);
    }

    [Fact]
    public async Task Fingerprinted_assets_are_immutable_and_the_unversioned_names_revalidate()
    {
        var client = await _site.ReadyClientAsync();
        var page = await Html.ParseAsync(await client.GetAsync(Relative("/anatomy/gastrocnemius")));
        var assets = page.QuerySelectorAll("link[rel=stylesheet]").Select(l => l.GetAttribute("href")!)
            .Concat(page.QuerySelectorAll("script[src]").Select(s => s.GetAttribute("src")!))
            .ToList();

        Assert.Equal(["css/atlas", "css/instructors", "css/site", "js/atlas", "js/instructors", "js/search", "js/site"], assets.Select(a => string.Join('/', a.Split('/')[1], a.Split('/')[2].Split('.')[0])).Order());
        foreach (var asset in assets)
        {
            Assert.Matches(@"^/(css|js)/[a-z]+\.[a-z0-9]{8,}\.(css|js)$", asset);
            var response = await client.GetAsync(Relative(asset));
            Assert.Equal(HttpStatusCode.OK, response.StatusCode);
            var cacheControl = response.Headers.CacheControl!;
            Assert.True(cacheControl.MaxAge >= TimeSpan.FromDays(365), asset);
            Assert.Contains(cacheControl.Extensions, e => e.Name == "immutable");
        }

        var unversioned = await client.GetAsync(Relative("/css/site.css"));
        Assert.True(unversioned.Headers.CacheControl!.NoCache);
    }

    [Fact]
    public async Task Not_found_pages_are_never_cached()
    {
        var client = await _site.ReadyClientAsync();
        await client.GetAsync(Relative("/anatomy/no-such-page"));

        var again = await client.GetAsync(Relative("/anatomy/no-such-page"));

        Assert.Equal(HttpStatusCode.NotFound, again.StatusCode);
        Assert.Null(again.Headers.Age);
    }

    private sealed record Summary(string Slug, string Url);

    private sealed class ManualClock(DateTimeOffset now) : TimeProvider
    {
        public DateTimeOffset Now { get; set; } = now;

        public override DateTimeOffset GetUtcNow() => Now;
    }

    private static Uri Relative(string path) => new(path, UriKind.Relative);

    private static async Task<HttpResponseMessage> SendConditionalAsync(HttpClient client, string path, EntityTagHeaderValue etag)
    {
        using var request = new HttpRequestMessage(HttpMethod.Get, path);
        request.Headers.IfNoneMatch.Add(etag);
        return await client.SendAsync(request);
    }

    private static async Task<HttpResponseMessage> GetWithHostAsync(HttpClient client, string path, string host)
    {
        using var request = new HttpRequestMessage(HttpMethod.Get, path);
        request.Headers.Host = host;
        return await client.SendAsync(request);
    }

    private static async Task<HttpResponseMessage> GetEncodedAsync(HttpClient client, string path, string encoding)
    {
        using var request = new HttpRequestMessage(HttpMethod.Get, path);
        request.Headers.AcceptEncoding.Add(new StringWithQualityHeaderValue(encoding));
        return await client.SendAsync(request);
    }

    private static string Decompress(byte[] bytes, string encoding)
    {
        using var input = new MemoryStream(bytes);
        using Stream decompressor = encoding == "br" ? new BrotliStream(input, CompressionMode.Decompress) : new GZipStream(input, CompressionMode.Decompress);
        using var reader = new StreamReader(decompressor, Encoding.UTF8);
        return reader.ReadToEnd();
    }

    private void EditContent(string relativePath, string find, string replace)
    {
        var path = Path.Combine(_site.ContentPath, relativePath);
        var text = File.ReadAllText(path);
        Assert.Contains(find, text, StringComparison.Ordinal);
        var index = text.IndexOf(find, StringComparison.Ordinal);
        File.WriteAllText(path, string.Concat(text.AsSpan(0, index), replace, text.AsSpan(index + find.Length)));
    }

    private async Task ExecuteAsync(string sql)
    {
        await using var connection = new SqliteConnection($"Data Source={_site.DatabasePath};Pooling=False");
        await connection.OpenAsync();
        await using var command = connection.CreateCommand();
        command.CommandText = sql;
        await command.ExecuteNonQueryAsync();
    }
}
