using System.Text.Json;
using GastroRef.Web.Tests.Infrastructure;
using Microsoft.Playwright;

namespace GastroRef.Web.Tests.Browser;

/// <summary>The practice page in Chromium: one question at a time with the keyboard, feedback announced, and the FSRS
/// schedule kept in localStorage across a reload, exported and imported.</summary>
[Collection(BrowserGroup.Name)]
public sealed class PracticeBrowserTests(BrowserFixture browser)
{
    private const string SetPath = "/practice/set?structures=soleus,popliteus&kinds=recall,reverse,lesion,matching&count=3&seed=11";

    [Fact]
    public async Task Answering_with_the_keyboard_schedules_reviews_that_survive_a_reload()
    {
        var page = await browser.NewPageAsync();
        await page.GotoAsync(SetPath);
        var current = page.Locator(".practice-item.is-current");
        await Assertions.Expect(current).ToHaveCountAsync(1);
        await Assertions.Expect(page.Locator(".practice-item:visible")).ToHaveCountAsync(1);
        await Assertions.Expect(current.Locator(".practice-number")).ToHaveTextAsync("Question 1 of 3");

        for (var i = 0; i < 3; i++)
        {
            var item = page.Locator(".practice-item.is-current");
            await AnswerWithKeyboardAsync(page, item);
            var feedback = item.Locator("[data-practice-feedback]");
            await Assertions.Expect(feedback).ToBeVisibleAsync();
            await Assertions.Expect(feedback.Locator(".practice-verdict")).ToHaveTextAsync(new System.Text.RegularExpressions.Regex("^(Correct|Not quite)\\.$"));
            await Assertions.Expect(feedback.Locator("a.practice-learn")).ToHaveAttributeAsync("href", new System.Text.RegularExpressions.Regex("^/anatomy/[a-z-]+#[a-z-]+$"));
            await Assertions.Expect(feedback.Locator(".practice-schedule")).ToContainTextAsync("Next review");
            // The result is announced in the page's live region.
            await Assertions.Expect(page.Locator("#live-status")).ToContainTextAsync(new System.Text.RegularExpressions.Regex("(Correct|Not quite)"));
            // Focus moves to "Next question"; Enter goes on.
            Assert.Equal("true", await page.EvaluateAsync<string>("() => String(document.activeElement.matches('[data-practice-next]'))"));
            await page.Keyboard.PressAsync("Enter");
        }

        await Assertions.Expect(page.Locator("[data-practice-summary]")).ToBeVisibleAsync();
        await Assertions.Expect(page.Locator("[data-practice-score]")).ToContainTextAsync("of 3 correctly");

        var stored = await page.EvaluateAsync<string>("() => localStorage.getItem('gastroref.practice')");
        using (var json = JsonDocument.Parse(stored))
        {
            var cards = json.RootElement.GetProperty("cards").EnumerateObject().ToList();
            Assert.Equal(3, cards.Count);
            Assert.All(cards, c => Assert.Equal(1, c.Value.GetProperty("reviews").GetInt32()));
            Assert.All(cards, c => Assert.True(c.Value.GetProperty("card").GetProperty("due").GetDateTime() > DateTime.UtcNow.AddSeconds(-5)));
        }

        await page.ReloadAsync();
        var after = await page.EvaluateAsync<string>("() => localStorage.getItem('gastroref.practice')");
        Assert.Equal(stored, after);
        await page.GotoAsync("/practice");
        await Assertions.Expect(page.Locator("[data-practice-due]")).ToContainTextAsync("of 3 questions you have answered");
        await Assertions.Expect(page.Locator("[data-practice-due]")).ToContainTextAsync(new System.Text.RegularExpressions.Regex("^Due today: \\d+"));

        // Export, clear, import: the schedule comes back.
        var download = await page.RunAndWaitForDownloadAsync(() => page.Locator("[data-practice-export]").ClickAsync());
        var file = Path.Combine(BrowserFixture.ArtifactsPath, "practice-progress-test.json");
        await download.SaveAsAsync(file);
        await page.EvaluateAsync("() => localStorage.clear()");
        await page.ReloadAsync();
        await Assertions.Expect(page.Locator("[data-practice-due]")).ToContainTextAsync("answer some questions");
        await page.Locator("[data-practice-import]").SetInputFilesAsync(file);
        await Assertions.Expect(page.Locator("#live-status")).ToContainTextAsync("Imported progress for 3 questions");
        await Assertions.Expect(page.Locator("[data-practice-due]")).ToContainTextAsync("of 3 questions you have answered");
        File.Delete(file);
        browser.AssertNoProblems(page);
    }

