using System.Collections.Concurrent;
using System.Runtime.CompilerServices;
using GastroRef.Web.Data;
using GastroRef.Web.Tests.Infrastructure;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Playwright;

namespace GastroRef.Web.Tests.Browser;

/// <summary>The site on a real Kestrel port and Debian's Chromium driven by Playwright
/// (Playwright's own browser download cannot work here).</summary>
public sealed class BrowserFixture : IAsyncLifetime
{
    private readonly ConditionalWeakTable<IPage, ConcurrentQueue<PageProblem>> _problems = [];

    private IPlaywright? _playwright;

    public SiteFactory Site { get; } = new();

    /// <summary>Navigations are done when the document is parsed: the assertions after them wait for what they need,
    /// and waiting for every image and stylesheet as well only adds time on a busy machine.</summary>
    public static PageWaitForURLOptions Loaded { get; } = new() { WaitUntil = WaitUntilState.DOMContentLoaded };

    public IBrowser Browser { get; private set; } = null!;

    public Uri BaseAddress { get; private set; } = null!;

    /// <summary>Where tests save screenshots for people to look at.</summary>
    public static string ArtifactsPath { get; } = Path.Combine(RepositoryPaths.Root, "artifacts", "screenshots");

    public async Task InitializeAsync()
    {
        Site.UseKestrel(0);
        Site.StartServer();
        var addresses = Site.Services.GetRequiredService<IServer>().Features.Get<IServerAddressesFeature>()!.Addresses;
        BaseAddress = new Uri(addresses.First().Replace("[::]", "127.0.0.1", StringComparison.Ordinal).Replace("0.0.0.0", "127.0.0.1", StringComparison.Ordinal) + "/");
        await Site.WaitUntilSeededAsync();

        _playwright = await Playwright.CreateAsync();
        Browser = await _playwright.Chromium.LaunchAsync(new BrowserTypeLaunchOptions
        {
            ExecutablePath = Environment.GetEnvironmentVariable("CHROMIUM_PATH") is { Length: > 0 } path ? path : "/usr/bin/chromium",
            Headless = true,
            Args = ["--no-sandbox", "--disable-gpu", "--disable-background-networking", "--disable-component-update", "--disable-sync", "--no-first-run"],
        });
        Directory.CreateDirectory(ArtifactsPath);
    }

    /// <summary>A fresh page (own context, so permissions and storage never leak between tests).
    /// <paramref name="bypassCsp"/> lets a test inject a checker script into a page whose policy forbids it.</summary>
    public async Task<IPage> NewPageAsync(int width = 1280, int height = 900, ColorScheme colorScheme = ColorScheme.Light, bool bypassCsp = false)
    {
        var context = await Browser.NewContextAsync(new BrowserNewContextOptions
        {
            BaseURL = BaseAddress.ToString(),
            ViewportSize = new ViewportSize { Width = width, Height = height },
            ColorScheme = colorScheme,
            Permissions = ["clipboard-read", "clipboard-write"],
            BypassCSP = bypassCsp,
        });
        var page = await context.NewPageAsync();
        var problems = _problems.GetOrCreateValue(page);
        page.Console += (_, message) =>
        {
            if (message.Type is "error" or "warning")
            {
                problems.Enqueue(new PageProblem($"console {message.Type}: {message.Text}", message.Location));
            }
        };
        page.PageError += (_, error) => problems.Enqueue(new PageProblem($"uncaught: {error}", page.Url));
        page.RequestFailed += (_, request) => problems.Enqueue(new PageProblem($"request failed: {request.Url} ({request.Failure})", request.Url));
        return page;
    }

    /// <summary>Console errors and warnings, uncaught exceptions and failed requests seen by the page so far.
    /// With <paramref name="allowDocumentStatus"/>, the browser's own note that the page itself answered
    /// with an error status (a 404 page, on purpose) is left out.</summary>
    public IReadOnlyList<string> ProblemsOf(IPage page, bool allowDocumentStatus = false)
    {
        ArgumentNullException.ThrowIfNull(page);
        var pageUrl = page.Url.Split('#')[0];
        return _problems.TryGetValue(page, out var problems)
            ? problems
                .Where(p => !(allowDocumentStatus && p.Text.StartsWith("console error: Failed to load resource", StringComparison.Ordinal) && IsLocationOf(p.Location, pageUrl)))
                .Select(p => $"{p.Text} at {p.Location}")
                .ToList()
            : [];
    }

    // Console locations read "url:line:column".
    private static bool IsLocationOf(string location, string url) =>
        location.Split('#')[0] == url || location.StartsWith(url + ":", StringComparison.Ordinal);

    /// <summary>Fails the test with every problem listed if the page logged any.</summary>
    public void AssertNoProblems(IPage page, bool allowDocumentStatus = false)
    {
        var problems = ProblemsOf(page, allowDocumentStatus);
        Assert.True(problems.Count == 0, $"{page.Url} logged:{Environment.NewLine}{string.Join(Environment.NewLine, problems)}");
    }

    public async Task DisposeAsync()
    {
        if (Browser is not null)
        {
            await Browser.CloseAsync();
        }

        _playwright?.Dispose();
        await Site.DisposeAsync();
    }
}

internal sealed record PageProblem(string Text, string Location);

[CollectionDefinition(Name)]
public sealed class BrowserGroup : ICollectionFixture<BrowserFixture>
{
    public const string Name = "browser";
}
