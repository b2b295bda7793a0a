using Microsoft.Playwright;

namespace GastroRef.Web.Tests.Browser;

/// <summary>The search box as an ARIA 1.2 combobox: suggestions as you type in a listbox, chosen with the keyboard
/// or the mouse, and the plain GET form underneath when nothing is chosen.</summary>
[Collection(BrowserGroup.Name)]
public sealed class SearchComboboxTests(BrowserFixture browser)
{
    private static async Task<(ILocator Input, ILocator Listbox)> ComboboxAsync(IPage page, string inputSelector = "#site-search-input")
    {
        var input = page.Locator(inputSelector);
        await Assertions.Expect(input).ToHaveAttributeAsync("role", "combobox");
        var listbox = page.Locator($"#{await input.GetAttributeAsync("aria-controls")}");
        await Assertions.Expect(listbox).ToHaveAttributeAsync("role", "listbox");
        return (input, listbox);
    }

    [Fact]
    public async Task Typing_shows_suggestions_the_arrows_choose_one_and_enter_opens_it()
    {
        var page = await browser.NewPageAsync();
        await page.GotoAsync("/");
        var (input, listbox) = await ComboboxAsync(page);
        await Assertions.Expect(input).ToHaveAttributeAsync("aria-expanded", "false");
        await Assertions.Expect(input).ToHaveAttributeAsync("aria-autocomplete", "list");

        await input.PressSequentiallyAsync("gastro");

        await Assertions.Expect(listbox).ToBeVisibleAsync();
        await Assertions.Expect(input).ToHaveAttributeAsync("aria-expanded", "true");
        var options = listbox.Locator("[role=option]");
        await Assertions.Expect(options.First).ToContainTextAsync("Gastrocnemius");
        await Assertions.Expect(page.Locator("#live-status")).ToContainTextAsync("suggestion");

        await input.PressAsync("ArrowDown");
        await Assertions.Expect(options.Nth(0)).ToHaveAttributeAsync("aria-selected", "true");
        await Assertions.Expect(input).ToHaveAttributeAsync("aria-activedescendant", (await options.Nth(0).GetAttributeAsync("id"))!);
        await input.PressAsync("ArrowDown");
        await Assertions.Expect(options.Nth(1)).ToHaveAttributeAsync("aria-selected", "true");
        await Assertions.Expect(options.Nth(0)).ToHaveAttributeAsync("aria-selected", "false");
        await input.PressAsync("ArrowUp");
        await Assertions.Expect(input).ToHaveAttributeAsync("aria-activedescendant", (await options.Nth(0).GetAttributeAsync("id"))!);
        await page.ScreenshotAsync(new() { Path = Path.Combine(BrowserFixture.ArtifactsPath, "search-suggestions.png") });

        await input.PressAsync("Enter");

        await page.WaitForURLAsync("**/anatomy/gastrocnemius", BrowserFixture.Loaded);
        Assert.Equal("Gastrocnemius", await page.Locator("h1").TextContentAsync());
    }

    [Fact]
    public async Task Escape_closes_the_list_then_clears_the_box()
    {
        var page = await browser.NewPageAsync();
        await page.GotoAsync("/anatomy");
        var (input, listbox) = await ComboboxAsync(page);
        await input.PressSequentiallyAsync("sol");
        await Assertions.Expect(listbox).ToBeVisibleAsync();

        await input.PressAsync("Escape");
        await Assertions.Expect(listbox).ToBeHiddenAsync();
        await Assertions.Expect(input).ToHaveAttributeAsync("aria-expanded", "false");
        await Assertions.Expect(input).ToHaveValueAsync("sol");

        await input.PressAsync("Escape");
        await Assertions.Expect(input).ToHaveValueAsync("");
    }

    [Fact]
    public async Task Slash_focuses_the_box_and_aliases_say_which_structure_they_name()
    {
        var page = await browser.NewPageAsync();
        await page.GotoAsync("/anatomy/soleus");
        await page.Locator("body").PressAsync("/");
        var (input, listbox) = await ComboboxAsync(page);
        await Assertions.Expect(input).ToBeFocusedAsync();

        await page.Keyboard.TypeAsync("achilles t");

        var alias = listbox.Locator("[role=option][data-url$='/anatomy/calcaneal-tendon']");
        await Assertions.Expect(alias.Locator(".suggestion-label")).ToHaveTextAsync("Achilles tendon");
        await Assertions.Expect(alias.Locator(".suggestion-detail")).ToHaveTextAsync("Calcaneal tendon · tendon");
        await alias.ClickAsync();
        await page.WaitForURLAsync("**/anatomy/calcaneal-tendon", BrowserFixture.Loaded);
    }

    [Fact]
    public async Task Enter_without_a_choice_submits_the_search_form()
    {
        var page = await browser.NewPageAsync();
        await page.GotoAsync("/");
        var (input, listbox) = await ComboboxAsync(page, "#home-search-input");
        await input.PressSequentiallyAsync("calf muscle");
        await Assertions.Expect(listbox).ToBeVisibleAsync();

        await input.PressAsync("Enter");

        await page.WaitForURLAsync("**/search?q=calf+muscle", BrowserFixture.Loaded);
        await Assertions.Expect(page.Locator(".search-results > li").First.Locator("h2 a")).ToHaveTextAsync("Gastrocnemius");
    }

    [Fact]
    public async Task The_results_page_fits_a_phone_and_reads_in_both_colour_schemes()
    {
        foreach (var scheme in new[] { ColorScheme.Light, ColorScheme.Dark })
        {
            var page = await browser.NewPageAsync(390, 844, scheme);
            await page.GotoAsync("/search?q=soleus+innervation");

            await Assertions.Expect(page.Locator(".search-result-section a").First).ToHaveAttributeAsync("href", "/anatomy/soleus#innervation");
            var overflow = await page.EvaluateAsync<bool>("() => document.documentElement.scrollWidth > window.innerWidth");
            Assert.False(overflow, $"the results page scrolls sideways on a phone ({scheme})");
            var mark = await page.EvaluateAsync<string[]>("() => { const s = getComputedStyle(document.querySelector('.search-result-snippet mark')); return [s.backgroundColor, s.color]; }");
            Assert.NotEqual(mark[0], mark[1]);
            await page.ScreenshotAsync(new() { Path = Path.Combine(BrowserFixture.ArtifactsPath, $"search-results-phone-{scheme.ToString().ToLowerInvariant()}.png"), FullPage = true });
        }
    }
}