    [Fact]
    public async Task A_file_that_is_not_progress_changes_nothing()
    {
        var page = await browser.NewPageAsync();
        await page.GotoAsync("/practice");
        var file = Path.Combine(BrowserFixture.ArtifactsPath, "practice-not-progress.json");
        await File.WriteAllTextAsync(file, "{\"hello\": 1}");
        await page.Locator("[data-practice-import]").SetInputFilesAsync(file);
        await Assertions.Expect(page.Locator("#live-status")).ToContainTextAsync("not a GastroRef progress file");
        Assert.Null(await page.EvaluateAsync<string?>("() => localStorage.getItem('gastroref.practice')"));
        File.Delete(file);
    }

    [Theory]
    [InlineData(1280, 900, ColorScheme.Light, "practice-desktop")]
    [InlineData(390, 844, ColorScheme.Light, "practice-phone")]
    [InlineData(1280, 900, ColorScheme.Dark, "practice-desktop-dark")]
    [InlineData(390, 844, ColorScheme.Dark, "practice-phone-dark")]
    public async Task The_practice_page_is_captured_after_an_answer(int width, int height, ColorScheme scheme, string name)
    {
        var page = await browser.NewPageAsync(width, height, scheme);
        await page.GotoAsync("/practice/set?structures=soleus&kinds=recall&count=5&seed=3");
        var item = page.Locator(".practice-item.is-current");
        await item.Locator("input[data-correct=false]").First.CheckAsync();
        await item.Locator("[data-practice-check]").ClickAsync();
        await Assertions.Expect(item.Locator("[data-practice-feedback]")).ToBeVisibleAsync();
        await page.Locator("h1").ScrollIntoViewIfNeededAsync();
        var file = Path.Combine(BrowserFixture.ArtifactsPath, $"{name}.png");
        await page.ScreenshotAsync(new() { Path = file, FullPage = true });
        Assert.True(new FileInfo(file).Length > 20_000);

        var chooser = await browser.NewPageAsync(width, height, scheme);
        await chooser.GotoAsync("/practice");
        await chooser.ScreenshotAsync(new() { Path = Path.Combine(BrowserFixture.ArtifactsPath, $"{name}-chooser.png"), FullPage = true });
        browser.AssertNoProblems(page);
        browser.AssertNoProblems(chooser);
    }

    private const string IdentifyPath = "/practice/set?structures=soleus,tibial-nerve&kinds=identify&count=100&seed=3";

