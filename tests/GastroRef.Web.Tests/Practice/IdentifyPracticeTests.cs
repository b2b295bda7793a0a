using System.IO.Compression;
using System.Net;
using System.Text.Json;
using GastroRef.Web.Tests.Infrastructure;
using Microsoft.Data.Sqlite;

namespace GastroRef.Web.Tests.Practice;

/// <summary>Identify-on-a-plate questions through the API, the set page, the worksheet and the Anki deck: the plate
/// and highlight are named for programs; the page shows the plate without naming the answer on any shape.</summary>
public sealed class IdentifyPracticeTests(SiteFactory site) : IClassFixture<SiteFactory>
{
    private static readonly string[] Asked = ["soleus", "tibial-nerve"];

    private const string Query = "structures=soleus,tibial-nerve&kinds=identify&count=100&seed=3";

    [Fact]
    public async Task The_api_names_the_plate_and_the_highlighted_structure()
    {
        using var client = await site.ReadyClientAsync();
        using var json = JsonDocument.Parse(await client.GetStringAsync($"/api/practice?{Query}"));
        var questions = json.RootElement.GetProperty("questions").EnumerateArray().ToList();
        Assert.NotEmpty(questions);
        foreach (var question in questions)
        {
            Assert.Equal("identify", question.GetProperty("kind").GetString());
            var plate = question.GetProperty("plate").GetString();
            var highlight = question.GetProperty("highlight").GetString();
            Assert.Equal(highlight, question.GetProperty("structures")[0].GetString());
            Assert.Contains(highlight, Asked);
            using var atlas = await client.GetAsync($"/atlas/{plate}?highlight={highlight}");
            Assert.Equal(HttpStatusCode.OK, atlas.StatusCode);
            Assert.Single(question.GetProperty("choices").EnumerateArray(), c => c.GetProperty("correct").GetBoolean());
        }

        // Both ways of asking: name the highlighted shape, and click the named one.
        Assert.Contains(questions, q => !q.TryGetProperty("answer", out _) && q.GetProperty("prompt").GetString()!.StartsWith("Which structure is highlighted", StringComparison.Ordinal));
        Assert.Contains(questions, q => q.TryGetProperty("answer", out var answer) && answer.GetString() == "click"
            && q.GetProperty("prompt").GetString()!.StartsWith("Click ", StringComparison.Ordinal));

        // Other kinds carry no plate.
        using var recall = JsonDocument.Parse(await client.GetStringAsync("/api/practice?structures=soleus&kinds=recall&count=5&seed=1"));
        Assert.All(recall.RootElement.GetProperty("questions").EnumerateArray(), q => Assert.False(q.TryGetProperty("plate", out _)));
    }

    [Fact]
    public async Task The_set_page_shows_the_plate_without_naming_the_answer_on_any_shape()
    {
        using var client = await site.ReadyClientAsync();
        using var json = JsonDocument.Parse(await client.GetStringAsync($"/api/practice?{Query}"));
        var questions = json.RootElement.GetProperty("questions").EnumerateArray().ToDictionary(q => q.GetProperty("id").GetString()!);
        using var response = await client.GetAsync($"/practice/set?{Query}");
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        var page = await Html.ParseAsync(response);
        var items = page.QuerySelectorAll(".practice-item");
        Assert.Equal(questions.Count, items.Length);
        foreach (var item in items)
        {
            var question = questions[item.GetAttribute("data-id")!];
            var answer = question.GetProperty("choices").EnumerateArray().Single(c => c.GetProperty("correct").GetBoolean()).GetProperty("text").GetString()!;
            var svg = item.QuerySelector("[data-practice-plate] svg");
            Assert.NotNull(svg);
            Assert.Empty(svg.QuerySelectorAll("[data-structure], [data-label-for], title"));
            // The only text naming the answer is its own label, hidden until the reader has answered.
            var naming = svg.QuerySelectorAll("text").Where(t => t.TextContent.Contains(answer, StringComparison.OrdinalIgnoreCase)).ToList();
            Assert.All(naming, t => Assert.NotNull(t.Closest(".practice-label")));
            Assert.DoesNotContain(svg.QuerySelectorAll("[aria-label]"), e => e.GetAttribute("aria-label")!.Contains(answer, StringComparison.OrdinalIgnoreCase));

            if (question.TryGetProperty("answer", out _))
            {
                var shapes = svg.QuerySelectorAll("a[data-practice-shape]");
                Assert.True(shapes.Length >= 4);
                Assert.All(shapes, s => Assert.Matches("^Structure \\d+$", s.GetAttribute("aria-label")));
                Assert.Contains(shapes, s => s.GetAttribute("data-correct") == "true");
                Assert.Empty(item.QuerySelectorAll("input[type=radio]"));
            }
            else
            {
                Assert.Equal("img", svg.GetAttribute("role"));
                Assert.NotEmpty(svg.QuerySelectorAll("g.is-highlighted"));
                Assert.Empty(svg.QuerySelectorAll("a"));
                Assert.Equal(4, item.QuerySelectorAll("input[type=radio]").Length);
            }
        }
    }

