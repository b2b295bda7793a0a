using System.Buffers;
using System.Collections.Concurrent;
using System.Diagnostics;
using System.IO.Hashing;
using GastroRef.Web.Data;
using Microsoft.AspNetCore.ResponseCompression;
using Microsoft.Extensions.Caching.Memory;
using Microsoft.Extensions.Primitives;
using Microsoft.Net.Http.Headers;

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
/// under a key nobody asks for; the whole cache is dropped when seeding changes the content.
/// An address with a query (a search, a filter) is kept from its second request (<see cref="AskedBefore"/>): such
/// addresses are endless, most searches are asked once, and a flood of one-off queries, or of cache-busting
/// parameters, must not push the pages out (nor cost a copy and an entry each).</summary>
public sealed class PageCache : IDisposable
{
    public const long SizeLimit = 64 * 1024 * 1024;

    /// <summary>Bigger responses are not kept.</summary>
    public const int MaxBodyBytes = 2 * 1024 * 1024;

    /// <summary>Browsers send one of a few Accept-Encoding values, so the compression middleware's choice for each
    /// is remembered (parsing the header on every cache hit cost 2 % of a compressed hit); up to this many values.</summary>
    private const int RememberedAcceptEncodings = 64;

    /// <summary>Slots of the record of addresses asked once (256 KB): an address asked again within about this many
    /// other one-off addresses is still recognised.</summary>
    private const int AskedOnceSlots = 1 << 16;

    /// <summary>A hash of an address asked once per slot (0: none). A collision only keeps an address one request
    /// early, and a lost race one request late, so a plain array does (a set would need a bound and locking).</summary>
    private readonly int[] _askedOnce = new int[AskedOnceSlots];

    private readonly MemoryCache _pages = new(new MemoryCacheOptions { SizeLimit = SizeLimit, CompactionPercentage = 0.25 });
    private readonly ConcurrentDictionary<string, string> _codingByAcceptEncoding = new(StringComparer.Ordinal);
    private readonly StoreState _state;
    private readonly IResponseCompressionProvider _compression;
    private readonly ILogger<PageCache> _logger;

    public PageCache(StoreState state, IResponseCompressionProvider compression, ILogger<PageCache> logger)
    {
        ArgumentNullException.ThrowIfNull(state);
        ArgumentNullException.ThrowIfNull(compression);
        _state = state;
        _compression = compression;
        _logger = logger;
        _state.ContentChanged += OnContentChanged;
    }

    /// <summary>Everything that changes the bytes: the address (host and port for canonical URLs, the query for
    /// filters and searches), the compression, and the content version.</summary>
    public string Key(HttpContext context)
    {
        ArgumentNullException.ThrowIfNull(context);
        var request = context.Request;
        return $"{request.Scheme}://{request.Host.Value}{request.PathBase.Value}{request.Path.Value}{request.QueryString.Value}|{ContentCoding(context)}|{_state.Version}";
    }

    /// <summary>The content coding the compression middleware will choose for this request.</summary>
    private string ContentCoding(HttpContext context)
    {
        var accept = context.Request.Headers.AcceptEncoding;
        if (accept.Count == 0)
        {
            return HttpCaching.Identity;
        }

        var single = accept.Count == 1 ? accept[0] : null;
        if (single is not null && _codingByAcceptEncoding.TryGetValue(single, out var remembered))
        {
            return remembered;
        }

        var coding = _compression.GetCompressionProvider(context)?.EncodingName ?? HttpCaching.Identity;
        if (single is not null && _codingByAcceptEncoding.Count < RememberedAcceptEncodings)
        {
            _codingByAcceptEncoding.TryAdd(single, coding);
        }

        return coding;
    }

    /// <summary>How many responses are kept.</summary>
    public int Count => _pages.Count;

    public bool TryGet(string key, out CachedPage? page) => _pages.TryGetValue(key, out page);

    /// <summary>Whether <paramref name="key"/> was asked for before (since the cache was last emptied); notes it if not.</summary>
    public bool AskedBefore(string key)
    {
        ArgumentNullException.ThrowIfNull(key);
        var hash = key.GetHashCode() | 1;
        ref var slot = ref _askedOnce[(uint)hash % AskedOnceSlots];
        if (Volatile.Read(ref slot) == hash)
        {
            return true;
        }

        Volatile.Write(ref slot, hash);
        return false;
    }

