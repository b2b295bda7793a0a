using AngleSharp.Html.Parser;

namespace GastroRef.Content.Tests;

/// <summary>Hostile Markdown must render with nothing that runs: no tags, no event attributes,
/// no script-capable URLs, however they are spelled.</summary>
public sealed class MarkdownSafetyTests
{
    public static TheoryData<string> HostileInputs() =>
    [
        "<script>alert(1)</script>",
        "<SCRIPT SRC=//evil.example/x.js></SCRIPT>",
        "<style>body{display:none}</style>",
        "<img src=x onerror=alert(1)>",
        "<svg onload=alert(1)>",
        "<iframe src=\"javascript:alert(1)\"></iframe>",
        "[a](javascript:alert(1))",
        "[a](JaVaScRiPt:alert(1))",
        "[a]( javascript:alert(1) )",
        "[a](<javascript:alert(1)>)",
        "[a](java&#115;cript:alert(4))",
        "[a](&#106;&#97;&#118;&#97;&#115;&#99;&#114;&#105;&#112;&#116;&#58;alert(1))",
        "[a](java%73cript:alert(1))",
        "[a](java\tscript:alert(1))",
        "[a](vbscript:msgbox(1))",
        "[a](data:text/html;base64,PHNjcmlwdD5hbGVydCgxKTwvc2NyaXB0Pg==)",
        "![i](javascript:alert(2))",
        "![i](data:image/svg+xml,<svg onload=alert(1)>)",
        "<javascript:alert(3)>",
        "<vbscript:msgbox(1)>",
        "[ref]\n\n[ref]: javascript:alert(1)",
        "[ref][r]\n\n[r]: data:text/html,<script>alert(1)</script>",
        "## H {onclick=alert(5)}",
        "## H {#ok onclick=alert(5)}",
        "[a](https://example.org \"title\\\" onmouseover=alert(1) x=\\\"\")",
        "`<script>alert(1)</script>`",
        "```html\n<script>alert(1)</script>\n```",
        "::: x\" onclick=\"alert(1)\nboo\n:::",
        "| a |\n|---|\n| <script>alert(1)</script> |",
        "[a](https://example.org)<!-- <script>alert(1)</script> -->",
        "&lt;script&gt;alert(1)&lt;/script&gt;",
        "<a href=\"javascript:alert(1)\">x</a>",
        "<details open ontoggle=alert(1)>",
    ];

    [Theory]
    [MemberData(nameof(HostileInputs))]
    public void Hostile_markdown_renders_inert(string markdown)
    {
        using var folder = new ContentFolder().With("muscles/hostile.md", ContentFolder.Muscle(body: "## Origin\n\n" + markdown + "\n"));

        var content = folder.Load();

        var document = Assert.Single(content.Documents);
        var html = string.Concat(document.Lead.Html, string.Concat(document.Sections.Select(s => s.Html)));
        AssertInert(html);
    }

    [Theory]
    [MemberData(nameof(HostileInputs))]
    public void Hostile_key_facts_and_sources_render_inert(string markdown)
    {
        var line = markdown.Replace("\n", " ", StringComparison.Ordinal).Replace("'", "''", StringComparison.Ordinal);
        using var folder = new ContentFolder().With("muscles/hostile.md", ContentFolder.Muscle(extraFrontMatter: $"key_facts:\n  origin: '{line}'\n"));

        var document = Assert.Single(folder.Load().Documents);
        AssertInert(Assert.Single(document.KeyFacts).Html);
    }

    [Theory]
    [InlineData("http://example.org", true)]
    [InlineData("https://example.org/a?b#c", true)]
    [InlineData("mailto:editor@example.org", true)]
    [InlineData("../nerves/tibial-nerve.md#branches", true)]
    [InlineData("#origin", true)]
    [InlineData("/anatomy/soleus", true)]
    [InlineData("javascript:alert(1)", false)]
    [InlineData(" JAVASCRIPT:alert(1)", false)]
    [InlineData("java\nscript:alert(1)", false)]
    [InlineData("java&#x73;cript:alert(1)", false)]
    [InlineData("data:text/html,x", false)]
    [InlineData("vbscript:x", false)]
    [InlineData("file:///etc/passwd", false)]
    [InlineData("ftp://example.org", false)]
    public void Only_http_https_mailto_and_relative_urls_are_allowed(string url, bool allowed) =>
        Assert.Equal(allowed, ContentMarkdown.IsAllowedUrl(url));

    [Fact]
    public void A_removed_link_keeps_its_text_and_is_reported_as_a_warning()
    {
        using var folder = new ContentFolder().With("muscles/x.md", ContentFolder.Muscle(body: "## Origin\n\nSee [the femur](javascript:alert(1)) now.\n"));

        var content = folder.Load();

        Assert.Contains("See the femur now.", Assert.Single(content.Documents).Sections[0].Text, StringComparison.Ordinal);
        var warning = Assert.Single(content.Problems, p => p.Message.Contains("removed", StringComparison.Ordinal));
        Assert.Equal((ProblemSeverity.Warning, 11), (warning.Severity, warning.Line));
    }

    [Fact]
    public void A_file_over_the_size_limit_is_refused_with_a_clear_message()
    {
        using var folder = new ContentFolder().With("muscles/huge.md", ContentFolder.Muscle(body: new string('a', ContentMarkdown.MaxFileBytes + 10)));

        var content = folder.Load();

        Assert.Empty(content.Documents);
        Assert.Contains("the limit is 512 KiB", Assert.Single(content.Problems).Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Deeply_nested_input_never_throws()
    {
        var body = "## Origin\n\n" + string.Concat(Enumerable.Repeat("> ", 5_000)) + "deep\n\n" + string.Concat(Enumerable.Repeat("- ", 3_000)) + "x\n";
        using var folder = new ContentFolder().With("muscles/deep.md", ContentFolder.Muscle(body: body));

        var content = folder.Load();

        if (content.Documents.Count == 1)
        {
            AssertInert(content.Documents[0].Sections[0].Html);
        }
        else
        {
            Assert.Contains(content.Problems, p => p.Path == "muscles/deep.md");
        }
    }

    /// <summary>Parses the HTML as a browser would and looks at what it would actually build.</summary>
    private static void AssertInert(string html)
    {
        var document = new HtmlParser().ParseDocument($"<body>{html}</body>");
        var allowedTags = new HashSet<string>(StringComparer.Ordinal)
        {
            "html", "head", "body", "p", "a", "em", "strong", "code", "pre", "ul", "ol", "li", "blockquote", "h2", "h3", "h4",
            "table", "thead", "tbody", "tr", "th", "td", "br", "hr", "div", "del", "sub", "sup", "ins", "mark", "img",
        };
        foreach (var element in document.All)
        {
            Assert.True(allowedTags.Contains(element.LocalName), $"unexpected <{element.LocalName}> in {html}");
            foreach (var attribute in element.Attributes)
            {
                Assert.False(attribute.Name.StartsWith("on", StringComparison.OrdinalIgnoreCase), $"event attribute {attribute.Name} in {html}");
                Assert.NotEqual("style", attribute.Name);
                if (attribute.Name is "href" or "src")
                {
                    Assert.True(ContentMarkdown.IsAllowedUrl(attribute.Value), $"unsafe URL survived: {attribute.Value}");
                }
            }
        }
    }
}