    [Fact]
    public async Task Plate_questions_are_answered_by_name_and_by_clicking_the_shape_with_the_keyboard()
    {
        var page = await browser.NewPageAsync();
        await page.GotoAsync(IdentifyPath);
        var (named, clicked) = (false, false);
        for (var i = 0; i < 20 && !(named && clicked); i++)
        {
            var item = page.Locator(".practice-item.is-current");
            var figure = item.Locator("[data-practice-plate]");
            await Assertions.Expect(figure).ToBeVisibleAsync();
            var label = figure.Locator(".practice-label").First;
            var labelled = await figure.Locator(".practice-label").CountAsync() > 0;
            if (labelled)
            {
                await Assertions.Expect(label).Not.ToBeVisibleAsync();
            }

            var shapes = item.Locator("[data-practice-shape]");
            string answer;
            if (await shapes.CountAsync() > 0)
            {
                // Tab from the first shape until the right one has focus, then Enter.
                answer = (await item.Locator(".practice-answer li").First.TextContentAsync())!.Trim();
                await shapes.First.FocusAsync();
                for (var tab = 0; tab < 60 && !await page.EvaluateAsync<bool>("() => document.activeElement.dataset.correct === 'true'"); tab++)
                {
                    Assert.Matches("^Structure \\d+$", await page.EvaluateAsync<string>("() => document.activeElement.getAttribute('aria-label')"));
                    await page.Keyboard.PressAsync("Tab");
                }

                await page.Keyboard.PressAsync("Enter");
                await Assertions.Expect(item.Locator("[data-practice-shape].is-right").First).ToHaveAttributeAsync("aria-label", new System.Text.RegularExpressions.Regex($"{System.Text.RegularExpressions.Regex.Escape(answer)}, the right answer$"));
                clicked = true;
            }
            else
            {
                // "Which structure is highlighted?": choose by clicking the right name.
                answer = (await item.Locator("label.practice-choice:has(input[data-correct=true]) span").TextContentAsync())!.Trim();
                Assert.DoesNotContain(answer, await figure.Locator("svg").GetAttributeAsync("aria-label") ?? "", StringComparison.Ordinal);
                await item.Locator("input[data-correct=true]").CheckAsync();
                await item.Locator("[data-practice-check]").ClickAsync();
                await Assertions.Expect(figure.Locator("svg")).ToHaveAttributeAsync("aria-label", new System.Text.RegularExpressions.Regex($"{System.Text.RegularExpressions.Regex.Escape(answer)} outlined$"));
                named = true;
            }

            var feedback = item.Locator("[data-practice-feedback]");
            await Assertions.Expect(feedback.Locator(".practice-verdict")).ToHaveTextAsync("Correct.");
            await Assertions.Expect(feedback).ToContainTextAsync(answer, new() { IgnoreCase = true });
            await Assertions.Expect(page.Locator("#live-status")).ToContainTextAsync("Correct");
            if (labelled)
            {
                await Assertions.Expect(label).ToBeVisibleAsync();
            }

            await item.Locator("[data-practice-next]").ClickAsync();
        }

        Assert.True(named && clicked, $"named {named}, clicked {clicked}");
        browser.AssertNoProblems(page);
    }

    [Theory]
    [InlineData(ColorScheme.Light)]
    [InlineData(ColorScheme.Dark)]
    public async Task Axe_finds_nothing_serious_on_a_set_with_plates(ColorScheme scheme)
    {
        var page = await browser.NewPageAsync(1280, 900, scheme, bypassCsp: true);
        await page.GotoAsync(IdentifyPath);
        await page.AddScriptTagAsync(new() { Path = Path.Combine(RepositoryPaths.Root, "tests", "GastroRef.Web.Tests", "Browser", "node_modules", "axe-core", "axe.min.js") });
        var problems = new List<string>();
        // The first question of each way of asking, before and after answering.
        for (var i = 0; i < 2; i++)
        {
            var item = page.Locator(".practice-item.is-current");
            await Assertions.Expect(item.Locator("[data-practice-plate]")).ToBeVisibleAsync();
            problems.AddRange(await SeriousAsync(page));
            if (await item.Locator("[data-practice-shape]").CountAsync() > 0)
            {
                await item.Locator("[data-practice-shape]").First.ClickAsync();
            }
            else
            {
                await item.Locator("input[type=radio]").First.CheckAsync();
                await item.Locator("[data-practice-check]").ClickAsync();
            }

            await Assertions.Expect(item.Locator("[data-practice-feedback]")).ToBeVisibleAsync();
            problems.AddRange(await SeriousAsync(page));
            await item.Locator("[data-practice-next]").ClickAsync();
        }

        Assert.True(problems.Count == 0, string.Join(Environment.NewLine, problems.Distinct()));
        browser.AssertNoProblems(page);
    }

