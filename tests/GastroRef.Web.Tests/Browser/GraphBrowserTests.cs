using System.Text.RegularExpressions;
using GastroRef.Web.Tests.Infrastructure;
using Microsoft.Playwright;

namespace GastroRef.Web.Tests.Browser;

/// <summary>Citations, comparison and browse filters in a real browser, on a wide screen and a phone, light and dark.</summary>
[Collection(BrowserGroup.Name)]
public sealed class GraphBrowserTests(BrowserFixture browser)
{
    [Fact]
    public async Task Cite_buttons_appear_with_the_script_copy_the_citation_and_date_it_today_for_the_reader()
    {
        var page = await browser.NewPageAsync();
        await page.GotoAsync("/anatomy/gastrocnemius#cite");

        var copyApa = page.Locator("[data-copy-citation=cite-apa]");
        await Assertions.Expect(copyApa).ToBeVisibleAsync();
        await copyApa.ClickAsync();

        var copied = await page.EvaluateAsync<string>("() => navigator.clipboard.readText()");
        var canonical = await page.GetAttributeAsync("link[rel=canonical]", "href");
        Assert.Equal($"GastroRef. ({RepositoryPaths.ApaDateOf("gastrocnemius")}). Gastrocnemius. {canonical}", copied);
        await Assertions.Expect(page.Locator("#live-status")).ToHaveTextAsync("Citation copied");

        var today = await page.EvaluateAsync<string>("() => { const d = new Date(); return `${d.getFullYear()}-${String(d.getMonth() + 1).padStart(2, '0')}-${String(d.getDate()).padStart(2, '0')}`; }");
        Assert.Equal(today, await page.GetAttributeAsync("#cite-vancouver time[data-cited-date]", "datetime"));
        await page.Locator("#cite").ScreenshotAsync(new() { Path = Path.Combine(BrowserFixture.ArtifactsPath, "cite-gastrocnemius.png") });
    }

    [Theory]
    [InlineData(1280, 900, ColorScheme.Light, "wide-light")]
    [InlineData(375, 812, ColorScheme.Dark, "phone-dark")]
    public async Task The_comparison_fits_the_screen_and_marks_differences(int width, int height, ColorScheme scheme, string name)
    {
        var page = await browser.NewPageAsync(width, height, scheme);
        await page.GotoAsync("/compare?a=gastrocnemius&b=soleus");

        // Nothing in the main content reaches past the screen; a wide table scrolls inside its own focusable region.
        var culprits = await page.EvaluateAsync<string[]>(
            "() => [...document.querySelectorAll('main *')].filter(e => !e.closest('.compare-scroll') && e.getBoundingClientRect().right > window.innerWidth + 1).map(e => e.tagName + '.' + e.className)");
        Assert.True(culprits.Length == 0, $"wider than the {width}px screen: {string.Join(", ", culprits)}");
        Assert.Equal("0", await page.GetAttributeAsync("#compare-facts >> xpath=..", "tabindex"));
        var differs = page.Locator("#compare-facts tr[data-key=origin]");
        await Assertions.Expect(differs.Locator(".compare-status")).ToHaveTextAsync("Differs");
        var background = await differs.EvaluateAsync<string>("row => getComputedStyle(row).backgroundColor");
        var same = await page.Locator("#compare-facts tr[data-key=innervation]").EvaluateAsync<string>("row => getComputedStyle(row).backgroundColor");
        Assert.NotEqual(same, background);
        await page.ScreenshotAsync(new() { Path = Path.Combine(BrowserFixture.ArtifactsPath, $"compare-{name}.png"), FullPage = true });
        browser.AssertNoProblems(page);
    }

    [Fact]
    public async Task The_picker_says_before_sending_when_two_structures_cannot_be_compared()
    {
        var page = await browser.NewPageAsync(390, 844);
        await page.GotoAsync("/compare");

        var hint = page.Locator("#compare-picker-hint");
        await page.SelectOptionAsync("#compare-a", "gastrocnemius");
        await page.SelectOptionAsync("#compare-b", "tibial-nerve");
        await Assertions.Expect(hint).ToContainTextAsync("Gastrocnemius is a muscle and Tibial nerve is a nerve");
        await Assertions.Expect(page.Locator("#compare-b")).ToHaveAttributeAsync("aria-invalid", "true");

        // Sending anyway stays on the form, which keeps saying why.
        await page.Locator(".compare-form button[type=submit]").ClickAsync();
        Assert.EndsWith("/compare", page.Url, StringComparison.Ordinal);
        await Assertions.Expect(hint).ToContainTextAsync("same kind");

        // A pair that compares clears the warning and goes through.
        await page.SelectOptionAsync("#compare-b", "medial-head-of-gastrocnemius");
        await Assertions.Expect(hint).ToHaveTextAsync("");
        await Assertions.Expect(page.Locator("#compare-b")).Not.ToHaveAttributeAsync("aria-invalid", "true");
        await page.Locator(".compare-form button[type=submit]").ClickAsync();
        await Assertions.Expect(page.Locator("#compare-facts")).ToBeVisibleAsync();
        Assert.Contains("b=medial-head-of-gastrocnemius", page.Url, StringComparison.Ordinal);
        browser.AssertNoProblems(page);
    }

    [Fact]
    public async Task The_browse_form_filters_by_kind_and_region_from_the_keyboard()
    {
        var page = await browser.NewPageAsync(375, 812);
        await page.GotoAsync("/anatomy");

        await page.SelectOptionAsync("#browse-type", "nerve");
        await page.SelectOptionAsync("#browse-region", "popliteal-fossa");
        await page.FocusAsync("#browse-region");
        await page.Keyboard.PressAsync("Tab");
        Assert.Equal("Show", await page.EvaluateAsync<string>("() => document.activeElement.textContent.trim()"));
        var navigated = page.WaitForURLAsync(new Regex("/anatomy\\?type=nerve&region=popliteal-fossa$"), BrowserFixture.Loaded);
        await page.Keyboard.PressAsync("Enter");
        await navigated;

        var listed = await page.Locator("main .structure-list a").AllTextContentsAsync();
        Assert.Equal(["Common fibular nerve", "Sciatic nerve", "Tibial nerve"], listed);
        await page.ScreenshotAsync(new() { Path = Path.Combine(BrowserFixture.ArtifactsPath, "browse-phone.png"), FullPage = true });
    }
}