    [Fact]
    public async Task The_worksheet_prints_the_plate_and_puts_the_answer_in_the_key_without_script()
    {
        using var client = await site.ReadyClientAsync();
        using var response = await client.GetAsync($"/practice/worksheet?{Query}");
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        var page = await Html.ParseAsync(response);
        Assert.Empty(page.QuerySelectorAll("script[src*='practice']"));
        var questions = page.QuerySelectorAll(".worksheet-question");
        Assert.NotEmpty(questions);
        Assert.All(questions, q => Assert.NotNull(q.QuerySelector(".worksheet-figure svg")));
        Assert.Contains(questions, q => q.QuerySelector(".practice-prompt")!.TextContent.StartsWith("Circle ", StringComparison.Ordinal));
        Assert.Contains(questions, q => q.QuerySelector("svg g.is-highlighted") is not null && q.QuerySelectorAll(".worksheet-choices li").Length == 4);
        var key = page.QuerySelectorAll(".answer-key li");
        Assert.Equal(questions.Length, key.Length);
        Assert.Contains(key, k => k.QuerySelector("a[href^='/atlas/']") is not null && k.TextContent.Contains("Soleus", StringComparison.Ordinal));
    }

    [Fact]
    public async Task The_anki_deck_leaves_plate_questions_out_and_the_page_says_so()
    {
        using var client = await site.ReadyClientAsync();
        const string all = "structures=soleus&kinds=recall,reverse,lesion,matching,identify&count=100&seed=1";
        using var json = JsonDocument.Parse(await client.GetStringAsync($"/api/practice?{all}"));
        var questions = json.RootElement.GetProperty("questions").EnumerateArray().ToList();
        Assert.Contains(questions, q => q.GetProperty("kind").GetString() == "identify");
        var expected = questions.Where(q => q.GetProperty("kind").GetString() != "identify").Select(q => q.GetProperty("id").GetString()!).Order().ToList();

        var folder = Path.Combine(Path.GetTempPath(), "gastroref-anki-identify-" + Guid.NewGuid().ToString("N"));
        try
        {
            using (var zip = new ZipArchive(await client.GetStreamAsync($"/api/practice/anki?{all}")))
            {
                zip.ExtractToDirectory(folder);
            }

            var guids = new List<string>();
            using (var db = new SqliteConnection($"Data Source={Path.Combine(folder, "collection.anki2")};Mode=ReadOnly;Pooling=False"))
            {
                db.Open();
                using var command = db.CreateCommand();
                command.CommandText = "SELECT guid FROM notes";
                using var reader = command.ExecuteReader();
                while (reader.Read())
                {
                    guids.Add(reader.GetString(0));
                }
            }

            Assert.Equal(expected, guids.Order().ToList());
        }
        finally
        {
            Directory.Delete(folder, recursive: true);
        }

        var page = await Html.ParseAsync(await client.GetAsync($"/practice/set?{all}"));
        Assert.Contains("without the plate questions", page.QuerySelector("a[href^='/api/practice/anki']")!.TextContent, StringComparison.Ordinal);
    }
}