    public void Set(string key, CachedPage page)
    {
        ArgumentNullException.ThrowIfNull(page);
        var size = page.Body.Length + page.Headers.Sum(h => h.Key.Length + h.Value.ToString().Length) + key.Length;
        _pages.Set(key, page, new MemoryCacheEntryOptions { Size = size });
    }

    public void Clear()
    {
        _pages.Clear();
        Array.Clear(_askedOnce);
    }

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
internal sealed class PageCacheMiddleware(RequestDelegate next, PageCache cache, TimeProvider time)
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
        if ((!HttpMethods.IsGet(request.Method) && !HttpMethods.IsHead(request.Method)) || context.GetEndpoint()?.Metadata.GetMetadata<HttpCaching.CachedPageMetadata>() is null)
        {
            return next(context);
        }

        // Pages already kept were answered before routing (CachedPageHitMiddleware); one kept since is found
        // again once this request has claimed the render. A HEAD renders the page like a GET and sends no body.
        var key = cache.Key(context);
        return request.QueryString.HasValue && !cache.AskedBefore(key) ? RenderAsync(context, keepAs: null, default) : RenderOnceAsync(context, key, Today(time));
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
            await RenderAsync(context, keepAs: null, default);
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
                await RenderAsync(context, keepAs: key, today);
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
            response.Headers.CacheControl = HttpCaching.KeptCacheControl(context.Request.Path);
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

    /// <summary>Runs the page into memory and sends it. A storable 200 gets a strong ETag that is a hash of the exact
    /// bytes it sends (already compressed when the client asked for it), so whatever the page shows, from whatever
    /// source, changes the ETag, and no page needs to know about caching. With <paramref name="keepAs"/>, a copy is
    /// kept under that key, stamped with the day the request began (a render that crosses midnight is stamped with
    /// the earlier day, so it is not served the next day). A page too big to hold streams out as it renders.</summary>
    private async Task RenderAsync(HttpContext context, string? keepAs, DateOnly day)
    {
        var response = context.Response;
        response.Headers.CacheControl = HttpCaching.KeptCacheControl(context.Request.Path);
        var original = response.Body;
        await using var buffer = new BufferingStream(original);
        response.Body = buffer;
        try
        {
            await next(context);
        }
        finally
        {
            response.Body = original;
        }

        if (buffer.Spilled)
        {
            return;
        }

        var body = buffer.Held;
        string? entityTag = null;
        if (response.StatusCode == StatusCodes.Status200OK && !response.HasStarted && (response.ContentLength is not { } length || length == body.Length))
        {
            var headers = response.Headers.ToArray();
            if (IsStorable(headers))
            {
                entityTag = $"\"{Convert.ToHexStringLower(XxHash128.Hash(body.Span))}\"";
                response.Headers.ETag = entityTag;
                if (keepAs is not null && !context.RequestAborted.IsCancellationRequested)
                {
                    cache.Set(keepAs, new CachedPage([.. headers.Where(h => !NotStored.Contains(h.Key)), new(HeaderNames.ETag, entityTag)], body.ToArray(), entityTag, day));
                }
            }
        }

        await SendAsync(context, body, entityTag);
    }

    /// <summary>Sends a rendered body: 304 when the client holds these bytes already. A response without a body
    /// stays unstarted, so the status-code pages can still fill it in.</summary>
    private static Task SendAsync(HttpContext context, ReadOnlyMemory<byte> body, string? entityTag)
    {
        var response = context.Response;
        if (entityTag is not null && HttpCaching.Matches(context.Request, entityTag))
        {
            response.StatusCode = StatusCodes.Status304NotModified;
            response.ContentLength = null;
            response.Headers.ContentType = default;
            response.Headers.ContentEncoding = default;
            return Task.CompletedTask;
        }

        if (body.Length == 0 || response.HasStarted)
        {
            return Task.CompletedTask;
        }

        response.ContentLength = body.Length;
        return HttpMethods.IsHead(context.Request.Method) ? Task.CompletedTask : response.Body.WriteAsync(body, context.RequestAborted).AsTask();
    }

    private static bool IsStorable(KeyValuePair<string, StringValues>[] headers) =>
        !headers.Any(h => string.Equals(h.Key, "Set-Cookie", StringComparison.OrdinalIgnoreCase)) &&
        !headers.Any(h => string.Equals(h.Key, "Cache-Control", StringComparison.OrdinalIgnoreCase) &&
            (h.Value.ToString().Contains("no-store", StringComparison.OrdinalIgnoreCase) || h.Value.ToString().Contains("private", StringComparison.OrdinalIgnoreCase)));

