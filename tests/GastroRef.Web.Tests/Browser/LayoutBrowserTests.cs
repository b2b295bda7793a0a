using System.Text.Json;
using Microsoft.Playwright;

namespace GastroRef.Web.Tests.Browser;

/// <summary>How the pages sit on the screen: no sideways scrolling on a small phone (only a plate and a comparison
/// scroll inside their own frames), the table of contents
/// readable and following the reader, a stable layout, a light page and a useful printout.</summary>
[Collection(BrowserGroup.Name)]
public sealed class LayoutBrowserTests(BrowserFixture browser)
{
    public static TheoryData<string> Pages() => new() { "/", "/anatomy", "/anatomy/gastrocnemius", "/anatomy/no-such-structure", "/compare?a=gastrocnemius&b=soleus" };

    [Theory]
    [MemberData(nameof(Pages))]
    public async Task Nothing_reaches_past_a_375px_screen(string path)
    {
        var page = await browser.NewPageAsync(375, 812);
        await page.GotoAsync(path);

        var culprits = await page.EvaluateAsync<string[]>("""
            () => [...document.querySelectorAll("body *")]
                .filter(e => !e.closest(".compare-scroll, .plate-frame svg, .visually-hidden") && e.getBoundingClientRect().right > window.innerWidth + 0.5)
                .map(e => `${e.tagName}.${e.className} right=${e.getBoundingClientRect().right}`)
            """);
        Assert.True(culprits.Length == 0, $"{path} is wider than 375px: {string.Join(", ", culprits)}");
        Assert.True(await page.EvaluateAsync<bool>("() => document.documentElement.scrollWidth <= window.innerWidth"), $"{path} scrolls sideways");
    }

    [Theory]
    [InlineData(ColorScheme.Light, "connections-phone")]
    [InlineData(ColorScheme.Dark, "connections-phone-dark")]
    public async Task On_a_phone_connections_follow_the_text_before_the_sources(ColorScheme scheme, string name)
    {
        var page = await browser.NewPageAsync(390, 844, scheme);
        await page.GotoAsync("/anatomy/tibial-nerve");

        var top = await page.EvaluateAsync<JsonElement>("""
            () => {
                const y = (e) => e.getBoundingClientRect().top + window.scrollY;
                const sections = [...document.querySelectorAll(".article-body section.article-section")];
                return { lastSection: y(sections[sections.length - 1]), connections: y(document.getElementById("connections")),
                         sources: y(document.getElementById("sources")), cite: y(document.getElementById("cite")) };
            }
            """);
        var connections = top.GetProperty("connections").GetDouble();
        Assert.True(connections > top.GetProperty("lastSection").GetDouble(), "Connections should come after the text");
        Assert.True(connections < top.GetProperty("sources").GetDouble(), $"Connections at {connections}px come after Sources");
        Assert.True(connections < top.GetProperty("cite").GetDouble(), "Connections come after Cite this page");
        await Assertions.Expect(page.Locator("#connections")).ToBeVisibleAsync();

        // The folded contents lead there, just before Sources.
        await page.Locator(".toc-mobile summary").ClickAsync();
        var contents = page.Locator(".toc-mobile .toc-list > li > a");
        await Assertions.Expect(contents.Nth(await contents.CountAsync() - 2)).ToHaveAttributeAsync("href", "#connections");
        await page.Locator(".toc-mobile a[href='#connections']").ClickAsync();
        await Assertions.Expect(page.Locator("#connections")).ToBeInViewportAsync();
        await page.Locator("#connections").ScreenshotAsync(new() { Path = Path.Combine(BrowserFixture.ArtifactsPath, $"{name}.png") });
        browser.AssertNoProblems(page);
    }

    [Fact]
    public async Task The_search_shortcut_hint_shows_on_wide_screens_only()
    {
        var wide = await browser.NewPageAsync(1280, 900);
        await wide.GotoAsync("/");
        await Assertions.Expect(wide.Locator(".search-hint")).ToBeVisibleAsync();

        var phone = await browser.NewPageAsync(390, 844);
        await phone.GotoAsync("/");
        Assert.Equal("none", await phone.Locator(".search-hint").EvaluateAsync<string>("k => getComputedStyle(k).display"));
        await Assertions.Expect(phone.Locator("#site-search-input")).ToBeVisibleAsync();
    }

