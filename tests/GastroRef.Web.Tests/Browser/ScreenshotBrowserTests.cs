using Microsoft.Playwright;

namespace GastroRef.Web.Tests.Browser;

/// <summary>Screenshots for people to look at (artifacts/screenshots); docs/screenshots holds copies of the article ones.</summary>
[Collection(BrowserGroup.Name)]
public sealed class ScreenshotBrowserTests(BrowserFixture browser)
{
    [Theory]
    [InlineData(1280, 900, ColorScheme.Light, "article-desktop")]
    [InlineData(390, 844, ColorScheme.Light, "article-phone")]
    [InlineData(1280, 900, ColorScheme.Dark, "article-desktop-dark")]
    [InlineData(390, 844, ColorScheme.Dark, "article-phone-dark")]
    public async Task The_article_is_captured_on_a_wide_screen_and_a_phone(int width, int height, ColorScheme scheme, string name)
    {
        var page = await browser.NewPageAsync(width, height, scheme);
        await page.GotoAsync("/anatomy/gastrocnemius");
        await Assertions.Expect(page.Locator("h1")).ToHaveTextAsync("Gastrocnemius");

        var screen = Path.Combine(BrowserFixture.ArtifactsPath, $"{name}.png");
        var full = Path.Combine(BrowserFixture.ArtifactsPath, $"{name}-full.png");
        File.Delete(screen);
        await page.ScreenshotAsync(new() { Path = screen });
        await page.ScreenshotAsync(new() { Path = full, FullPage = true });
        await page.Locator(".article-footer").ScreenshotAsync(new() { Path = Path.Combine(BrowserFixture.ArtifactsPath, $"{name}-footer.png") });

        // A PNG of the viewport's size (not a blank or failed capture).
        var png = await File.ReadAllBytesAsync(screen);
        Assert.Equal(width, System.Buffers.Binary.BinaryPrimitives.ReadInt32BigEndian(png.AsSpan(16, 4)));
        Assert.Equal(height, System.Buffers.Binary.BinaryPrimitives.ReadInt32BigEndian(png.AsSpan(20, 4)));
        Assert.True(png.Length > 20_000, $"{name}.png is only {png.Length} bytes");
        browser.AssertNoProblems(page);
    }

    [Theory]
    [InlineData("/", "home")]
    [InlineData("/anatomy", "browse")]
    [InlineData("/anatomy/no-such-structure", "not-found")]
    public async Task Other_pages_are_captured_on_a_phone(string path, string name)
    {
        var page = await browser.NewPageAsync(390, 844);
        await page.GotoAsync(path);
        var file = Path.Combine(BrowserFixture.ArtifactsPath, $"{name}-phone.png");
        await page.ScreenshotAsync(new() { Path = file, FullPage = true });
        Assert.True(new FileInfo(file).Length > 10_000);
    }
}