    private static async Task<IEnumerable<string>> SeriousAsync(IPage page)
    {
        var violations = await page.EvaluateAsync<JsonElement>("""
            async () => (await axe.run(document, { resultTypes: ["violations"] })).violations
                .filter(v => v.impact === "serious" || v.impact === "critical")
                .map(v => v.id + ": " + v.nodes.slice(0, 5).map(n => n.target.join(" ") + " " + n.failureSummary.replace(/\s+/g, " ")).join(" | "))
            """);
        return [.. violations.EnumerateArray().Select(v => v.GetString()!)];
    }

    [Theory]
    [InlineData(1280, 900, ColorScheme.Light, "practice-identify-desktop")]
    [InlineData(390, 844, ColorScheme.Light, "practice-identify-phone")]
    [InlineData(1280, 900, ColorScheme.Dark, "practice-identify-desktop-dark")]
    [InlineData(390, 844, ColorScheme.Dark, "practice-identify-phone-dark")]
    public async Task A_plate_question_is_captured_asked_and_answered(int width, int height, ColorScheme scheme, string name)
    {
        var page = await browser.NewPageAsync(width, height, scheme);
        await page.GotoAsync(IdentifyPath);
        var item = page.Locator(".practice-item.is-current");
        await Assertions.Expect(item.Locator("[data-practice-plate]")).ToBeVisibleAsync();
        await TopAsync(page);
        await page.ScreenshotAsync(new() { Path = Path.Combine(BrowserFixture.ArtifactsPath, $"{name}-asked.png"), FullPage = true });
        if (await item.Locator("[data-practice-shape]").CountAsync() > 0)
        {
            await item.Locator("[data-practice-shape][data-correct=false]").First.ClickAsync();
        }
        else
        {
            await item.Locator("input[data-correct=false]").First.CheckAsync();
            await item.Locator("[data-practice-check]").ClickAsync();
        }

        await Assertions.Expect(item.Locator("[data-practice-feedback]")).ToBeVisibleAsync();
        var file = Path.Combine(BrowserFixture.ArtifactsPath, $"{name}-answered.png");
        await TopAsync(page);
        await page.ScreenshotAsync(new() { Path = file, FullPage = true });
        Assert.True(new FileInfo(file).Length > 20_000);

        await item.Locator("[data-practice-next]").ClickAsync();
        var next = page.Locator(".practice-item.is-current");
        await Assertions.Expect(next.Locator("[data-practice-plate]")).ToBeVisibleAsync();
        await TopAsync(page);
        await page.ScreenshotAsync(new() { Path = Path.Combine(BrowserFixture.ArtifactsPath, $"{name}-next.png"), FullPage = true });
        browser.AssertNoProblems(page);
    }

    /// <summary>Scrolled to the top, so the sticky header is drawn where it belongs in a full-page capture.</summary>
    private static async Task TopAsync(IPage page) => await page.EvaluateAsync("() => window.scrollTo(0, 0)");

    /// <summary>Tab to the first choice (or list), pick with the keyboard, and press Enter to check.</summary>
    private static async Task AnswerWithKeyboardAsync(IPage page, ILocator item)
    {
        var select = item.Locator("select");
        if (await select.CountAsync() > 0)
        {
            for (var i = 0; i < await select.CountAsync(); i++)
            {
                await select.Nth(i).FocusAsync();
                await page.Keyboard.PressAsync("ArrowDown");
            }

            await item.Locator("[data-practice-check]").FocusAsync();
            await page.Keyboard.PressAsync("Enter");
            return;
        }

        var first = item.Locator("input").First;
        await first.FocusAsync();
        await page.Keyboard.PressAsync("Space");
        await page.Keyboard.PressAsync("Enter");
    }
}
