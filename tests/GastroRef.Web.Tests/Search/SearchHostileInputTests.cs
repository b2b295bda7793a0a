using System.Net;
using GastroRef.Web.Infrastructure;
using GastroRef.Web.Search;
using GastroRef.Web.Tests.Infrastructure;

namespace GastroRef.Web.Tests.Search;

/// <summary>User text never reaches FTS5 as syntax: every one of a few hundred generated nasty strings gets a 200
/// (results or none) or, past 200 characters, a 400 with a message. Never a 5xx, on the page or the API.</summary>
public sealed class SearchHostileInputTests(SiteFactory site) : IClassFixture<SiteFactory>
{
    private static readonly string[] Fragments =
    [
        "\"", "\"\"", "\"\"\"", "'", "''", "*", "**", "^", ":", "::", "(", ")", "()", ")(", "{", "}", "{}", "[", "]", "-", "--", "+", "~", "|", "&", "$",
        "NEAR", "NEAR(", "NEAR()", "NEAR/2", "NEAR(a b, 3)", "AND", "OR", "NOT", "and", "or", "not", "AND OR NOT", "NOT NOT",
        "title:", "title:soleus", "{title}:", "{title aliases}: soleus", "- soleus", "body:", "kind:kmuscle", "kmuscle", "rank", "bm25(", "rowid",
        "soleus*", "*soleus", "so*leus", "^soleus", "soleus^", "\"soleus", "soleus\"", "(soleus", "soleus)", "\"unbalanced ( quote",
        "NEAR(soleus gastrocnemius, 2)", "soleus NOT gastrocnemius", "-soleus", "+soleus", "soleus^2", "col:umn:soleus", "soleus AND",
        "c++", "c#", "left-ventricle", "don't", "Achilles'", "\\", "\\\\", "%", "_", ";", "/*", "*/", "' OR 1=1 --", "\"; DROP TABLE Structures; --",
        "1; DELETE FROM SearchStructures", "') OR ('a'='a", "<script>alert(1)</script>", "<mark>x</mark>", "</mark>", "<img src=x onerror=alert(1)>",
        "&amp;", "&lt;mark&gt;", "&#60;", "\u0001", "\u0002", "\u0003", "\u0007", "\t", "\n", "\r\n", "\u000B", "\u001F", "\u007F",
        "\u200B", "\u200D", "\u200E", "\u202E", "\u2066", "\uFEFF", "\u00A0", "\u3000", "\uFFFD", "\uFFFF",
        "🙂", "🦵🏽", "👨‍👩‍👧", "🏳️‍🌈", "ｓｏｌｅｕｓ", "ﬁbula", "Σόλεος", "камбаловидная", "比目鱼肌", "ساق الساق", "e\u0301", "\u0301", "\u0301\u0301\u0301",
        "𝐬𝐨𝐥𝐞𝐮𝐬", "Ⓢⓞⓛⓔⓤⓢ", "ß", "İstanbul", "ǅ", "½", "²", "S1–S2", "L5—S1", "soleus", "gastrocnemius", "calf muscle", "1", "0", "-1", "1e308",
        "NaN", "null", "undefined", "true", "%s%s%s%s", "{0}", "${x}", "#{x}", "..", "../../etc/passwd", "http://example.com/?a=b", "javascript:alert(1)",
        "a", "aa", "the", "of the", "x y z", "?", "!", ".", ",", "@", "`", "´", "¨",
    ];

    /// <summary>Percent-encoded bytes that are not valid UTF-8: the server must cope with what it decodes them to.</summary>
    private static readonly string[] RawEncoded = ["%FF%FE", "%C0%AF", "%ED%A0%80", "%00", "soleus%00gastrocnemius", "%E2%80", "%F0%9F", "%", "%%", "%zz", "%u0041"];

