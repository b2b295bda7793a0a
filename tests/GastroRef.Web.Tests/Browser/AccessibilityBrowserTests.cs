using System.Text.Json;
using GastroRef.Web.Tests.Infrastructure;
using Microsoft.Playwright;
using Xunit.Abstractions;

namespace GastroRef.Web.Tests.Browser;

/// <summary>axe-core (pinned in package.json next to this file; tests/run.sh installs it) on every kind of page,
/// light and dark, wide and narrow: no serious or critical violations.</summary>
[Collection(BrowserGroup.Name)]
public sealed class AccessibilityBrowserTests(BrowserFixture browser, ITestOutputHelper output)
{
    private static readonly Lazy<string> AxeScript = new(() =>
    {
        var path = Path.Combine(RepositoryPaths.Root, "tests", "GastroRef.Web.Tests", "Browser", "node_modules", "axe-core", "axe.min.js");
        return File.Exists(path)
            ? File.ReadAllText(path)
            : throw new FileNotFoundException($"axe-core is not installed: run `npm ci` in {Path.GetDirectoryName(Path.GetDirectoryName(Path.GetDirectoryName(path)))} (tests/run.sh does).", path);
    });

    public static TheoryData<string, ColorScheme, int> Pages()
    {
        var data = new TheoryData<string, ColorScheme, int>();
        foreach (var path in new[] { "/", "/anatomy/gastrocnemius", "/anatomy", "/anatomy?type=nerve&region=popliteal-fossa", "/anatomy/no-such-structure", "/compare?a=gastrocnemius&b=soleus", "/compare?a=gastrocnemius", "/error" })
        {
            foreach (var scheme in new[] { ColorScheme.Light, ColorScheme.Dark })
            {
                data.Add(path, scheme, 1280);
            }
        }

        // Phones get their own layout (stacked compare table, contents disclosure).
        data.Add("/anatomy/gastrocnemius", ColorScheme.Light, 390);
        data.Add("/compare?a=gastrocnemius&b=soleus", ColorScheme.Dark, 390);

        // A section highlighted as the link's target (steady under reduced motion): its links must still be readable.
        data.Add("/anatomy/gastrocnemius#innervation", ColorScheme.Light, 1280);
        data.Add("/anatomy/gastrocnemius#innervation", ColorScheme.Dark, 1280);
        return data;
    }

    [Theory]
    [MemberData(nameof(Pages))]
    public async Task Has_no_serious_or_critical_accessibility_violations(string path, ColorScheme scheme, int width)
    {
        var page = await browser.NewPageAsync(width, 900, scheme, bypassCsp: true);
        await page.EmulateMediaAsync(new() { ReducedMotion = ReducedMotion.Reduce });
        await page.GotoAsync(path);

        var serious = await SeriousViolationsAsync(page);

        Assert.True(serious.Count == 0, $"{path} ({scheme}, {width}px):{Environment.NewLine}{string.Join(Environment.NewLine, serious)}");
        browser.AssertNoProblems(page, allowDocumentStatus: true);
    }

    [Fact]
    public async Task The_checker_reports_what_it_should()
    {
        // Guards the harness: a page with an unlabelled field and faint text must fail.
        var page = await browser.NewPageAsync(bypassCsp: true);
        await page.GotoAsync("/");
        await page.EvaluateAsync("""
            () => {
                document.querySelector("main").insertAdjacentHTML("beforeend",
                    '<p style="color:#ccc;background:#fff">faint</p><input type="text" id="unlabelled">');
            }
            """);

        var serious = await SeriousViolationsAsync(page);

        Assert.Contains(serious, v => v.Contains("color-contrast", StringComparison.Ordinal));
        Assert.Contains(serious, v => v.Contains("#unlabelled", StringComparison.Ordinal));
    }

    private async Task<List<string>> SeriousViolationsAsync(IPage page)
    {
        await page.AddScriptTagAsync(new() { Content = AxeScript.Value });
        var violations = await page.EvaluateAsync<JsonElement>("""
            async () => {
                const results = await axe.run(document, { resultTypes: ["violations"] });
                return results.violations.map(v => ({
                    id: v.id, impact: v.impact, help: v.help,
                    nodes: v.nodes.slice(0, 5).map(n => n.target.join(" ") + " — " + n.failureSummary.replace(/\s+/g, " "))
                }));
            }
            """);

        var serious = new List<string>();
        foreach (var violation in violations.EnumerateArray())
        {
            var impact = violation.GetProperty("impact").GetString();
            var line = $"{impact} {violation.GetProperty("id").GetString()}: {violation.GetProperty("help").GetString()}{Environment.NewLine}    "
                + string.Join($"{Environment.NewLine}    ", violation.GetProperty("nodes").EnumerateArray().Select(n => n.GetString()));
            output.WriteLine($"{page.Url}: {line}");
            if (impact is "serious" or "critical")
            {
                serious.Add(line);
            }
        }

        return serious;
    }
}
