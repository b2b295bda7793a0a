using Microsoft.Playwright;

namespace GastroRef.Web.Tests.Browser;

/// <summary>The Content-Security-Policy as a real browser applies it: the pages break none of it, and the
/// site's script still runs under it.</summary>
[Collection(BrowserGroup.Name)]
public sealed class SecurityPolicyBrowserTests(BrowserFixture browser)
{
    [Theory]
    [InlineData("/")]
    [InlineData("/anatomy")]
    [InlineData("/anatomy/gastrocnemius")]
    [InlineData("/anatomy/no-such-structure")]
    public async Task Pages_load_without_a_single_policy_violation(string path)
    {
        var page = await browser.NewPageAsync();
        var violations = new List<string>();
        page.Console += (_, message) =>
        {
            if (message.Type == "error")
            {
                violations.Add(message.Text);
            }
        };
        await page.AddInitScriptAsync("""
            document.addEventListener("securitypolicyviolation", e =>
              console.error(`CSP violation: ${e.violatedDirective} blocked ${e.blockedURI}`));
            """);

        var response = await page.GotoAsync(path, new PageGotoOptions { WaitUntil = WaitUntilState.NetworkIdle });

        Assert.NotNull(response);
        Assert.Contains("script-src 'self'", (await response!.HeaderValueAsync("content-security-policy"))!, StringComparison.Ordinal);
        Assert.Null(await response.HeaderValueAsync("server"));

        // The not-found page answers 404 on purpose: the browser logs that as an error; nothing else may be.
        Assert.DoesNotContain(violations, v => !v.Contains("404", StringComparison.Ordinal));
        var stylesApplied = await page.EvaluateAsync<string>("() => getComputedStyle(document.querySelector('.site-header')).position");
        Assert.NotEqual("static", stylesApplied);
    }

    [Fact]
    public async Task The_site_script_runs_under_the_policy()
    {
        var page = await browser.NewPageAsync();
        await page.GotoAsync("/anatomy/gastrocnemius");

        await page.Keyboard.PressAsync("/");

        Assert.Equal("site-search-input", await page.EvaluateAsync<string>("() => document.activeElement.id"));
    }

    [Fact]
    public async Task An_inline_script_is_refused_by_the_browser()
    {
        var page = await browser.NewPageAsync();
        await page.GotoAsync("/anatomy/gastrocnemius");

        // What an injection would attempt: add a script element with inline code.
        await page.EvaluateAsync("""
            () => {
              const script = document.createElement("script");
              script.textContent = "window.injected = true";
              document.body.appendChild(script);
            }
            """);

        Assert.False(await page.EvaluateAsync<bool>("() => window.injected === true"));
    }
}
