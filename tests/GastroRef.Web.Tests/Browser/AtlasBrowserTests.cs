using System.Text.Json;
using GastroRef.Web.Atlas;
using GastroRef.Web.Tests.Infrastructure;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Playwright;
using Xunit.Abstractions;

namespace GastroRef.Web.Tests.Browser;

/// <summary>The atlas in Chromium: shapes are links that open their page, Tab reaches them and shows their name,
/// labels hide and come back one at a time, axe finds nothing serious, and figures do not shift the article.</summary>
[Collection(BrowserGroup.Name)]
public sealed class AtlasBrowserTests(BrowserFixture browser, ITestOutputHelper output)
{
    private async Task<string> FirstDrawnPlateAsync()
    {
        var atlas = await browser.Site.Services.GetRequiredService<PlateCatalog>().GetAsync(CancellationToken.None);
        var plate = atlas.Plates.FirstOrDefault(p => p.Plate.Generated is null) ?? atlas.Plates[0];
        return plate.Url;
    }

    [Fact]
    public async Task Clicking_a_shape_opens_its_page()
    {
        var page = await browser.NewPageAsync();
        await page.GotoAsync(await FirstDrawnPlateAsync());

        // A point inside a shape that the shape itself receives (not a label or a neighbour drawn over it), as an offset
        // from the shape's box; the shape is marked so the pointer goes to that very shape.
        var target = await page.EvaluateAsync<JsonElement>("""
            () => {
                for (const link of document.querySelectorAll("svg.plate a.structure-link")) {
                    const box = link.getBoundingClientRect();
                    for (const [fx, fy] of [[0.5, 0.5], [0.5, 0.3], [0.5, 0.7], [0.3, 0.5], [0.7, 0.5]]) {
                        const x = box.left + box.width * fx, y = box.top + box.height * fy;
                        if (link.contains(document.elementFromPoint(x, y))) {
                            link.setAttribute("data-test-target", "");
                            return { x: box.width * fx, y: box.height * fy, href: link.getAttribute("href"), name: link.getAttribute("aria-label") };
                        }
                    }
                }
                return null;
            }
            """);
        Assert.Equal(JsonValueKind.Object, target.ValueKind);

        // Through the shape's locator, Playwright checks before each action that the shape is still the one the pointer reaches.
        var shape = page.Locator("svg.plate a.structure-link[data-test-target]");
        var position = new Position { X = (float)target.GetProperty("x").GetDouble(), Y = (float)target.GetProperty("y").GetDouble() };
        await shape.HoverAsync(new() { Position = position });
        await Assertions.Expect(page.Locator(".plate-readout")).ToHaveTextAsync(target.GetProperty("name").GetString()!);
        await shape.ClickAsync(new() { Position = position });

        await page.WaitForURLAsync($"**{target.GetProperty("href").GetString()}", BrowserFixture.Loaded);
        await Assertions.Expect(page.Locator("h1")).ToHaveTextAsync(target.GetProperty("name").GetString()!);
        browser.AssertNoProblems(page);
    }

    [Fact]
    public async Task On_a_phone_plate_labels_stay_readable_and_the_frame_scrolls_instead()
    {
        var atlas = await browser.Site.Services.GetRequiredService<PlateCatalog>().GetAsync(CancellationToken.None);
        var paths = atlas.Plates.Select(p => p.Url).Prepend("/anatomy/soleus").ToList();
        var phone = await browser.NewPageAsync(390, 844);
        var wide = await browser.NewPageAsync();
        foreach (var path in paths)
        {
            await phone.GotoAsync(path);

            // The smallest label as drawn on screen, in CSS pixels, and whether the page itself got wider than the phone.
            var measured = await phone.EvaluateAsync<JsonElement>("""
                () => {
                    const svg = document.querySelector(".plate-figure svg.plate");
                    const labels = [...svg.querySelectorAll(".label text")];
                    const texts = labels.length ? labels : [...svg.querySelectorAll("text")].filter(t => !t.closest(".orientation"));
                    const scale = svg.getScreenCTM().a;
                    const sizes = texts.map(t => parseFloat(getComputedStyle(t).fontSize) * scale);
                    const frame = svg.closest(".plate-frame");
                    return { smallest: Math.min(...sizes), count: sizes.length, pageWidth: document.documentElement.scrollWidth,
                             frameScrolls: frame.scrollWidth > frame.clientWidth, hint: getComputedStyle(document.querySelector(".plate-scroll-hint")).display };
                }
                """);
            Assert.True(measured.GetProperty("count").GetInt32() > 0, path);
            Assert.True(measured.GetProperty("smallest").GetDouble() >= 10.5, $"{path}: smallest label {measured.GetProperty("smallest").GetDouble():0.0} px");
            Assert.True(measured.GetProperty("frameScrolls").GetBoolean(), path);
            Assert.True(measured.GetProperty("pageWidth").GetInt32() == 390, $"{path}: the page is {measured.GetProperty("pageWidth").GetInt32()} px wide");
            Assert.Equal("block", measured.GetProperty("hint").GetString());

            // At desktop width the plate fits its column and the hint is hidden.
            await wide.GotoAsync(path);
            Assert.Equal("none", await wide.EvaluateAsync<string>("() => getComputedStyle(document.querySelector('.plate-scroll-hint')).display"));
            Assert.False(await wide.EvaluateAsync<bool>("() => { const f = document.querySelector('.plate-figure .plate-frame'); return f.scrollWidth > f.clientWidth; }"), path);
        }
    }