    public static IEnumerable<string> NastyStrings()
    {
        var all = new List<string>(Fragments);
        for (var i = 0; i < Fragments.Length; i++)
        {
            // Pairs at fixed strides: operators next to words, markup next to quotes, emoji next to controls.
            all.Add(Fragments[i] + " " + Fragments[(i * 7 + 3) % Fragments.Length]);
            all.Add(Fragments[i] + Fragments[(i * 13 + 5) % Fragments.Length] + "soleus");
        }

        all.AddRange(
        [
            new string('(', 199), new string('"', 200), new string('*', 200), string.Join(" ", Enumerable.Repeat("AND", 50)),
            string.Join(" ", Enumerable.Repeat("soleus", 33)), string.Join(" OR ", Enumerable.Repeat("\"a\"", 30)),
            string.Concat(Enumerable.Repeat("🙂", 100)), string.Concat(Enumerable.Repeat("e\u0301", 100)), new string('a', 199) + "*",
            new string('x', 200), new string('x', 201), new string('y', 1000), new string('z', 20_000), string.Join(" ", Enumerable.Range(0, 60).Select(i => $"w{i}")),
        ]);
        return all.Distinct(StringComparer.Ordinal);
    }

    [Fact]
    public void The_generated_set_is_large()
    {
        Assert.True(NastyStrings().Count() >= 200, $"only {NastyStrings().Count()} nasty strings");
    }

    [Fact]
    public async Task No_nasty_string_makes_the_search_page_the_api_or_suggestions_fail()
    {
        var client = await site.ReadyClientAsync();
        var failures = new List<string>();
        foreach (var text in NastyStrings())
        {
            var q = Uri.EscapeDataString(text);
            foreach (var path in new[] { "/api/search?q=", "/api/suggest?q=", "/search?q=", "/api/search?type=muscle&q=" })
            {
                var response = await client.GetAsync(new Uri(path + q, UriKind.Relative));
                // Past the site-wide query-string limit the address itself is refused (414) before search sees it.
                var expected = (path + q).Length - path.IndexOf('?', StringComparison.Ordinal) - 1 > RequestLimits.MaxQueryStringLength ? HttpStatusCode.RequestUriTooLong
                    : text.Length > SearchText.MaxQueryLength ? HttpStatusCode.BadRequest
                    : HttpStatusCode.OK;
                if (response.StatusCode != expected)
                {
                    failures.Add($"{path}{Shorten(q)} → {(int)response.StatusCode}");
                }
            }
        }

        Assert.True(failures.Count == 0, string.Join("\n", failures));
    }

    [Fact]
    public async Task Bytes_that_are_not_utf8_are_answered_too()
    {
        var client = await site.ReadyClientAsync();
        foreach (var raw in RawEncoded)
        {
            foreach (var path in new[] { "/api/search?q=", "/api/suggest?q=", "/search?q=" })
            {
                var response = await client.GetAsync(new Uri(path + raw, UriKind.Relative));
                Assert.True((int)response.StatusCode < 500, $"{path}{raw} → {(int)response.StatusCode}");
            }
        }
    }

    [Fact]
    public async Task Markup_in_the_query_is_shown_as_text_on_the_page()
    {
        var client = await site.ReadyClientAsync();
        var html = await client.GetStringAsync(new Uri("/search?q=" + Uri.EscapeDataString("<script>alert(1)</script> soleus"), UriKind.Relative));

        Assert.DoesNotContain("<script>alert(1)</script>", html, StringComparison.Ordinal);
        Assert.Contains("&lt;script&gt;alert(1)&lt;/script&gt;", html, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Hostile_input_leaves_no_errors_in_the_log()
    {
        var client = await site.ReadyClientAsync();
        foreach (var text in NastyStrings().Take(80))
        {
            await client.GetAsync(new Uri("/api/search?q=" + Uri.EscapeDataString(text), UriKind.Relative));
        }

        Assert.DoesNotContain(site.LogLines, line => line.StartsWith("Error", StringComparison.Ordinal) || line.StartsWith("Critical", StringComparison.Ordinal) ||
            line.Contains("rejected by FTS5", StringComparison.Ordinal));
    }

    private static string Shorten(string text) => text.Length <= 60 ? text : text[..60] + "…";
}
