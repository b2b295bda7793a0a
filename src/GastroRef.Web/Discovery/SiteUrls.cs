using Microsoft.AspNetCore.Http.Extensions;

namespace GastroRef.Web.Discovery;

/// <summary>The site's public address, for canonical links, the sitemap, link previews and citations:
/// <c>GastroRef:PublicBaseUrl</c> when set (a site behind a proxy), otherwise the scheme and host of the request.</summary>
public sealed class SiteUrls
{
    public const string SettingName = "GastroRef:PublicBaseUrl";

    private readonly string? _configured;

    public SiteUrls(IConfiguration configuration)
    {
        ArgumentNullException.ThrowIfNull(configuration);
        var value = configuration[SettingName];
        if (string.IsNullOrWhiteSpace(value))
        {
            return;
        }

        // A wrong setting would put wrong URLs into every page: refuse to start rather than publish them.
        if (!Uri.TryCreate(value.Trim(), UriKind.Absolute, out var uri) || uri.Scheme is not ("http" or "https")
            || !string.IsNullOrEmpty(uri.Query) || !string.IsNullOrEmpty(uri.Fragment) || !string.IsNullOrEmpty(uri.UserInfo))
        {
            throw new InvalidOperationException(
                $"{SettingName} must be an absolute http or https URL without query or fragment, like https://gastroref.example.org; it is '{value}'.");
        }

        _configured = uri.GetLeftPart(UriPartial.Path).TrimEnd('/');
    }

    /// <summary>Scheme, host and any path base, without a trailing slash: <c>https://gastroref.example.org</c>.</summary>
    public string BaseUrl(HttpRequest request)
    {
        ArgumentNullException.ThrowIfNull(request);
        return _configured ?? UriHelper.BuildAbsolute(request.Scheme, request.Host, request.PathBase).TrimEnd('/');
    }

    /// <summary>The absolute form of a site path such as <c>/anatomy/soleus</c>.</summary>
    public string Absolute(HttpRequest request, string path)
    {
        ArgumentNullException.ThrowIfNull(path);
        return BaseUrl(request) + (path.StartsWith('/') ? path : "/" + path);
    }
}