    [Fact]
    public async Task The_slash_key_focuses_the_search_box_except_while_typing()
    {
        var page = await browser.NewPageAsync();
        await page.GotoAsync("/anatomy");

        await page.Keyboard.PressAsync("/");
        Assert.Equal("site-search-input", await page.EvaluateAsync<string>("() => document.activeElement.id"));
        await page.Keyboard.TypeAsync("a/b");
        Assert.Equal("a/b", await page.InputValueAsync("#site-search-input"));
    }

    [Fact]
    public async Task Table_of_contents_numbers_have_room_for_two_digits()
    {
        var page = await browser.NewPageAsync();
        await page.GotoAsync("/anatomy/gastrocnemius");

        // Key facts stand before the list, unnumbered, so the first section is number 1.
        await Assertions.Expect(page.Locator("#toc > .toc-extra a")).ToHaveTextAsync("Key facts");
        await Assertions.Expect(page.Locator("#toc .toc-list > li > a").First).ToHaveAttributeAsync("href", "#etymology");
        var numbered = await page.Locator("#toc .toc-list > li").CountAsync();
        Assert.True(numbered >= 10, $"the gastrocnemius has {numbered} numbered sections; the test needs a two-digit one");
        // The marker sits in the list's left padding; the aside clips anything outside itself.
        var room = await page.EvaluateAsync<JsonElement>("""
            () => {
                const list = document.querySelector("#toc .toc-list");
                const style = getComputedStyle(list);
                const context = document.createElement("canvas").getContext("2d");
                context.font = `${style.fontWeight} ${style.fontSize} ${style.fontFamily}`;
                return { padding: parseFloat(style.paddingLeft), marker: context.measureText("10. ").width,
                         listLeft: list.getBoundingClientRect().left, asideLeft: list.closest(".article-aside").getBoundingClientRect().left };
            }
            """);
        var padding = room.GetProperty("padding").GetDouble();
        var marker = room.GetProperty("marker").GetDouble();
        Assert.True(padding >= marker, $"list padding {padding}px is narrower than the marker '10. ' ({marker}px)");
        Assert.True(room.GetProperty("listLeft").GetDouble() >= room.GetProperty("asideLeft").GetDouble());
    }

    [Fact]
    public async Task The_table_of_contents_marks_the_section_being_read()
    {
        var page = await browser.NewPageAsync(1280, 900);
        await page.GotoAsync("/anatomy/gastrocnemius");

        await page.Locator("#blood-supply h2").ScrollIntoViewIfNeededAsync();
        await page.EvaluateAsync("() => document.getElementById('blood-supply').scrollIntoView()");
        await Assertions.Expect(page.Locator("#toc a[aria-current]")).ToHaveAttributeAsync("href", "#blood-supply");
        await Assertions.Expect(page.Locator("#toc a[aria-current]")).ToHaveCountAsync(1);
        await Assertions.Expect(page.Locator("#toc a[aria-current]")).ToHaveAttributeAsync("aria-current", "location");

        await page.EvaluateAsync("() => document.getElementById('origin').scrollIntoView()");
        await Assertions.Expect(page.Locator("#toc a[aria-current]")).ToHaveAttributeAsync("href", "#origin");
        var weight = await page.Locator("#toc a[aria-current]").EvaluateAsync<string>("a => getComputedStyle(a).fontWeight");
        Assert.Equal("700", weight);
        browser.AssertNoProblems(page);
    }