    [Fact]
    public async Task Tab_reaches_the_shapes_and_shows_the_focused_name()
    {
        var page = await browser.NewPageAsync();
        await page.GotoAsync(await FirstDrawnPlateAsync());

        string? focused = null;
        for (var i = 0; i < 60 && focused is null; i++)
        {
            await page.Keyboard.PressAsync("Tab");
            focused = await page.EvaluateAsync<string?>("() => document.activeElement?.closest?.('a.structure-link')?.getAttribute('aria-label') ?? null");
        }

        Assert.NotNull(focused);
        await Assertions.Expect(page.Locator(".plate-readout")).ToHaveTextAsync(focused);
        var outline = await page.EvaluateAsync<string>("() => getComputedStyle(document.activeElement).outlineStyle");
        Assert.NotEqual("none", outline);

        // The next Tab moves to the next shape, and Enter opens it.
        await page.Keyboard.PressAsync("Tab");
        var next = await page.EvaluateAsync<string?>("() => document.activeElement?.closest?.('a.structure-link')?.getAttribute('href') ?? null");
        Assert.NotNull(next);
        await page.Keyboard.PressAsync("Enter");
        await page.WaitForURLAsync($"**{next}", BrowserFixture.Loaded);
        browser.AssertNoProblems(page);
    }

    [Fact]
    public async Task Labels_hide_and_come_back_one_at_a_time()
    {
        var page = await browser.NewPageAsync();
        await page.GotoAsync(await FirstDrawnPlateAsync());
        const string visibleLabels = "() => [...document.querySelectorAll('svg.plate .label')].filter(l => getComputedStyle(l).visibility === 'visible').map(l => l.dataset.labelFor)";
        var all = await page.EvaluateAsync<string[]>(visibleLabels);
        Assert.True(all.Length >= 2, "the plate needs labels");

        var toggle = page.GetByRole(AriaRole.Button, new() { Name = "Hide labels" });
        await toggle.ClickAsync();
        Assert.Empty(await page.EvaluateAsync<string[]>(visibleLabels));
        await Assertions.Expect(page.Locator(".plate-controls button[aria-pressed]")).ToHaveAttributeAsync("aria-pressed", "true");

        var reveal = page.GetByRole(AriaRole.Button, new() { Name = "Reveal next label" });
        await reveal.ClickAsync();
        Assert.Equal([all[0]], await page.EvaluateAsync<string[]>(visibleLabels));
        await reveal.ClickAsync();
        Assert.Equal(all[..2], await page.EvaluateAsync<string[]>(visibleLabels));

        await page.GetByRole(AriaRole.Button, new() { Name = "Show all labels" }).ClickAsync();
        Assert.Equal(all, await page.EvaluateAsync<string[]>(visibleLabels));
        browser.AssertNoProblems(page);
    }

