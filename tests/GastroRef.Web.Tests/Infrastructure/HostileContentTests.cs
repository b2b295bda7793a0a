using System.Net;
using AngleSharp.Dom;

namespace GastroRef.Web.Tests.Infrastructure;

/// <summary>A content file that is hostile in every field it has, served through the whole site: the pages
/// that show it contain nothing a browser would run. (The Markdown renderer's own corpus is in
/// GastroRef.Content.Tests; this checks what the site makes of it, front matter and templates included.)</summary>
public sealed class HostileContentTests : IDisposable
{
    private const string Body = """
        <script>alert('body')</script>
        <SCRIPT SRC=//evil.example/x.js></SCRIPT>
        <style>body{display:none}</style>
        <img src=x onerror=alert(1)> <svg onload=alert(1)> <iframe src="javascript:alert(1)"></iframe>
        <object data="javascript:alert(1)"></object> <embed src="javascript:alert(1)">
        <base href="https://evil.example/"> <meta http-equiv="refresh" content="0;url=javascript:alert(1)">
        <form action="javascript:alert(1)"><button formaction="javascript:alert(1)">x</button></form>
        <math><mtext><table><mglyph><style><img src=x onerror=alert(1)></style></mglyph></table></mtext></math>

        ## Origin {onclick=alert(5)}

        [a](javascript:alert(1)) [b](JaVaScRiPt:alert(1)) [c]( javascript:alert(1) ) [d](<javascript:alert(1)>)
        [e](java&#115;cript:alert(4)) [f](&#106;&#97;&#118;&#97;&#115;&#99;&#114;&#105;&#112;&#116;&#58;alert(1))
        [g](java%73cript:alert(1)) [h](java	script:alert(1)) [i](vbscript:msgbox(1)) [j](VBScript:msgbox(1))
        [k](data:text/html;base64,PHNjcmlwdD5hbGVydCgxKTwvc2NyaXB0Pg==) [l](DATA:text/html,x)
        ![m](javascript:alert(2)) ![n](data:image/svg+xml,<svg onload=alert(1)>) ![o](vbscript:x)
        <javascript:alert(3)> <vbscript:msgbox(1)> <data:text/html,x>
        [p][r1] [q][r2]

        [r1]: javascript:alert(1)
        [r2]: data:text/html,<script>alert(1)</script>

        [s](https://example.org "title\" onmouseover=alert(1) x=\"") `<script>alert(1)</script>`

        ```html
        <script>alert(1)</script>
        ```

        | a | b |
        |---|---|
        | <script>alert(1)</script> | <img src=x onerror=alert(1)> |

        ::: x" onclick="alert(1)
        boo
        :::

        &lt;script&gt;alert(1)&lt;/script&gt; &#60;script&#62;alert(1)&#60;/script&#62; \u003cscript\u003e %3Cscript%3E
        ＜script＞alert(1)＜/script＞ <scr<script>ipt>alert(1)</scr</script>ipt> <!-- <script>alert(1)</script> -->
        <details open ontoggle=alert(1)> <a href="javascript:alert(1)">raw</a> <a href="#" onclick="alert(1)">raw2</a>

        ## Insertion

        [safe link](https://example.org/a?b=1&c=2#d) and [a section](#insertion).
        """;

    private readonly SiteFactory _site = new();

    public void Dispose() => _site.Dispose();

