using System.Text.RegularExpressions;
using Microsoft.Playwright;

namespace GastroRef.Web.Tests.Browser;

[Collection(BrowserGroup.Name)]
public sealed class ArticleBrowserTests(BrowserFixture browser)
{
    [Fact]
    public async Task Copy_link_control_puts_the_section_url_on_the_clipboard_and_says_so()
    {
        var page = await browser.NewPageAsync();
        await page.GotoAsync("/anatomy/gastrocnemius");

        await page.ClickAsync("#innervation h2 [data-copy-link]");

        var expected = new Uri(browser.BaseAddress, "/anatomy/gastrocnemius#innervation").ToString();
        Assert.Equal(expected, await page.EvaluateAsync<string>("() => navigator.clipboard.readText()"));
        await Assertions.Expect(page.Locator("#live-status")).ToHaveTextAsync("Link to Innervation copied");
        Assert.Equal(expected, page.Url);
        await Assertions.Expect(page.Locator("#innervation h2 [data-copy-link]")).ToHaveClassAsync(new Regex("copied"));
        browser.AssertNoProblems(page);
    }

    [Fact]
    public async Task Copy_link_control_works_from_the_keyboard_and_leaves_the_page_where_it_was()
    {
        var page = await browser.NewPageAsync();
        await page.GotoAsync("/anatomy/gastrocnemius");

        var control = page.GetByRole(AriaRole.Link, new() { Name = "Copy link to Blood supply", Exact = true });
        await control.FocusAsync();
        var before = await control.BoundingBoxAsync();
        await page.Keyboard.PressAsync("Enter");

        var expected = new Uri(browser.BaseAddress, "/anatomy/gastrocnemius#blood-supply").ToString();
        await Assertions.Expect(page.Locator("#live-status")).ToHaveTextAsync("Link to Blood supply copied");
        Assert.Equal(expected, await page.EvaluateAsync<string>("() => navigator.clipboard.readText()"));
        Assert.Equal(expected, page.Url);
        // Copying is not following: the control keeps the focus and the page does not jump to the section.
        await Assertions.Expect(control).ToBeFocusedAsync();
        Assert.Equal(before!.Y, (await control.BoundingBoxAsync())!.Y);
        browser.AssertNoProblems(page);
    }

    [Fact]
    public async Task A_deep_link_lands_on_its_section_below_the_sticky_header()
    {
        var page = await browser.NewPageAsync();
        await page.GotoAsync("/anatomy/gastrocnemius#innervation");

        var top = await page.EvaluateAsync<double>("() => document.getElementById('innervation').getBoundingClientRect().top");
        var header = await page.EvaluateAsync<double>("() => document.querySelector('.site-header').getBoundingClientRect().bottom");
        Assert.True(top >= header - 1, $"section top {top} is hidden under the header (bottom {header})");
        Assert.True(top < 200, $"section top {top} is not near the top of the viewport");
        Assert.True(await page.EvaluateAsync<bool>("() => document.querySelector(':target')?.id === 'innervation'"));
        // The soft highlight: a fading background on the target section only.
        Assert.Equal("target-fade", await page.EvaluateAsync<string>("() => getComputedStyle(document.getElementById('innervation')).animationName"));
        Assert.Equal("none", await page.EvaluateAsync<string>("() => getComputedStyle(document.getElementById('origin')).animationName"));
        browser.AssertNoProblems(page);
    }

    [Fact]
    public async Task With_reduced_motion_the_target_keeps_a_steady_highlight()
    {
        var page = await browser.NewPageAsync();
        await page.EmulateMediaAsync(new() { ReducedMotion = ReducedMotion.Reduce });
        await page.GotoAsync("/anatomy/gastrocnemius#innervation");

        var background = await page.EvaluateAsync<string>("() => getComputedStyle(document.getElementById('innervation')).backgroundColor");
        Assert.Equal("rgb(255, 244, 194)", background);
    }
}
