using Microsoft.Playwright;

namespace GastroRef.Web.Tests.Browser;

/// <summary>Reading lists built with "Add to list", links to a sentence, and an embed inside someone else's page.</summary>
[Collection(BrowserGroup.Name)]
public sealed class InstructorsBrowserTests(BrowserFixture browser)
{
    [Fact]
    public async Task A_list_built_from_two_articles_opens_with_its_items_in_order_and_its_note()
    {
        var page = await browser.NewPageAsync();
        await page.GotoAsync("/anatomy/soleus");
        await page.Locator(".add-to-list[data-section='innervation']").ClickAsync();
        await Assertions.Expect(page.Locator(".add-to-list[data-section='innervation']")).ToHaveAttributeAsync("aria-pressed", "true");
        await page.GotoAsync("/anatomy/tibial-nerve");
        await page.Locator(".add-to-list[data-section='course']").ClickAsync();
        await page.Locator(".add-to-list[data-section='branches']").ClickAsync();

        var panel = page.Locator("#list-panel");
        await Assertions.Expect(panel.Locator("summary")).ToHaveTextAsync("Reading list (3)");
        await panel.Locator("summary").ClickAsync();
        await panel.Locator("#list-panel-title").FillAsync("Week 3: nerves");
        await panel.GetByLabel("Remove Tibial nerve › Branches").ClickAsync();
        await panel.GetByLabel("Note for Soleus › Innervation").FillAsync("Read first");
        await panel.GetByLabel("Move down Soleus › Innervation").ClickAsync();
        await panel.GetByLabel("Move down Soleus › Innervation").IsDisabledAsync();
        await panel.Locator(".list-panel-actions button", new() { HasText = "Copy link" }).ClickAsync();
        var copied = await page.EvaluateAsync<string>("() => navigator.clipboard.readText()");
        Assert.Equal($"{browser.BaseAddress.ToString().TrimEnd('/')}/lists?title=Week+3%3A+nerves&i=tibial-nerve/course&i=soleus/innervation&n=Read+first", copied);

        await panel.Locator(".list-panel-open").ClickAsync();
        await page.WaitForURLAsync("**/lists?**", BrowserFixture.Loaded);
        await Assertions.Expect(page.Locator("h1")).ToHaveTextAsync("Week 3: nerves");
        var headings = await page.Locator(".list-item h2").AllInnerTextsAsync();
        Assert.Equal(2, headings.Count);
        Assert.Contains("Course", headings[0], StringComparison.Ordinal);
        Assert.Contains("Innervation", headings[1], StringComparison.Ordinal);
        await Assertions.Expect(page.Locator("#item-2 .list-note")).ToHaveTextAsync("Note: Read first");
        await Assertions.Expect(page.Locator("a.list-practise")).ToHaveAttributeAsync("href", "/practice/set?structures=tibial-nerve,soleus");

        await page.ScreenshotAsync(new() { Path = Path.Combine(BrowserFixture.ArtifactsPath, "reading-list.png"), FullPage = true });
        await page.EmulateMediaAsync(new() { Media = Media.Print });
        await page.ScreenshotAsync(new() { Path = Path.Combine(BrowserFixture.ArtifactsPath, "reading-list-print.png"), FullPage = true });
        await Assertions.Expect(page.Locator(".site-header")).ToBeHiddenAsync();
        await Assertions.Expect(page.Locator("#list-panel")).ToBeHiddenAsync();
        browser.AssertNoProblems(page);
    }

    [Fact]
    public async Task Selecting_a_sentence_offers_a_link_to_it_that_keeps_the_section()
    {
        var page = await browser.NewPageAsync();
        await page.GotoAsync("/anatomy/soleus");

        // Select "supplies soleus by two routes" in the first paragraph of Innervation.
        await page.EvaluateAsync(@"() => {
            const paragraph = document.querySelector('#innervation p');
            const walker = document.createTreeWalker(paragraph, NodeFilter.SHOW_TEXT);
            let node;
            while ((node = walker.nextNode()) && !node.data.includes('supplies soleus by two routes')) {}
            const start = node.data.indexOf('supplies soleus by two routes');
            const range = document.createRange();
            range.setStart(node, start);
            range.setEnd(node, start + 'supplies soleus by two routes'.length);
            getSelection().removeAllRanges();
            getSelection().addRange(range);
        }");
        var button = page.Locator(".text-link-button");
        await Assertions.Expect(button).ToBeVisibleAsync();
        await page.ScreenshotAsync(new() { Path = Path.Combine(BrowserFixture.ArtifactsPath, "text-link-button.png") });
        // Keyboard reachable: it is a real button, placed right after the selected paragraph.
        await button.FocusAsync();
        await page.Keyboard.PressAsync("Enter");
        await Assertions.Expect(button).ToHaveTextAsync("Link copied");

        var copied = await page.EvaluateAsync<string>("() => navigator.clipboard.readText()");
        Assert.Equal($"{browser.BaseAddress.ToString().TrimEnd('/')}/anatomy/soleus#innervation:~:text=supplies%20soleus%20by%20two%20routes", copied);

        // The link lands on the section (the text directive is not part of the fragment the page sees).
        await page.GotoAsync(copied.Replace(browser.BaseAddress.ToString().TrimEnd('/'), "", StringComparison.Ordinal));
        Assert.Equal("#innervation", await page.EvaluateAsync<string>("() => location.hash"));
        browser.AssertNoProblems(page);
    }