    [Fact]
    public async Task A_file_hostile_in_every_field_is_served_inert_on_every_page_that_shows_it()
    {
        _site.WriteContent("muscles/hostile.md", $"""
            ---
            title: "Hostile </title><script>alert('title')</script>"
            type: muscle
            latin: "<img src=x onerror=alert('latin')>"
            pronunciation: "\"><svg onload=alert('pron')>"
            aliases: ["<script>alert('alias')</script>", "javascript:alert(1)"]
            summary: "</script><script>alert('summary')</script> \" onmouseover=\"alert(1)"
            key_facts:
              origin: "[x](javascript:alert('fact')) <script>alert('fact')</script>"
              insertion: "![y](data:image/svg+xml,<svg onload=alert(1)>)"
            relations:
              innervated_by: [tibial-nerve]
            sources: ["<script>alert('source')</script>", "[z](vbscript:msgbox(1)) <a href=javascript:alert(1)>q</a>"]
            updated: 2026-11-21
            ---

            {Body}
            """);
        var client = await _site.ReadyClientAsync();
        var problems = string.Join("\n", _site.LogLines.Where(line => line.Contains("Error: Content problem muscles/hostile.md", StringComparison.Ordinal)));
        Assert.True(problems.Length == 0, $"the hostile file was refused, so nothing was tested:\n{problems}");

        foreach (var path in new[] { "/anatomy/hostile", "/anatomy", "/anatomy/tibial-nerve", "/" })
        {
            var response = await client.GetAsync(new Uri(path, UriKind.Relative));
            Assert.Equal(HttpStatusCode.OK, response.StatusCode);
            Assert.Contains("script-src 'self'", response.Headers.GetValues("Content-Security-Policy").Single(), StringComparison.Ordinal);
            AssertInert(await Html.ParseAsync(response), path);
        }

        var article = await client.GetStringAsync(new Uri("/anatomy/hostile", UriKind.Relative));
        Assert.Contains("&lt;script&gt;alert(&#x27;title&#x27;)&lt;/script&gt;", article, StringComparison.Ordinal);
        Assert.Contains("safe link", article, StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_huge_file_is_refused_with_a_clear_message_and_the_rest_of_the_site_works()
    {
        _site.WriteContent("muscles/huge.md", "---\ntitle: Huge\ntype: muscle\n---\n\n## Origin\n\n" + string.Concat(Enumerable.Repeat("Lorem ipsum dolor sit amet. ", 30_000)));
        var client = await _site.ReadyClientAsync();

        Assert.Equal(HttpStatusCode.NotFound, (await client.GetAsync(new Uri("/anatomy/huge", UriKind.Relative))).StatusCode);
        Assert.Contains(_site.LogLines, line => line.Contains("muscles/huge.md:1: the file is", StringComparison.Ordinal) && line.Contains("the limit is 512 KiB", StringComparison.Ordinal));
        Assert.Equal(HttpStatusCode.OK, (await client.GetAsync(new Uri("/anatomy/gastrocnemius", UriKind.Relative))).StatusCode);
    }

    [Fact]
    public async Task Deeply_nested_input_never_takes_the_site_down()
    {
        var nested = string.Concat(Enumerable.Repeat("> ", 3_000)) + "deep\n\n" +
            string.Concat(Enumerable.Repeat("- ", 2_000)) + "list\n\n" +
            string.Concat(Enumerable.Repeat("[", 5_000)) + "x" + string.Concat(Enumerable.Repeat("](javascript:alert(1))", 5_000)) + "\n\n" +
            string.Concat(Enumerable.Repeat("*", 10_000)) + "emphasis" + string.Concat(Enumerable.Repeat("*", 10_000)) + "\n";
        _site.WriteContent("muscles/nested.md", $"---\ntitle: Nested\ntype: muscle\n---\n\n## Origin\n\n{nested}");
        var client = await _site.ReadyClientAsync();

        var response = await client.GetAsync(new Uri("/anatomy/nested", UriKind.Relative));

        if (response.StatusCode == HttpStatusCode.OK)
        {
            AssertInert(await Html.ParseAsync(response), "/anatomy/nested");
        }
        else
        {
            Assert.Equal(HttpStatusCode.NotFound, response.StatusCode);
            Assert.Contains(_site.LogLines, line => line.Contains("muscles/nested.md", StringComparison.Ordinal));
        }

        Assert.Equal(HttpStatusCode.OK, (await client.GetAsync(new Uri("/anatomy/soleus", UriKind.Relative))).StatusCode);
        Assert.Equal(HttpStatusCode.OK, (await client.GetAsync(new Uri("/healthz", UriKind.Relative))).StatusCode);
    }

    /// <summary>The document as a browser builds it: only the site's own script files, no other way to run
    /// code (event attributes, script-capable URLs, plugins, frames, base or refresh tricks), no injected styles.</summary>
    private static void AssertInert(IDocument page, string path)
    {
        foreach (var script in page.QuerySelectorAll("script"))
        {
            var ownFile = script.GetAttribute("src") is { } src && src.StartsWith("/js/", StringComparison.Ordinal);
            var data = script.GetAttribute("type") == "application/ld+json" && !script.HasAttribute("src");
            Assert.True(ownFile || data, $"{path}: foreign script {script.OuterHtml}");
        }

        // The site's own atlas plates (validated SVG, inlined in the Figures section) are the only SVG allowed.
        Assert.DoesNotContain(page.QuerySelectorAll("style, [style], iframe, frame, object, embed, base, meta[http-equiv], svg, math, applet"), e => e.Closest("#figures .plate-frame") is null);
        // The site's own GET forms (search, browse filters) only: no form an injection could have added.
        Assert.All(page.QuerySelectorAll("form"), form =>
        {
            var action = form.GetAttribute("action") ?? "";
            Assert.True(action.StartsWith('/') && !action.StartsWith("//", StringComparison.Ordinal), $"{path}: form action '{action}'");
            Assert.NotEqual("post", form.GetAttribute("method")?.ToLowerInvariant());
        });
        foreach (var element in page.All)
        {
            foreach (var attribute in element.Attributes)
            {
                Assert.False(attribute.Name.StartsWith("on", StringComparison.OrdinalIgnoreCase), $"{path}: {attribute.Name} on <{element.LocalName}>");
                if (attribute.Name is "href" or "src" or "action" or "formaction" or "srcset" or "xlink:href" or "data" or "poster")
                {
                    Assert.True(IsSafeUrl(attribute.Value), $"{path}: {attribute.Name}=\"{attribute.Value}\" on <{element.LocalName}>");
                }
            }
        }
    }

    /// <summary>As a browser reads a URL: control characters and whitespace are ignored, and only letters,
    /// digits, "+", "-" and "." before the first ":" make a scheme ("java%73cript:" is a relative path).</summary>
    private static bool IsSafeUrl(string url)
    {
        var compact = new string(url.Where(c => c > ' ' && c != '\u007f').ToArray());
        var colon = compact.IndexOf(':', StringComparison.Ordinal);
        if (colon <= 0 || !char.IsAsciiLetter(compact[0]) || !compact[..colon].All(c => char.IsAsciiLetterOrDigit(c) || c is '+' or '-' or '.'))
        {
            return true; // relative
        }

        return compact[..colon].ToLowerInvariant() is "http" or "https" or "mailto";
    }
}
