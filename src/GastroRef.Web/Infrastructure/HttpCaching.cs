using System.IO.Compression;
using System.Security.Cryptography;
using GastroRef.Web.Data;
using Microsoft.AspNetCore.OutputCaching;
using Microsoft.AspNetCore.ResponseCompression;
using Microsoft.Net.Http.Headers;

namespace GastroRef.Web.Infrastructure;

/// <summary>Pages are rendered once per content version and served from memory, compressed once per
/// encoding; browsers revalidate with strong ETags derived from what the page shows.</summary>
public static class HttpCaching
{
    /// <summary>The output-cache policy of the HTML pages.</summary>
    public const string PagesPolicy = "pages";

    /// <summary>Every cached page carries this tag; a reseed that changes anything evicts them all.</summary>
    public const string ContentTag = "content";

    /// <summary>Shared caches may keep a page, but everyone revalidates it (a cheap 304) before use,
    /// so an edit shows on the next refresh.</summary>
    public const string PageCacheControl = "public, no-cache";

    private const string Identity = "identity";

    /// <summary>Changes with every build: the templates and the fingerprinted asset URLs pages link to.</summary>
    public static string BuildVersion { get; } = ComputeBuildVersion();

    public static IServiceCollection AddGastroRefHttpCaching(this IServiceCollection services)
    {
        services.AddResponseCompression(options =>
        {
            // Safe over HTTPS here (BREACH): no page carries a secret — no cookies, no tokens, no personal data.
            options.EnableForHttps = true;
            options.Providers.Add<BrotliCompressionProvider>();
            options.Providers.Add<GzipCompressionProvider>();
            options.MimeTypes = [.. ResponseCompressionDefaults.MimeTypes, "application/problem+json", "image/svg+xml", "application/opensearchdescription+xml"];
        });

        // Cached pages are compressed once, so the better ratio is worth its CPU.
        services.Configure<BrotliCompressionProviderOptions>(options => options.Level = CompressionLevel.Optimal);
        services.Configure<GzipCompressionProviderOptions>(options => options.Level = CompressionLevel.Optimal);

        services.AddOutputCache(options =>
        {
            options.SizeLimit = 64 * 1024 * 1024;
            options.MaximumBodySize = 2 * 1024 * 1024;

            // /anatomy/Soleus answers 301 to /anatomy/soleus: the two must not share an entry.
            options.UseCaseSensitivePaths = true;
            options.AddPolicy(PagesPolicy, policy => policy
                .Expire(TimeSpan.FromHours(12))
                .Tag(ContentTag)

                // The key already holds scheme, host (canonical URLs), path and the whole query string.
                // The content version makes a page rendered from the old store, finishing after a reseed,
                // land under a key nobody asks for any more.
                .VaryByValue(context => new("content-version", context.RequestServices.GetRequiredService<StoreState>().Version.ToString(System.Globalization.CultureInfo.InvariantCulture)))

                // The cached bytes are compressed: one entry per encoding the compression middleware would pick.
                .VaryByValue(context => new("encoding", Encoding(context)))
                .AddPolicy<PageCacheControlPolicy>());
        });
        return services;
    }

    /// <summary>The output cache in front of compression (so what is cached is already compressed),
    /// and eviction whenever seeding changes the content.</summary>
    public static IApplicationBuilder UseGastroRefHttpCaching(this IApplicationBuilder app)
    {
        ArgumentNullException.ThrowIfNull(app);
        var store = app.ApplicationServices.GetRequiredService<IOutputCacheStore>();
        var logger = app.ApplicationServices.GetRequiredService<ILoggerFactory>().CreateLogger(typeof(HttpCaching).FullName!);
        app.ApplicationServices.GetRequiredService<StoreState>().ContentChanged += version =>
        {
            // Memory hygiene: correctness comes from the content version in the key.
            _ = store.EvictByTagAsync(ContentTag, CancellationToken.None).AsTask();
            Log.PagesEvicted(logger, version);
        };
        app.UseOutputCache();
        app.UseResponseCompression();
        return app;
    }

