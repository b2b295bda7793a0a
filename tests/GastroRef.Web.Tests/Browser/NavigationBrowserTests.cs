using System.Text.RegularExpressions;
using Microsoft.Playwright;

namespace GastroRef.Web.Tests.Browser;

/// <summary>A reader's path through the site in a real browser, with no console errors on the way.</summary>
[Collection(BrowserGroup.Name)]
public sealed class NavigationBrowserTests(BrowserFixture browser)
{
    [Fact]
    public async Task From_home_through_browse_to_an_article_and_a_section_by_its_table_of_contents()
    {
        var page = await browser.NewPageAsync();
        await page.GotoAsync("/");
        browser.AssertNoProblems(page);

        await page.GetByRole(AriaRole.Navigation, new() { Name = "Site" }).GetByRole(AriaRole.Link, new() { Name = "Browse" }).ClickAsync();
        await page.WaitForURLAsync(new Regex("/anatomy$"), BrowserFixture.Loaded);
        await Assertions.Expect(page.Locator("h1")).ToHaveTextAsync("Browse structures");
        browser.AssertNoProblems(page);

        await page.Locator("main .structure-list a", new() { HasTextString = "Gastrocnemius" }).First.ClickAsync();
        await page.WaitForURLAsync(new Regex("/anatomy/gastrocnemius$"), BrowserFixture.Loaded);
        await Assertions.Expect(page.Locator("h1")).ToHaveTextAsync("Gastrocnemius");

        await page.Locator("#toc a[href='#innervation']").ClickAsync();
        await page.WaitForURLAsync(new Regex("/anatomy/gastrocnemius#innervation$"), BrowserFixture.Loaded);
        await Assertions.Expect(page.Locator("#innervation h2")).ToBeInViewportAsync();
        var top = await page.EvaluateAsync<double>("() => document.getElementById('innervation').getBoundingClientRect().top");
        var header = await page.EvaluateAsync<double>("() => document.querySelector('.site-header').getBoundingClientRect().bottom");
        Assert.True(top >= header - 1, $"section top {top} is hidden under the header (bottom {header})");
        browser.AssertNoProblems(page);
    }

    [Fact]
    public async Task On_a_phone_the_contents_disclosure_opens_and_leads_to_a_section()
    {
        var page = await browser.NewPageAsync(390, 844);
        await page.GotoAsync("/anatomy/gastrocnemius");

        await Assertions.Expect(page.Locator("#toc")).ToBeHiddenAsync();
        var contents = page.Locator(".toc-mobile");
        await contents.Locator("summary").ClickAsync();
        await contents.Locator("a[href='#blood-supply']").ClickAsync();

        await page.WaitForURLAsync(new Regex("#blood-supply$"), BrowserFixture.Loaded);
        var top = await page.EvaluateAsync<double>("() => document.getElementById('blood-supply').getBoundingClientRect().top");
        var header = await page.EvaluateAsync<double>("() => document.querySelector('.site-header').getBoundingClientRect().bottom");
        // The header scrolls away on a phone; the section sits just below the top (or below the header if it stayed).
        Assert.True(top >= Math.Max(header, 0) - 1 && top < Math.Max(header, 0) + 40, $"section top {top}, header bottom {header}");
        browser.AssertNoProblems(page);
    }

    [Fact]
    public async Task A_missing_page_answers_404_offers_search_a_guess_and_a_way_back()
    {
        var page = await browser.NewPageAsync();
        var response = await page.GotoAsync("/anatomy/gastrocnemus");

        Assert.Equal(404, response!.Status);
        await Assertions.Expect(page.Locator("h1")).ToHaveTextAsync("We could not find that page");
        await Assertions.Expect(page.GetByLabel("Search the structures")).ToBeVisibleAsync();
        await Assertions.Expect(page.Locator("main .structure-list a").First).ToHaveTextAsync("Gastrocnemius");
        await Assertions.Expect(page.GetByRole(AriaRole.Link, new() { Name = "Back to the home page" })).ToHaveAttributeAsync("href", "/");
        browser.AssertNoProblems(page, allowDocumentStatus: true);
    }

    [Fact]
    public async Task The_404_page_records_its_own_status_but_nothing_else()
    {
        // Guards the allowance above: it hides only the page's own status, never a broken asset.
        var page = await browser.NewPageAsync();
        await page.GotoAsync("/anatomy/gastrocnemus");
        await page.EvaluateAsync("() => fetch('/css/missing.css')");

        var problems = browser.ProblemsOf(page, allowDocumentStatus: true);
        var unfiltered = browser.ProblemsOf(page);
        Assert.Contains(problems, p => p.Contains("missing.css", StringComparison.Ordinal));
        Assert.True(unfiltered.Count > problems.Count, "the page's own 404 was not reported by the browser");
    }

    [Fact]
    public async Task The_first_tab_shows_a_skip_link_that_moves_focus_to_the_content()
    {
        var page = await browser.NewPageAsync();
        await page.GotoAsync("/anatomy/gastrocnemius");

        await page.Keyboard.PressAsync("Tab");
        var skip = page.Locator(".skip-link");
        await Assertions.Expect(skip).ToBeFocusedAsync();
        await Assertions.Expect(skip).ToBeInViewportAsync();
        Assert.NotEqual("none", await skip.EvaluateAsync<string>("a => getComputedStyle(a).outlineStyle"));

        await page.Keyboard.PressAsync("Enter");
        await Assertions.Expect(page.Locator("main")).ToBeFocusedAsync();
        await page.Keyboard.PressAsync("Tab");
        // The next stop is inside the content (the breadcrumb), not back in the header.
        Assert.True(await page.EvaluateAsync<bool>("() => document.querySelector('main').contains(document.activeElement)"));
    }

    [Fact]
    public async Task The_favicon_loads()
    {
        var page = await browser.NewPageAsync();
        await page.GotoAsync("/");
        var href = await page.GetAttributeAsync("link[rel=icon]", "href");
        Assert.NotNull(href);

        var response = await page.APIRequest.GetAsync(href);
        Assert.Equal(200, response.Status);
        Assert.StartsWith("image/svg+xml", response.Headers["content-type"], StringComparison.Ordinal);
        Assert.Contains("<svg", await response.TextAsync(), StringComparison.Ordinal);
    }
}