    [Fact]
    public async Task A_long_selection_becomes_a_start_and_end_with_hyphens_commas_and_ampersands_escaped()
    {
        var page = await browser.NewPageAsync();
        await page.GotoAsync("/anatomy/soleus");

        await page.EvaluateAsync(@"() => {
            const section = document.querySelector('#innervation');
            const range = document.createRange();
            range.selectNodeContents(section.querySelector('p'));
            getSelection().removeAllRanges();
            getSelection().addRange(range);
        }");
        await page.Locator(".text-link-button").ClickAsync();

        var copied = await page.EvaluateAsync<string>("() => navigator.clipboard.readText()");
        var directive = copied[(copied.IndexOf(":~:text=", StringComparison.Ordinal) + ":~:text=".Length)..];
        var parts = directive.Split(',');
        Assert.Equal(2, parts.Length);
        Assert.Equal("The%20tibial%20nerve%20supplies", parts[0]);
        Assert.DoesNotContain('-', directive);
        Assert.DoesNotContain('&', directive);
        Assert.StartsWith($"{browser.BaseAddress.ToString().TrimEnd('/')}/anatomy/soleus#innervation:~:text=", copied, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData(ColorScheme.Light, "embed-in-course-page")]
    [InlineData(ColorScheme.Dark, "embed-in-course-page-dark")]
    public async Task An_embed_sits_in_another_sites_page_at_the_height_of_its_content(ColorScheme scheme, string name)
    {
        var page = await browser.NewPageAsync(900, 900, scheme);
        // The routed course page counts as public to Chromium's local network access checks, which would stop it
        // from framing the test site on a loopback address; a real course page is public and GastroRef is public too.
        await page.Context.GrantPermissionsAsync(["local-network-access"]);
        var site = browser.BaseAddress.ToString().TrimEnd('/');
        // A course page on another origin (localhost, where the site is 127.0.0.1; a public origin could not frame a
        // loopback address at all): the embed must be allowed to load there and size its frame.
        var course = $"http://localhost:{browser.BaseAddress.Port}/course-page/week-3";
        await page.RouteAsync(course, route => route.FulfillAsync(new()
        {
            ContentType = "text/html",
            Body = $"""
                <!DOCTYPE html><html><head><meta charset="utf-8"><title>Course</title><script src="{site}/js/embed-host.js"></script></head>
                <body style="font-family:sans-serif;max-width:720px;margin:2rem auto"><h1>Week 3: the calf</h1><p>Read this before the lab:</p>
                <iframe id="embed" src="{site}/embed/anatomy/soleus/innervation" width="640" height="300" style="border:1px solid #999" title="Soleus: Innervation (GastroRef)"></iframe>
                <p>End of the course page.</p></body></html>
                """,
        }));
        await page.GotoAsync(course);

        var frame = page.FrameLocator("#embed");
        await Assertions.Expect(frame.Locator("h1")).ToContainTextAsync("Innervation");
        // The frame grows or shrinks to its content: no inner scrollbar.
        await page.WaitForFunctionAsync("() => document.getElementById('embed').style.height !== ''");
        var frameHeight = await page.EvaluateAsync<int>("() => document.getElementById('embed').clientHeight");
        var inner = page.Frames.Single(f => f.Url.Contains("/embed/", StringComparison.Ordinal));
        var contentHeight = await inner.EvaluateAsync<int>("() => document.documentElement.scrollHeight");
        var viewportHeight = await inner.EvaluateAsync<int>("() => window.innerHeight");
        Assert.True(contentHeight <= viewportHeight, $"content {contentHeight}px in a {viewportHeight}px frame scrolls");
        Assert.NotEqual(300, frameHeight);
        Assert.InRange(frameHeight, contentHeight - 2, contentHeight + 40);
        var background = await inner.EvaluateAsync<string>("() => getComputedStyle(document.body).backgroundColor");
        Assert.Equal(scheme == ColorScheme.Dark ? "rgb(20, 23, 27)" : "rgb(255, 255, 255)", background);
        var target = await frame.Locator(".embed-credit a").GetAttributeAsync("target");
        Assert.Equal("_blank", target);

        await page.ScreenshotAsync(new() { Path = Path.Combine(BrowserFixture.ArtifactsPath, $"{name}.png"), FullPage = true });
        browser.AssertNoProblems(page);
    }
}
