using System.Text.Json;
using Microsoft.Playwright;

namespace GastroRef.Web.Tests.Browser;

/// <summary>What axe cannot judge alone: a keyboard user always sees where the focus is, never under the sticky
/// header; every page has one h1, headings that do not skip a level, and all its content inside landmarks.</summary>
[Collection(BrowserGroup.Name)]
public sealed class FocusAndHeadingsBrowserTests(BrowserFixture browser)
{
    private static readonly JsonSerializerOptions JsonOptions = new() { PropertyNameCaseInsensitive = true };

    public static TheoryData<string> Pages() =>
        ["/", "/anatomy", "/anatomy/gastrocnemius", "/anatomy/gastrocnemus", "/compare?a=gastrocnemius&b=soleus"];

    [Theory]
    [InlineData(1280, ColorScheme.Light)]
    [InlineData(1280, ColorScheme.Dark)]
    [InlineData(390, ColorScheme.Light)]
    public async Task Keyboard_focus_is_always_visible_and_never_hidden_under_the_header(int width, ColorScheme scheme)
    {
        var page = await browser.NewPageAsync(width, 800, scheme);
        await page.GotoAsync("/anatomy/gastrocnemius");

        for (var stop = 1; stop <= 60; stop++)
        {
            await page.Keyboard.PressAsync("Tab");
            var state = await page.EvaluateAsync<JsonElement>(
                """
                () => {
                    const el = document.activeElement;
                    const style = getComputedStyle(el);
                    const box = el.getBoundingClientRect();
                    const header = document.querySelector(".site-header");
                    const sticky = getComputedStyle(header).position === "sticky";
                    return {
                        name: `${el.tagName.toLowerCase()} ${(el.getAttribute("aria-label") ?? el.textContent ?? "").trim().slice(0, 40)}`,
                        outline: style.outlineStyle !== "none" && parseFloat(style.outlineWidth) >= 2,
                        inHeader: header.contains(el) || el.matches(".skip-link"),
                        top: box.top,
                        bottom: box.bottom,
                        headerBottom: sticky ? header.getBoundingClientRect().bottom : 0,
                        viewport: window.innerHeight,
                    };
                }
                """);
            var focus = state.Deserialize<FocusState>(JsonOptions)!;
            Assert.True(focus.Outline, $"stop {stop}, {focus.Name}: no visible focus outline");
            if (!focus.InHeader)
            {
                Assert.True(focus.Bottom > focus.HeaderBottom && focus.Top < focus.Viewport,
                    $"stop {stop}, {focus.Name}: focused but out of sight (top {focus.Top}, bottom {focus.Bottom}, header ends at {focus.HeaderBottom})");
            }
        }
    }

    [Theory]
    [MemberData(nameof(Pages))]
    public async Task Every_page_has_one_h1_headings_in_order_and_all_content_in_landmarks(string path)
    {
        var page = await browser.NewPageAsync();
        await page.GotoAsync(path);

        var levels = await page.EvaluateAsync<int[]>(
            "() => [...document.querySelectorAll('h1, h2, h3, h4, h5, h6')].filter(h => h.checkVisibility()).map(h => +h.tagName[1])");
        Assert.Equal(1, levels.Count(l => l == 1));
        Assert.Equal(1, levels[0]);
        for (var i = 1; i < levels.Length; i++)
        {
            Assert.True(levels[i] <= levels[i - 1] + 1, $"{path}: h{levels[i]} follows h{levels[i - 1]} (heading {i + 1} of {levels.Length})");
        }

        await Assertions.Expect(page.GetByRole(AriaRole.Banner)).ToHaveCountAsync(1);
        await Assertions.Expect(page.GetByRole(AriaRole.Main)).ToHaveCountAsync(1);
        await Assertions.Expect(page.GetByRole(AriaRole.Contentinfo)).ToHaveCountAsync(1);
        await Assertions.Expect(page.GetByRole(AriaRole.Navigation, new() { Name = "Site" })).ToBeVisibleAsync();
        // By its label, not its role: search.js turns the search box into a combobox.
        await Assertions.Expect(page.GetByLabel("Search structures", new() { Exact = true })).ToBeVisibleAsync();
        // Visible content outside the landmarks is easy to miss with a screen reader (the live region is silent until it speaks).
        var outside = await page.EvaluateAsync<string[]>(
            "() => [...document.body.children].filter(e => !e.matches('header, main, footer, script, .skip-link, #live-status') && e.checkVisibility()).map(e => e.outerHTML.slice(0, 80))");
        Assert.Empty(outside);
    }

    private sealed record FocusState(string Name, bool Outline, bool InHeader, double Top, double Bottom, double HeaderBottom, double Viewport);
}
