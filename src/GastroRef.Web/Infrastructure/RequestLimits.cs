using System.Globalization;
using System.Net;
using System.Net.Sockets;
using System.Threading.RateLimiting;
using Microsoft.AspNetCore.RateLimiting;

namespace GastroRef.Web.Infrastructure;

/// <summary>How much one client may search: a burst, then a steady rate ("GastroRef:RateLimits").</summary>
public sealed class SearchRateLimitOptions
{
    /// <summary>Searches a client may make at once (typing in the suggest box spends one per pause).</summary>
    public int Burst { get; set; } = 40;

    /// <summary>Searches per second a client earns back.</summary>
    public int PerSecond { get; set; } = 10;
}

/// <summary>Request size limits, and the per-client budget for searching, the only expensive thing a visitor can ask for.</summary>
public static class RequestLimits
{
    /// <summary>Endpoints with <c>.RequireRateLimiting(RequestLimits.SearchPolicy)</c> spend the client's search budget
    /// (checked after routing, by <see cref="UseRateLimitedEndpoints"/>); paths under <see cref="SearchPaths"/> spend it before routing.</summary>
    public const string SearchPolicy = "search";

    /// <summary>The whole query string, e.g. <c>?q=…&amp;type=…</c>.</summary>
    public const int MaxQueryStringLength = 2048;

    /// <summary>No page takes a body; a little room is left for forms that may come.</summary>
    public const long MaxRequestBodyBytes = 64 * 1024;

    /// <summary>The endpoints that cost more than a cached page, by path prefix, so the budget covers them whoever maps
    /// them: searching, comparing (two documents and their connections per request), the structures API (every
    /// structure per call) and practice sets.</summary>
    public static IReadOnlyList<PathString> SearchPaths { get; } =
        ["/search", "/api/search", "/api/suggest", "/compare", "/api/structures", "/practice", "/api/practice"];

    public static WebApplicationBuilder AddGastroRefRequestLimits(this WebApplicationBuilder builder)
    {
        ArgumentNullException.ThrowIfNull(builder);
        builder.WebHost.ConfigureKestrel(kestrel =>
        {
            kestrel.AddServerHeader = false;
            kestrel.Limits.MaxRequestBodySize = MaxRequestBodyBytes;

            // Stated although they are Kestrel's defaults: a longer request line gets 414, bigger headers 431.
            kestrel.Limits.MaxRequestLineSize = 8 * 1024;
            kestrel.Limits.MaxRequestHeadersTotalSize = 32 * 1024;
        });

        var search = builder.Configuration.GetSection("GastroRef:RateLimits:Search").Get<SearchRateLimitOptions>() ?? new();
        builder.Services.AddRateLimiter(options =>
        {
            options.RejectionStatusCode = StatusCodes.Status429TooManyRequests;
            options.OnRejected = RejectAsync;

            // The named policy only marks an endpoint; the global limiter does the counting, so the search paths
            // and marked endpoints share one budget per client instead of one each.
            options.AddPolicy(SearchPolicy, _ => RateLimitPartition.GetNoLimiter(SearchPolicy));
            options.GlobalLimiter = PartitionedRateLimiter.Create<HttpContext, string>(context =>
                RateLimitPartition.GetTokenBucketLimiter(ClientKey(context), _ => new TokenBucketRateLimiterOptions
                {
                    TokenLimit = search.Burst,
                    TokensPerPeriod = search.PerSecond,
                    ReplenishmentPeriod = TimeSpan.FromSeconds(1),
                    QueueLimit = 0,
                    AutoReplenishment = true,
                }));
        });
        return builder;
    }