    [Fact]
    public async Task The_article_figures_mark_the_current_structure_and_do_not_shift_the_layout()
    {
        var page = await browser.NewPageAsync(390, 844);
        await page.AddInitScriptAsync("""
            window.__shift = 0;
            new PerformanceObserver(list => { for (const e of list.getEntries()) if (!e.hadRecentInput) window.__shift += e.value; })
                .observe({ type: "layout-shift", buffered: true });
            """);
        await page.GotoAsync("/anatomy/soleus");
        var figure = page.Locator("#figures figure.plate-figure").First;
        await figure.ScrollIntoViewIfNeededAsync();
        await page.WaitForLoadStateAsync(LoadState.NetworkIdle);

        var current = figure.Locator("a[aria-current='page']");
        Assert.True(await current.CountAsync() > 0);
        Assert.All(await current.EvaluateAllAsync<string[]>("links => links.map(l => l.getAttribute('href'))"), href => Assert.Equal("/anatomy/soleus", href));
        var shift = await page.EvaluateAsync<double>("() => window.__shift");
        Assert.True(shift < 0.01, $"cumulative layout shift {shift}");
        browser.AssertNoProblems(page);
    }

    public static TheoryData<string, ColorScheme> AxePages()
    {
        var data = new TheoryData<string, ColorScheme>();
        foreach (var scheme in new[] { ColorScheme.Light, ColorScheme.Dark })
        {
            data.Add("/atlas", scheme);
            data.Add("first-plate?highlight=soleus", scheme);
            data.Add("/atlas/nerves-of-leg?highlight=tibial-nerve", scheme);
            data.Add("/anatomy/popliteal-fossa", scheme);
        }

        return data;
    }

    [Theory]
    [MemberData(nameof(AxePages))]
    public async Task Axe_finds_nothing_serious(string path, ColorScheme scheme)
    {
        path = path.Replace("first-plate", await FirstDrawnPlateAsync(), StringComparison.Ordinal);
        var page = await browser.NewPageAsync(1280, 900, scheme, bypassCsp: true);
        await page.GotoAsync(path);
        await page.AddScriptTagAsync(new() { Path = Path.Combine(RepositoryPaths.Root, "tests", "GastroRef.Web.Tests", "Browser", "node_modules", "axe-core", "axe.min.js") });

        var violations = await page.EvaluateAsync<JsonElement>("""
            async () => (await axe.run(document, { resultTypes: ["violations"] })).violations
                .filter(v => v.impact === "serious" || v.impact === "critical")
                .map(v => v.id + ": " + v.nodes.slice(0, 5).map(n => n.target.join(" ") + " " + n.failureSummary.replace(/\s+/g, " ")).join(" | "))
            """);

        var serious = violations.EnumerateArray().Select(v => v.GetString()!).ToList();
        serious.ForEach(output.WriteLine);
        Assert.True(serious.Count == 0, $"{path} ({scheme}):{Environment.NewLine}{string.Join(Environment.NewLine, serious)}");
        browser.AssertNoProblems(page);
    }

    [Theory]
    [InlineData(1280, 900, ColorScheme.Light, "atlas-plate-desktop")]
    [InlineData(1280, 900, ColorScheme.Dark, "atlas-plate-desktop-dark")]
    [InlineData(390, 844, ColorScheme.Light, "atlas-plate-phone")]
    [InlineData(390, 844, ColorScheme.Dark, "atlas-plate-phone-dark")]
    public async Task Plates_are_captured_for_people_to_look_at(int width, int height, ColorScheme scheme, string name)
    {
        var page = await browser.NewPageAsync(width, height, scheme);
        var atlas = await browser.Site.Services.GetRequiredService<PlateCatalog>().GetAsync(CancellationToken.None);
        await page.GotoAsync("/atlas");
        await page.ScreenshotAsync(new() { Path = Path.Combine(BrowserFixture.ArtifactsPath, $"{name.Replace("plate", "list", StringComparison.Ordinal)}.png"), FullPage = true });
        foreach (var plate in atlas.Plates)
        {
            await page.GotoAsync($"{plate.Url}?highlight={plate.Structures.Order(StringComparer.Ordinal).First()}");
            await page.Locator(".plate-figure").ScreenshotAsync(new() { Path = Path.Combine(BrowserFixture.ArtifactsPath, $"{name}-{plate.Plate.Slug}.png") });
        }

        await page.GotoAsync("/anatomy/gastrocnemius");
        var figures = page.Locator("#figures");
        await figures.ScrollIntoViewIfNeededAsync();
        var path = Path.Combine(BrowserFixture.ArtifactsPath, $"{name.Replace("atlas-plate", "article-figures", StringComparison.Ordinal)}.png");
        await figures.ScreenshotAsync(new() { Path = path });
        Assert.True(new FileInfo(path).Length > 10_000);
        browser.AssertNoProblems(page);
    }
}
