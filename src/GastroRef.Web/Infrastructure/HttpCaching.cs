using System.IO.Compression;
using Microsoft.AspNetCore.ResponseCompression;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Microsoft.Net.Http.Headers;

namespace GastroRef.Web.Infrastructure;

/// <summary>Pages are rendered once per content version and served from memory (<see cref="PageCache"/>),
/// compressed once per encoding; browsers revalidate with strong ETags that hash the bytes sent.</summary>
public static class HttpCaching
{
    /// <summary>Shared caches may keep a page, but everyone revalidates it (a cheap 304) before use,
    /// so an edit shows on the next refresh.</summary>
    public const string PageCacheControl = "public, no-cache";

    /// <summary>API answers change only when content does; a minute is fresh enough and spares repeat calls.</summary>
    public const string ApiCacheControl = "public, max-age=60";

    /// <summary>The sitemap, robots.txt and the OpenSearch description.</summary>
    public const string DiscoveryCacheControl = "public, max-age=3600";

    /// <summary>Error pages name what was asked for and may change any moment: nobody keeps them.</summary>
    public const string ErrorCacheControl = "no-store";

    internal const string Identity = "identity";

    /// <summary>Responses of these types may be compressed, so caches must keep them per Accept-Encoding.</summary>
    public static IReadOnlySet<string> CompressedMimeTypes { get; } = new HashSet<string>(
        [.. ResponseCompressionDefaults.MimeTypes, "application/problem+json", "image/svg+xml", "application/opensearchdescription+xml"],
        StringComparer.OrdinalIgnoreCase);

    private static readonly PathString[] DiscoveryPaths = ["/sitemap.xml", "/robots.txt", "/opensearch.xml"];

    public static IServiceCollection AddGastroRefHttpCaching(this IServiceCollection services)
    {
        services.AddResponseCompression(options =>
        {
            // Safe over HTTPS here (BREACH): no page carries a secret — no cookies, no tokens, no personal data.
            options.EnableForHttps = true;
            options.Providers.Add<BrotliCompressionProvider>();
            options.Providers.Add<GzipCompressionProvider>();
            options.MimeTypes = CompressedMimeTypes;
        });

        // Cached pages are compressed once, so the better ratio is worth its CPU.
        services.Configure<BrotliCompressionProviderOptions>(options => options.Level = CompressionLevel.Optimal);
        services.Configure<GzipCompressionProviderOptions>(options => options.Level = CompressionLevel.Optimal);
        services.AddSingleton<PageCache>();
        services.TryAddSingleton(TimeProvider.System);
        return services;
    }

    /// <summary>Cache headers every response gets just before it starts, whoever wrote it (cached pages, the API,
    /// status-code pages): errors are never stored; the API and the discovery files get a Cache-Control when
    /// they set none; compressible responses vary on Accept-Encoding even when sent uncompressed.</summary>
    public static IApplicationBuilder UseGastroRefCacheHeaders(this IApplicationBuilder app)
    {
        ArgumentNullException.ThrowIfNull(app);
        return app.Use((context, next) =>
        {
            context.Response.OnStarting(static state => ApplyCacheHeaders((HttpContext)state), context);
            return next(context);
        });
    }

    private static Task ApplyCacheHeaders(HttpContext context)
    {
        var response = context.Response;
        var headers = response.Headers;
        if (response.StatusCode >= StatusCodes.Status400BadRequest)
        {
            headers.CacheControl = ErrorCacheControl;
        }
        else if (response.StatusCode == StatusCodes.Status200OK && headers.CacheControl.Count == 0)
        {
            var path = context.Request.Path;
            if (IsApi(path))
            {
                headers.CacheControl = ApiCacheControl;
            }
            else if (Array.Exists(DiscoveryPaths, discovery => path.Equals(discovery, StringComparison.OrdinalIgnoreCase)))
            {
                headers.CacheControl = DiscoveryCacheControl;
            }
        }

        var mediaType = response.ContentType is { } type ? type.Split(';', 2)[0].Trim() : null;
        var compressible = mediaType is not null && CompressedMimeTypes.Contains(mediaType);
        if ((compressible || response.StatusCode == StatusCodes.Status304NotModified) &&
            !headers.Vary.Any(value => value is not null && value.Contains(HeaderNames.AcceptEncoding, StringComparison.OrdinalIgnoreCase)))
        {
            headers.Append(HeaderNames.Vary, HeaderNames.AcceptEncoding);
        }

        return Task.CompletedTask;
    }

    /// <summary>The Cache-Control of a response the page cache keeps, set before it runs (so it can say otherwise):
    /// pages revalidate; API answers are fresh for a minute.</summary>
    internal static string KeptCacheControl(PathString path) => IsApi(path) ? ApiCacheControl : PageCacheControl;

    private static bool IsApi(PathString path) => path.StartsWithSegments("/api", StringComparison.OrdinalIgnoreCase);

    /// <summary>Answers requests for cached pages at once, before routing (<see cref="CachedPageHitMiddleware"/>).</summary>
    public static IApplicationBuilder UseCachedPageHits(this IApplicationBuilder app)
    {
        ArgumentNullException.ThrowIfNull(app);
        return app.UseMiddleware<CachedPageHitMiddleware>();
    }

    /// <summary>The page cache in front of compression, so what it keeps is already compressed. A page served
    /// from the cache is answered where it arrived; anything else goes on on the thread pool (<see cref="ServerScheduling"/>).</summary>
    public static IApplicationBuilder UseGastroRefHttpCaching(this IApplicationBuilder app)
    {
        ArgumentNullException.ThrowIfNull(app);
        app.UseMiddleware<PageCacheMiddleware>();
        app.UseThreadPoolFromHere();
        app.UseResponseCompression();
        return app;
    }

    /// <summary>Marks endpoints whose 200 responses are kept by the <see cref="PageCache"/>.</summary>
    public static TBuilder CacheRenderedPages<TBuilder>(this TBuilder builder)
        where TBuilder : IEndpointConventionBuilder
    {
        ArgumentNullException.ThrowIfNull(builder);
        return builder.WithMetadata(CachedPageMetadata.Instance);
    }

    /// <summary>If-None-Match on a GET or HEAD names this ETag (or "*"); compared weakly, as RFC 9110 says.</summary>
    internal static bool Matches(HttpRequest request, string entityTag)
    {
        if (request.Headers.IfNoneMatch.Count == 0 || (!HttpMethods.IsGet(request.Method) && !HttpMethods.IsHead(request.Method)))
        {
            return false;
        }

        if (!EntityTagHeaderValue.TryParseList(request.Headers.IfNoneMatch, out var tags))
        {
            return false;
        }

        var current = new EntityTagHeaderValue(entityTag);
        return tags.Any(tag => tag.Equals(EntityTagHeaderValue.Any) || current.Compare(tag, useStrongComparison: false));
    }

    internal sealed class CachedPageMetadata
    {
        public static CachedPageMetadata Instance { get; } = new();
    }
}