    /// <summary>A strong ETag for a page: the build, the address it is served under (canonical URLs use it),
    /// the parts of the content it shows, and the compression it will be sent with (a strong ETag names
    /// exact bytes, and the Brotli bytes are not the gzip bytes).</summary>
    public static string EntityTag(HttpContext context, IEnumerable<string?> parts)
    {
        ArgumentNullException.ThrowIfNull(context);
        ArgumentNullException.ThrowIfNull(parts);
        using var hash = IncrementalHash.CreateHash(HashAlgorithmName.SHA256);
        Append(hash, BuildVersion);
        Append(hash, context.Request.Scheme);
        Append(hash, context.Request.Host.Value);
        foreach (var part in parts)
        {
            Append(hash, part);
        }

        var encoding = Encoding(context);
        var suffix = encoding == Identity ? "" : "-" + encoding;
        return $"\"{Convert.ToHexStringLower(hash.GetHashAndReset().AsSpan(0, 16))}{suffix}\"";
    }

    /// <summary>Sets the page's ETag and Cache-Control; true when the client already has this version
    /// and should be answered 304.</summary>
    public static bool IsNotModified(HttpContext context, string entityTag)
    {
        ArgumentNullException.ThrowIfNull(context);
        var response = context.Response;
        response.Headers.ETag = entityTag;
        response.Headers.CacheControl = PageCacheControl;
        var request = context.Request;
        if (!HttpMethods.IsGet(request.Method) && !HttpMethods.IsHead(request.Method))
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

    /// <summary>The content coding the compression middleware will choose for this request.</summary>
    private static string Encoding(HttpContext context) =>
        context.RequestServices.GetRequiredService<IResponseCompressionProvider>().GetCompressionProvider(context)?.EncodingName ?? Identity;

    private static void Append(IncrementalHash hash, string? value)
    {
        // Length-prefixed, so ("ab", "c") and ("a", "bc") hash differently.
        var bytes = System.Text.Encoding.UTF8.GetBytes(value ?? "");
        hash.AppendData(BitConverter.GetBytes(bytes.Length));
        hash.AppendData(bytes);
    }

    private static string ComputeBuildVersion()
    {
        using var hash = IncrementalHash.CreateHash(HashAlgorithmName.SHA256);
        var assembly = typeof(HttpCaching).Assembly;
        Append(hash, assembly.ManifestModule.ModuleVersionId.ToString());

        // Changing a stylesheet changes its fingerprinted URL in every page without changing the assembly.
        var manifest = Path.Combine(AppContext.BaseDirectory, $"{assembly.GetName().Name}.staticwebassets.endpoints.json");
        if (File.Exists(manifest))
        {
            hash.AppendData(File.ReadAllBytes(manifest));
        }

        return Convert.ToHexStringLower(hash.GetHashAndReset().AsSpan(0, 8));
    }

    /// <summary>Every 200 (and 304) page gets <see cref="PageCacheControl"/> unless it set its own. Added as the
    /// response starts, on cache hits as much as on misses.</summary>
    private sealed class PageCacheControlPolicy : IOutputCachePolicy
    {
        public ValueTask CacheRequestAsync(OutputCacheContext context, CancellationToken cancellation)
        {
            context.HttpContext.Response.OnStarting(static state =>
            {
                var response = ((HttpContext)state).Response;
                if (response.StatusCode is StatusCodes.Status200OK or StatusCodes.Status304NotModified && string.IsNullOrEmpty(response.Headers.CacheControl))
                {
                    response.Headers.CacheControl = PageCacheControl;
                }

                return Task.CompletedTask;
            }, context.HttpContext);
            return ValueTask.CompletedTask;
        }

        public ValueTask ServeFromCacheAsync(OutputCacheContext context, CancellationToken cancellation) => ValueTask.CompletedTask;

        public ValueTask ServeResponseAsync(OutputCacheContext context, CancellationToken cancellation) => ValueTask.CompletedTask;
    }
}
