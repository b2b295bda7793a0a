using System.Net;
using Microsoft.AspNetCore.HostFiltering;
using Microsoft.AspNetCore.HttpOverrides;

namespace GastroRef.Web.Infrastructure;

/// <summary>Which host names the site answers to, which proxies it believes, and HSTS. Canonical links, the sitemap
/// and citations are built from the request's scheme and host unless "GastroRef:PublicBaseUrl" is set, so
/// out of the box only loopback hosts are answered ("AllowedHosts" or a public address lifts that).</summary>
public static class PublicAddress
{
    public const string KnownProxiesKey = "GastroRef:ForwardedHeaders:KnownProxies";

    public const string KnownNetworksKey = "GastroRef:ForwardedHeaders:KnownNetworks";

    public static IReadOnlyList<string> LoopbackHosts { get; } = ["localhost", "127.0.0.1", "[::1]"];

    public static WebApplicationBuilder AddGastroRefPublicAddress(this WebApplicationBuilder builder)
    {
        ArgumentNullException.ThrowIfNull(builder);
        var services = builder.Services;

        // The framework fills AllowedHosts with "*" when it is empty; this runs first, so it never is.
        services.AddOptions<HostFilteringOptions>().Configure<IConfiguration>((options, configuration) => options.AllowedHosts = AllowedHosts(configuration));
        services.AddOptions<ForwardedHeadersOptions>().Configure<IConfiguration>(ConfigureForwardedHeaders);
        services.AddHsts(options =>
        {
            // Two years, the preload list's minimum, for every subdomain; never for localhost (the default exclusions).
            options.MaxAge = TimeSpan.FromDays(730);
            options.IncludeSubDomains = true;
        });
        return builder;
    }

    /// <summary>X-Forwarded-For/Proto/Host from trusted proxies (loopback, and those configured), then HSTS,
    /// which needs the scheme the client used.</summary>
    public static IApplicationBuilder UseGastroRefPublicAddress(this IApplicationBuilder app)
    {
        ArgumentNullException.ThrowIfNull(app);
        app.UseForwardedHeaders();
        app.UseHsts();
        return app;
    }

    internal static List<string> AllowedHosts(IConfiguration configuration)
    {
        var configured = configuration["AllowedHosts"];
        if (!string.IsNullOrWhiteSpace(configured))
        {
            return [.. configured.Split(';', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries)];
        }

        // With a public address configured, links no longer come from the Host header, so any host may ask.
        return string.IsNullOrWhiteSpace(configuration["GastroRef:PublicBaseUrl"]) ? [.. LoopbackHosts] : ["*"];
    }

    private static void ConfigureForwardedHeaders(ForwardedHeadersOptions options, IConfiguration configuration)
    {
        options.ForwardedHeaders = ForwardedHeaders.XForwardedFor | ForwardedHeaders.XForwardedProto | ForwardedHeaders.XForwardedHost;

        // Loopback proxies stay trusted (the framework's default): a proxy on the same machine works as it is.
        foreach (var proxy in List(configuration, KnownProxiesKey))
        {
            options.KnownProxies.Add(IPAddress.Parse(proxy));
        }

        foreach (var network in List(configuration, KnownNetworksKey))
        {
            options.KnownIPNetworks.Add(System.Net.IPNetwork.Parse(network));
        }

        // A forwarded host must be one the site answers to, as the Host header must.
        var hosts = AllowedHosts(configuration);
        if (!hosts.Contains("*"))
        {
            options.AllowedHosts = hosts;
        }
    }

    /// <summary>"a;b" in one value, or a list (…__0, …__1 in environment variables).</summary>
    private static string[] List(IConfiguration configuration, string key)
    {
        var section = configuration.GetSection(key);
        return section.Value is { } value
            ? value.Split([';', ','], StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries)
            : section.Get<string[]>() ?? [];
    }
}
