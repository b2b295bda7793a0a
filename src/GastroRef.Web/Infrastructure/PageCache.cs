using System.Collections.Concurrent;
using System.Diagnostics;
using GastroRef.Web.Data;
using Microsoft.AspNetCore.ResponseCompression;
using Microsoft.Extensions.Caching.Memory;
using Microsoft.Extensions.Primitives;

namespace GastroRef.Web.Infrastructure;

/// <summary>One rendered response as it went out: its headers (without the per-request ones) and its
/// body bytes, already compressed when the client asked for compression. <paramref name="day"/> is the UTC
/// date it was rendered on: pages may show today's date (citations), so a page is only served on its day.</summary>
public sealed class CachedPage(KeyValuePair<string, StringValues>[] headers, byte[] body, string? entityTag, DateOnly day)
{
    private readonly long _storedAt = Stopwatch.GetTimestamp();

    public IReadOnlyList<KeyValuePair<string, StringValues>> Headers { get; } = headers;

    public ReadOnlyMemory<byte> Body { get; } = body;

    public string? EntityTag { get; } = entityTag;

    public DateOnly Day { get; } = day;

    public TimeSpan Age => Stopwatch.GetElapsedTime(_storedAt);
}

/// <summary>Rendered pages kept in memory, at most <see cref="SizeLimit"/> bytes of them (least used go first).
/// Keys hold the content version, so a page rendered from the old store that finishes after a reseed lands
/// under a key nobody asks for; the whole cache is dropped when seeding changes the content.</summary>
public sealed class PageCache : IDisposable
{
    public const long SizeLimit = 64 * 1024 * 1024;

    /// <summary>Bigger responses are not kept.</summary>
    public const int MaxBodyBytes = 2 * 1024 * 1024;

    private readonly MemoryCache _pages = new(new MemoryCacheOptions { SizeLimit = SizeLimit, CompactionPercentage = 0.25 });
    private readonly StoreState _state;
    private readonly ILogger<PageCache> _logger;

    public PageCache(StoreState state, ILogger<PageCache> logger)
    {
        ArgumentNullException.ThrowIfNull(state);
        _state = state;
        _logger = logger;
        _state.ContentChanged += OnContentChanged;
    }

    public long Count => _pages.Count;

    public bool TryGet(string key, out CachedPage? page) => _pages.TryGetValue(key, out page);

    public void Set(string key, CachedPage page)
    {
        ArgumentNullException.ThrowIfNull(page);
        var size = page.Body.Length + page.Headers.Sum(h => h.Key.Length + h.Value.ToString().Length) + key.Length;
        _pages.Set(key, page, new MemoryCacheEntryOptions { Size = size });
    }

    public void Clear() => _pages.Clear();

    public void Dispose()
    {
        _state.ContentChanged -= OnContentChanged;
        _pages.Dispose();
    }

    private void OnContentChanged(long version)
    {
        Clear();
        Log.PagesEvicted(_logger, version);
    }
}

/// <summary>Fills the <see cref="PageCache"/> for the endpoints marked with <see cref="HttpCaching.CacheRenderedPages{TBuilder}"/>
/// (hits are answered earlier, by <see cref="CachedPageHitMiddleware"/>). A miss runs the page and keeps a
/// copy of a 200 response as it streams out; requests for the same page meanwhile wait for that copy
/// instead of rendering it again (after a reseed empties the cache under load, each page renders once).</summary>
internal sealed class PageCacheMiddleware(RequestDelegate next, PageCache cache, StoreState state, IResponseCompressionProvider compression, TimeProvider time)
{
    private static readonly TimeSpan LongestWait = TimeSpan.FromSeconds(10);

    private readonly ConcurrentDictionary<string, Task> _rendering = new(StringComparer.Ordinal);

    // Added per response by other middleware or by the server: never stored.
    private static readonly HashSet<string> NotStored = new(StringComparer.OrdinalIgnoreCase)
    {
        "Date", "Server", "Content-Length", "Transfer-Encoding", "Connection", "Keep-Alive", "Age", "Set-Cookie",
    };