    /// <summary>Holds the response in memory (up to <see cref="PageCache.MaxBodyBytes"/>), so its ETag can be computed
    /// from its bytes before anything is sent. A bigger response spills: what was held is sent and the rest streams
    /// through, without an ETag and without being kept. The buffer comes from the shared pool (a MemoryStream grown
    /// from 256 bytes left about three times the answer's size as garbage on every render).</summary>
    private sealed class BufferingStream(Stream inner) : Stream
    {
        private const int FirstBufferBytes = 16 * 1024;

        private byte[] _held = ArrayPool<byte>.Shared.Rent(FirstBufferBytes);
        private int _length;

        public bool Spilled { get; private set; }

        public override bool CanRead => false;

        public override bool CanSeek => false;

        public override bool CanWrite => true;

        public override long Length => _length;

        public override long Position { get => _length; set => throw new NotSupportedException(); }

        /// <summary>What was written, while the stream is not disposed.</summary>
        public ReadOnlyMemory<byte> Held => _held.AsMemory(0, _length);

        public override void Write(byte[] buffer, int offset, int count) => Write(buffer.AsSpan(offset, count));

        public override void Write(ReadOnlySpan<byte> buffer)
        {
            if (!Spilled && _length + buffer.Length <= PageCache.MaxBodyBytes)
            {
                Hold(buffer);
                return;
            }

            if (!Spilled)
            {
                Spilled = true;
                inner.Write(Held.Span);
            }

            inner.Write(buffer);
        }

        public override Task WriteAsync(byte[] buffer, int offset, int count, CancellationToken cancellationToken) =>
            WriteAsync(buffer.AsMemory(offset, count), cancellationToken).AsTask();

        public override async ValueTask WriteAsync(ReadOnlyMemory<byte> buffer, CancellationToken cancellationToken = default)
        {
            if (!Spilled && _length + buffer.Length <= PageCache.MaxBodyBytes)
            {
                Hold(buffer.Span);
                return;
            }

            if (!Spilled)
            {
                Spilled = true;
                await inner.WriteAsync(Held, cancellationToken);
            }

            await inner.WriteAsync(buffer, cancellationToken);
        }

        // Held bytes are sent once the page is done; a flush before that must not start the response.
        public override void Flush()
        {
            if (Spilled)
            {
                inner.Flush();
            }
        }

        public override Task FlushAsync(CancellationToken cancellationToken) => Spilled ? inner.FlushAsync(cancellationToken) : Task.CompletedTask;

        public override int Read(byte[] buffer, int offset, int count) => throw new NotSupportedException();

        public override long Seek(long offset, SeekOrigin origin) => throw new NotSupportedException();

        public override void SetLength(long value) => throw new NotSupportedException();

        protected override void Dispose(bool disposing)
        {
            if (disposing && _held.Length > 0)
            {
                ArrayPool<byte>.Shared.Return(_held);
                _held = [];
                _length = 0;
            }

            base.Dispose(disposing);
        }

        private void Hold(ReadOnlySpan<byte> bytes)
        {
            if (_length + bytes.Length > _held.Length)
            {
                var larger = ArrayPool<byte>.Shared.Rent(Math.Max(_length + bytes.Length, _held.Length * 2));
                _held.AsSpan(0, _length).CopyTo(larger);
                ArrayPool<byte>.Shared.Return(_held);
                _held = larger;
            }

            bytes.CopyTo(_held.AsSpan(_length));
            _length += bytes.Length;
        }
    }
}

/// <summary>Answers requests for pages already in the <see cref="PageCache"/> before routing and everything after
/// it: most requests for a reference site are for a page someone read a moment ago. Only pages of endpoints marked
/// for caching are ever kept, under their exact address, so a key found here needs no endpoint to confirm it.
/// It runs after what every response needs (logging, security and cache headers, CORS, request limits) and before
/// what a kept page cannot need: error pages (a kept page is a 200) and waiting for the store (a page is kept only
/// once the store is ready). Each middleware a hit passes costs it about a microsecond (docs/benchmarks.md).</summary>
internal sealed class CachedPageHitMiddleware(RequestDelegate next, PageCache cache, TimeProvider time)
{
    public Task InvokeAsync(HttpContext context)
    {
        var method = context.Request.Method;
        if ((HttpMethods.IsGet(method) || HttpMethods.IsHead(method))
            && cache.TryGet(cache.Key(context), out var page)
            && page!.Day == PageCacheMiddleware.Today(time))
        {
            return PageCacheMiddleware.ServeAsync(context, page);
        }

        return next(context);
    }
}