    [Fact]
    public async Task The_article_weighs_under_120_KB_of_html_css_and_script_besides_its_figures()
    {
        var page = await browser.NewPageAsync();
        await page.GotoAsync("/anatomy/gastrocnemius", new() { WaitUntil = WaitUntilState.Load });

        // Uncompressed sizes as the browser decoded them, of the page and everything it loaded.
        var resources = await page.EvaluateAsync<JsonElement>("""
            () => [...performance.getEntriesByType("navigation"), ...performance.getEntriesByType("resource")]
                .map(e => ({ name: e.name, type: e.initiatorType, size: e.decodedBodySize }))
            """);
        var list = resources.EnumerateArray().Select(r => (Name: r.GetProperty("name").GetString()!, Size: r.GetProperty("size").GetInt64())).ToList();
        Assert.Contains(list, r => r.Name.Contains(".css", StringComparison.Ordinal) && r.Size > 0);
        Assert.Contains(list, r => r.Name.Contains(".js", StringComparison.Ordinal) && r.Size > 0);
        // The inline plates of the Figures section have their own budget (the page's HTML under 150 KB); the rest of
        // the page, with its styles and scripts (reading lists and text links included), stays under 120 KB.
        var figures = await page.EvaluateAsync<long>("() => new TextEncoder().encode(document.getElementById('figures')?.outerHTML ?? '').length");
        var html = list.First().Size;
        Assert.True(html < 150 * 1024, $"the page's HTML is {html / 1024.0:F1} KB");
        var total = list.Sum(r => r.Size) - figures;
        Assert.True(total < 120 * 1024, $"{total / 1024.0:F1} KB without {figures / 1024.0:F1} KB of figures: {string.Join(", ", list.Select(r => $"{r.Name} {r.Size / 1024.0:F1} KB"))}");
    }

    [Theory]
    [InlineData(1280, 900)]
    [InlineData(390, 844)]
    public async Task The_article_does_not_shift_while_it_loads(int width, int height)
    {
        var page = await browser.NewPageAsync(width, height);
        await page.GotoAsync("/anatomy/gastrocnemius", new() { WaitUntil = WaitUntilState.Load });
        await page.WaitForTimeoutAsync(300);

        var shift = await page.EvaluateAsync<double>("""
            () => new Promise(resolve => {
                let total = 0;
                new PerformanceObserver(list => { for (const entry of list.getEntries()) if (!entry.hadRecentInput) total += entry.value; })
                    .observe({ type: "layout-shift", buffered: true });
                setTimeout(() => resolve(total), 200);
            })
            """);
        Assert.True(shift < 0.01, $"cumulative layout shift {shift}");
    }

    [Fact]
    public async Task The_printout_carries_the_page_address_and_drops_the_site_chrome()
    {
        var page = await browser.NewPageAsync();
        await page.GotoAsync("/anatomy/gastrocnemius");
        await page.EmulateMediaAsync(new() { Media = Media.Print });

        var canonical = await page.GetAttributeAsync("link[rel=canonical]", "href");
        await Assertions.Expect(page.Locator(".article-url")).ToBeVisibleAsync();
        await Assertions.Expect(page.Locator(".article-url")).ToContainTextAsync(canonical!);
        await Assertions.Expect(page.Locator(".site-header")).ToBeHiddenAsync();
        await Assertions.Expect(page.Locator(".article-aside")).ToBeHiddenAsync();
        // Links to other sites print their address, since paper cannot be clicked; links within the site do not.
        await page.EvaluateAsync("() => document.querySelector('#origin p').insertAdjacentHTML('beforeend', ' <a id=probe href=\"https://example.org/atlas\">atlas</a>')");
        Assert.Contains("https://example.org/atlas", await page.Locator("#probe").EvaluateAsync<string>("a => getComputedStyle(a, '::after').content"), StringComparison.Ordinal);
        Assert.Equal("none", await page.Locator("#origin a[href^='/']").First.EvaluateAsync<string>("a => getComputedStyle(a, '::after').content"));

        var pdf = await page.PdfAsync(new() { Format = "A4" });
        Assert.True(pdf.Length > 10_000);
    }

    [Fact]
    public async Task Article_text_keeps_a_comfortable_line_length()
    {
        var page = await browser.NewPageAsync(1280, 900);
        await page.GotoAsync("/anatomy/gastrocnemius");

        // Characters per line: the paragraph's width over the average width of its own letters in its own font.
        var perLine = await page.EvaluateAsync<double>(
            """
            () => {
                const p = document.querySelector(".article-lead p");
                const context = document.createElement("canvas").getContext("2d");
                context.font = getComputedStyle(p).font;
                const text = p.textContent.replace(/\s+/g, " ");
                return p.clientWidth / (context.measureText(text).width / text.length);
            }
            """);
        Assert.InRange(perLine, 60, 76);
        var fontSize = await page.EvalOnSelectorAsync<double>(".article-lead p", "p => parseFloat(getComputedStyle(p).fontSize)");
        Assert.InRange(fontSize, 16, 18);
    }
}