    public Task InvokeAsync(HttpContext context)
    {
        var request = context.Request;
        var isGet = HttpMethods.IsGet(request.Method);
        if ((!isGet && !HttpMethods.IsHead(request.Method)) || context.GetEndpoint()?.Metadata.GetMetadata<HttpCaching.CachedPageMetadata>() is null)
        {
            return next(context);
        }

        // Pages already kept were answered before routing (CachedPageHitMiddleware); one kept since is found
        // again once this request has claimed the render.
        return isGet ? RenderOnceAsync(context, Key(context, compression, state), Today(time)) : RenderAsync(context);
    }

    /// <summary>Everything that changes the bytes: the address (host and port for canonical URLs, the query for
    /// filters and searches), the compression, and the content version.</summary>
    internal static string Key(HttpContext context, IResponseCompressionProvider compression, StoreState state)
    {
        var request = context.Request;
        return $"{request.Scheme}://{request.Host.Value}{request.PathBase.Value}{request.Path.Value}{request.QueryString.Value}|{HttpCaching.Encoding(context, compression)}|{state.Version}";
    }

    internal static DateOnly Today(TimeProvider time) => DateOnly.FromDateTime(time.GetUtcNow().UtcDateTime);

    private async Task RenderOnceAsync(HttpContext context, string key, DateOnly today)
    {
        var mine = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        var rendering = _rendering.GetOrAdd(key, mine.Task);
        if (rendering != mine.Task)
        {
            try
            {
                await rendering.WaitAsync(LongestWait, context.RequestAborted);
            }
            catch (TimeoutException)
            {
                // A slow render: do not queue behind it any longer.
            }

            if (cache.TryGet(key, out var page) && page!.Day == today)
            {
                await ServeAsync(context, page);
                return;
            }

            // Not kept (not a 200, or failed): this request renders for itself.
            await RenderAsync(context);
            return;
        }

        try
        {
            // Another request may have kept the page between our lookup and our claim.
            if (cache.TryGet(key, out var kept) && kept!.Day == today)
            {
                await ServeAsync(context, kept);
            }
            else
            {
                await RenderAndKeepAsync(context, key, today);
            }
        }
        finally
        {
            _rendering.TryRemove(new KeyValuePair<string, Task>(key, mine.Task));
            mine.TrySetResult();
        }
    }

    internal static Task ServeAsync(HttpContext context, CachedPage page)
    {
        var response = context.Response;
        if (page.EntityTag is { } entityTag && HttpCaching.Matches(context.Request, entityTag))
        {
            response.StatusCode = StatusCodes.Status304NotModified;
            response.Headers.ETag = entityTag;
            response.Headers.CacheControl = HttpCaching.PageCacheControl;
            return Task.CompletedTask;
        }

        response.StatusCode = StatusCodes.Status200OK;
        foreach (var (name, value) in page.Headers)
        {
            response.Headers[name] = value;
        }

        response.Headers.Age = ((long)page.Age.TotalSeconds).ToString(System.Globalization.CultureInfo.InvariantCulture);
        response.ContentLength = page.Body.Length;
        return HttpMethods.IsHead(context.Request.Method) ? Task.CompletedTask : response.BodyWriter.WriteAsync(page.Body, context.RequestAborted).AsTask();
    }

    private Task RenderAsync(HttpContext context)
    {
        DefaultCacheControl(context.Response);
        return next(context);
    }

    /// <summary>Runs the page, and keeps a copy of a 200 response stamped with the day the request began
    /// (a render that crosses midnight is stamped with the earlier day, so it is not served the next day).</summary>
    private async Task RenderAndKeepAsync(HttpContext context, string key, DateOnly day)
    {
        var response = context.Response;
        DefaultCacheControl(response);
        var original = response.Body;
        await using var copy = new CopyingStream(original, response);
        response.Body = copy;
        try
        {
            // No flush here: a response without a body must stay unstarted for the status-code pages.
            await next(context);
        }
        finally
        {
            response.Body = original;
        }

        if (response.StatusCode == StatusCodes.Status200OK && copy.Snapshot is { } headers && !copy.Overflowed && !context.RequestAborted.IsCancellationRequested
            && (response.ContentLength is null || response.ContentLength == copy.Length) && IsStorable(headers))
        {
            var stored = headers.Where(h => !NotStored.Contains(h.Key)).ToArray();
            var etag = headers.FirstOrDefault(h => string.Equals(h.Key, "ETag", StringComparison.OrdinalIgnoreCase)).Value.ToString();
            cache.Set(key, new CachedPage(stored, copy.ToArray(), etag.Length > 0 ? etag : null, day));
        }
    }