    /// <summary>Refuses oversized requests with a clear 4xx, then applies the search budget.</summary>
    public static IApplicationBuilder UseRequestLimits(this IApplicationBuilder app)
    {
        ArgumentNullException.ThrowIfNull(app);
        app.Use((context, next) =>
        {
            var request = context.Request;
            if (request.QueryString.Value is { Length: > MaxQueryStringLength })
            {
                return RefuseAsync(context, StatusCodes.Status414UriTooLong, $"The address is too long: its query string may have at most {MaxQueryStringLength} characters.");
            }

            if (HasControlCharacter(request.QueryString.Value))
            {
                // Raw CR, LF or TAB would end up in headers (Location) or logs.
                return RefuseAsync(context, StatusCodes.Status400BadRequest, "The address contains a control character (such as a tab or a line break); encode it, e.g. %09.");
            }

            if (request.ContentLength > MaxRequestBodyBytes)
            {
                return RefuseAsync(context, StatusCodes.Status413PayloadTooLarge, $"The request body is too large: at most {MaxRequestBodyBytes / 1024} KiB.");
            }

            return next(context);
        });
        // Only searches reach the limiter: reading pages costs nothing extra.
        app.UseWhen(IsSearch, search => search.UseRateLimiter());
        return app;
    }

    /// <summary>The search budget for endpoints marked with <see cref="SearchPolicy"/>: after routing, where the endpoint is known.</summary>
    public static IApplicationBuilder UseRateLimitedEndpoints(this IApplicationBuilder app)
    {
        ArgumentNullException.ThrowIfNull(app);
        return app.UseWhen(
            context => !IsSearch(context) && context.GetEndpoint()?.Metadata.GetMetadata<EnableRateLimitingAttribute>()?.PolicyName == SearchPolicy,
            marked => marked.UseRateLimiter());
    }

    private static bool HasControlCharacter(string? value) => value is not null && (value.AsSpan().ContainsAnyInRange('\0', '\x1f') || value.Contains('\x7f', StringComparison.Ordinal));

    /// <summary>By path, as this runs before routing.</summary>
    private static bool IsSearch(HttpContext context)
    {
        var path = context.Request.Path;
        foreach (var prefix in SearchPaths)
        {
            if (path.StartsWithSegments(prefix, StringComparison.OrdinalIgnoreCase))
            {
                return true;
            }
        }

        return false;
    }

    /// <summary>The client's address; for IPv6 its /64, which one client usually holds whole.</summary>
    private static string ClientKey(HttpContext context)
    {
        var address = context.Connection.RemoteIpAddress;
        if (address is null)
        {
            return "unknown";
        }

        if (address.IsIPv4MappedToIPv6)
        {
            address = address.MapToIPv4();
        }

        if (address.AddressFamily == AddressFamily.InterNetworkV6)
        {
            var bytes = address.GetAddressBytes();
            Array.Clear(bytes, 8, 8);
            address = new IPAddress(bytes);
        }

        return address.ToString();
    }

    private static async ValueTask RejectAsync(OnRejectedContext rejected, CancellationToken cancellationToken)
    {
        var seconds = rejected.Lease.TryGetMetadata(MetadataName.RetryAfter, out var retryAfter)
            ? Math.Max(1, (int)Math.Ceiling(retryAfter.TotalSeconds))
            : 1;
        var context = rejected.HttpContext;
        context.Response.Headers.RetryAfter = seconds.ToString(CultureInfo.InvariantCulture);
        await RefuseAsync(context, StatusCodes.Status429TooManyRequests, $"Too many searches or comparisons from your address; try again in {seconds} second{(seconds == 1 ? "" : "s")}.");
    }

    /// <summary>A short explanation in the body, which also keeps the status-code pages from replacing it.</summary>
    private static Task RefuseAsync(HttpContext context, int statusCode, string message)
    {
        var response = context.Response;
        response.StatusCode = statusCode;
        response.Headers.CacheControl = "no-store";
        if (context.Request.Path.StartsWithSegments("/api", StringComparison.OrdinalIgnoreCase))
        {
            return Results.Problem(statusCode: statusCode, title: message).ExecuteAsync(context);
        }

        response.ContentType = "text/plain; charset=utf-8";
        return response.WriteAsync(message, context.RequestAborted);
    }
}
