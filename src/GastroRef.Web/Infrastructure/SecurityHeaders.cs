namespace GastroRef.Web.Infrastructure;

/// <summary>The security headers every response carries, error pages and 304s included.</summary>
public static class SecurityHeaders
{
    /// <summary>Scripts and styles come from files on this site only: no inline script, no inline style,
    /// no eval. <c>&lt;script type="application/ld+json"&gt;</c> is data, which script-src does not govern.</summary>
    public const string ContentSecurityPolicy =
        "default-src 'self'; " +
        "script-src 'self'; " +
        "style-src 'self'; " +
        "img-src 'self' https:; " +
        "font-src 'self'; " +
        "connect-src 'self'; " +
        "manifest-src 'self'; " +
        "object-src 'none'; " +
        "base-uri 'none'; " +
        "form-action 'self'; " +
        "frame-ancestors 'none'";

    /// <summary>/embed/* pages are made to be framed by course pages anywhere; everything else stays unframeable.</summary>
    public static readonly string EmbedContentSecurityPolicy =
        ContentSecurityPolicy.Replace("frame-ancestors 'none'", "frame-ancestors *", StringComparison.Ordinal);

    public const string PermissionsPolicy =
        "accelerometer=(), camera=(), geolocation=(), gyroscope=(), magnetometer=(), microphone=(), payment=(), usb=()";

    /// <summary>Two years, the preload list's minimum, for every subdomain: what UseHsts sends
    /// (<see cref="PublicAddress"/>) over HTTPS to hosts other than localhost.</summary>
    public const string StrictTransportSecurity = "max-age=63072000; includeSubDomains";

    /// <summary>Adds the headers just before each response starts, so they survive the exception handler
    /// and status-code pages clearing the response, and cover responses replayed from the page cache.</summary>
    public static IApplicationBuilder UseSecurityHeaders(this IApplicationBuilder app)
    {
        ArgumentNullException.ThrowIfNull(app);
        return app.Use((context, next) =>
        {
            context.Response.OnStarting(static state => Apply((HttpContext)state), context);
            return next(context);
        });
    }

    private static Task Apply(HttpContext context)
    {
        var headers = context.Response.Headers;
        var embeddable = context.Request.Path.StartsWithSegments("/embed", StringComparison.OrdinalIgnoreCase);
        headers.ContentSecurityPolicy = embeddable ? EmbedContentSecurityPolicy : ContentSecurityPolicy;
        headers.XContentTypeOptions = "nosniff";
        if (!embeddable)
        {
            headers.XFrameOptions = "DENY"; // for browsers that predate frame-ancestors
        }

        headers["Referrer-Policy"] = "strict-origin-when-cross-origin";
        headers["Permissions-Policy"] = PermissionsPolicy;
        headers["Cross-Origin-Opener-Policy"] = "same-origin";
        return Task.CompletedTask;
    }
}