    /// <summary>Pages revalidate unless they say otherwise (set before the page runs, so it can).</summary>
    private static void DefaultCacheControl(HttpResponse response) => response.Headers.CacheControl = HttpCaching.PageCacheControl;

    private static bool IsStorable(KeyValuePair<string, StringValues>[] headers) =>
        !headers.Any(h => string.Equals(h.Key, "Set-Cookie", StringComparison.OrdinalIgnoreCase)) &&
        !headers.Any(h => string.Equals(h.Key, "Cache-Control", StringComparison.OrdinalIgnoreCase) &&
            (h.Value.ToString().Contains("no-store", StringComparison.OrdinalIgnoreCase) || h.Value.ToString().Contains("private", StringComparison.OrdinalIgnoreCase)));

    /// <summary>Passes everything through and keeps a copy (up to <see cref="PageCache.MaxBodyBytes"/>).
    /// The headers are taken at the first write, before the server's and other middleware's
    /// per-response headers (security headers, Date) are added as the response starts.</summary>
    private sealed class CopyingStream(Stream inner, HttpResponse response) : Stream
    {
        private readonly MemoryStream _copy = new();

        public KeyValuePair<string, StringValues>[]? Snapshot { get; private set; }

        public bool Overflowed { get; private set; }

        public override bool CanRead => false;

        public override bool CanSeek => false;

        public override bool CanWrite => true;

        public override long Length => _copy.Length;

        public override long Position { get => _copy.Length; set => throw new NotSupportedException(); }

        public byte[] ToArray() => _copy.ToArray();

        public override void Write(byte[] buffer, int offset, int count) => Write(buffer.AsSpan(offset, count));

        public override void Write(ReadOnlySpan<byte> buffer)
        {
            Keep(buffer);
            inner.Write(buffer);
        }

        public override Task WriteAsync(byte[] buffer, int offset, int count, CancellationToken cancellationToken) =>
            WriteAsync(buffer.AsMemory(offset, count), cancellationToken).AsTask();

        public override ValueTask WriteAsync(ReadOnlyMemory<byte> buffer, CancellationToken cancellationToken = default)
        {
            Keep(buffer.Span);
            return inner.WriteAsync(buffer, cancellationToken);
        }

        public override void Flush()
        {
            TakeSnapshot();
            inner.Flush();
        }

        public override Task FlushAsync(CancellationToken cancellationToken)
        {
            TakeSnapshot();
            return inner.FlushAsync(cancellationToken);
        }

        public override int Read(byte[] buffer, int offset, int count) => throw new NotSupportedException();

        public override long Seek(long offset, SeekOrigin origin) => throw new NotSupportedException();

        public override void SetLength(long value) => throw new NotSupportedException();

        protected override void Dispose(bool disposing)
        {
            if (disposing)
            {
                _copy.Dispose();
            }

            base.Dispose(disposing);
        }

        private void Keep(ReadOnlySpan<byte> buffer)
        {
            TakeSnapshot();
            if (Overflowed)
            {
                return;
            }

            if (_copy.Length + buffer.Length > PageCache.MaxBodyBytes)
            {
                Overflowed = true;
                _copy.SetLength(0);
                return;
            }

            _copy.Write(buffer);
        }

        private void TakeSnapshot() => Snapshot ??= [.. response.Headers];
    }
}

/// <summary>Answers requests for pages already in the <see cref="PageCache"/> before routing and everything after
/// it: most requests for a reference site are for a page someone read a moment ago. Only pages of endpoints marked
/// for caching are ever kept, under their exact address, so a key found here needs no endpoint to confirm it.</summary>
internal sealed class CachedPageHitMiddleware(RequestDelegate next, PageCache cache, StoreState state, IResponseCompressionProvider compression, TimeProvider time)
{
    public Task InvokeAsync(HttpContext context)
    {
        var method = context.Request.Method;
        if ((HttpMethods.IsGet(method) || HttpMethods.IsHead(method))
            && cache.TryGet(PageCacheMiddleware.Key(context, compression, state), out var page)
            && page!.Day == PageCacheMiddleware.Today(time))
        {
            return PageCacheMiddleware.ServeAsync(context, page);
        }

        return next(context);
    }
}
