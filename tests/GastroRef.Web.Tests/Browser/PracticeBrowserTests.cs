using System.Text.Json;
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
