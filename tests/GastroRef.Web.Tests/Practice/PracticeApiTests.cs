using System.IO.Compression;
using System.Net;
using System.Text.Json;
using GastroRef.Web.Practice;
using GastroRef.Web.Tests.Infrastructure;
using Microsoft.Data.Sqlite;

namespace GastroRef.Web.Tests.Practice;

/// <summary>/api/practice, /api/practice/anki and the set and worksheet pages: same address, same questions;
/// bad parameters 400 with what is wrong; an Anki package that opens as a collection.</summary>
public sealed class PracticeApiTests(SiteFactory site) : IClassFixture<SiteFactory>
{
    private static readonly string[] AskedKinds = ["recall", "reverse", "lesion", "matching"];
    private static readonly string[] AskedStructures = ["soleus", "tibial-nerve", "gastrocnemius"];
    private static readonly string[] ExampleKinds = ["recall", "reverse"];

    private const string Query = "structures=soleus,tibial-nerve,gastrocnemius&kinds=recall,reverse,lesion,matching&count=8&seed=7";

    [Fact]
    public async Task The_same_address_gives_the_same_questions_and_another_seed_another_order()
    {
        using var client = await site.ReadyClientAsync();
        var first = await client.GetStringAsync($"/api/practice?{Query}");
        var second = await client.GetStringAsync($"/api/practice?{Query}");
        Assert.Equal(first, second);

        using var json = JsonDocument.Parse(first);
        var questions = json.RootElement.GetProperty("questions").EnumerateArray().ToList();
        Assert.Equal(8, questions.Count);
        foreach (var question in questions)
        {
            Assert.Matches("^[0-9a-f]{16}$", question.GetProperty("id").GetString());
            Assert.Contains(question.GetProperty("kind").GetString(), AskedKinds);
            Assert.False(string.IsNullOrWhiteSpace(question.GetProperty("prompt").GetString()));
            Assert.Contains(question.GetProperty("choices").EnumerateArray(), c => c.GetProperty("correct").GetBoolean());
            Assert.All(question.GetProperty("choices").EnumerateArray(), c => Assert.False(string.IsNullOrEmpty(c.GetProperty("text").GetString())));
            Assert.StartsWith("/anatomy/", question.GetProperty("learnMore").GetString(), StringComparison.Ordinal);
            Assert.Contains(question.GetProperty("structures")[0].GetString(), AskedStructures);
        }

        var other = await client.GetStringAsync($"/api/practice?{Query.Replace("seed=7", "seed=8", StringComparison.Ordinal)}");
        Assert.NotEqual(first, other);

        // A question keeps its id from set to set.
        var ids = questions.Select(q => q.GetProperty("id").GetString()).ToHashSet();
        using var all = JsonDocument.Parse(await client.GetStringAsync("/api/practice?structures=soleus,tibial-nerve,gastrocnemius&count=100&seed=1"));
        Assert.Subset(all.RootElement.GetProperty("questions").EnumerateArray().Select(q => q.GetProperty("id").GetString()).ToHashSet(), ids);
    }

    [Fact]
    public async Task The_example_of_the_documentation_answers_with_recall_and_reverse_questions()
    {
        using var client = await site.ReadyClientAsync();
        using var json = JsonDocument.Parse(await client.GetStringAsync("/api/practice?structures=soleus,tibial-nerve&kinds=recall,reverse&count=20&seed=7"));
        var questions = json.RootElement.GetProperty("questions").EnumerateArray().ToList();
        Assert.NotEmpty(questions);
        Assert.Contains(questions, q => q.GetProperty("prompt").GetString() == "Which nerve supplies soleus?"
            && q.GetProperty("learnMore").GetString() == "/anatomy/soleus#innervation"
            && q.GetProperty("choices").EnumerateArray().Single(c => c.GetProperty("correct").GetBoolean()).GetProperty("text").GetString() == "Tibial nerve");
        Assert.All(questions, q => Assert.Contains(q.GetProperty("kind").GetString(), ExampleKinds));
    }

    [Theory]
    [InlineData("structures=soleus,no-such-muscle", "no-such-muscle", "unknownStructures")]
    [InlineData("kinds=recall,essay", "essay", "unknownKinds")]
    [InlineData("count=0", "count", null)]
    [InlineData("count=101", "count", null)]
    [InlineData("count=ten", "count", null)]
    [InlineData("seed=-3", "seed", null)]
    public async Task Bad_parameters_get_400_problem_details_that_name_them(string query, string named, string? list)
    {
        using var client = await site.ReadyClientAsync();
        foreach (var path in new[] { "/api/practice", "/api/practice/anki" })
        {
            using var response = await client.GetAsync($"{path}?{query}");
            Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
            Assert.Equal("application/problem+json", response.Content.Headers.ContentType?.MediaType);
            using var problem = JsonDocument.Parse(await response.Content.ReadAsStringAsync());
            Assert.Contains(named, problem.RootElement.GetProperty("detail").GetString(), StringComparison.Ordinal);
            if (list is not null)
            {
                Assert.Equal([named], problem.RootElement.GetProperty(list).EnumerateArray().Select(e => e.GetString()));
            }
        }

        // The set page says the same on a full address with one bad part.
        var parts = new Dictionary<string, string> { ["structures"] = "soleus", ["kinds"] = "recall", ["count"] = "5", ["seed"] = "1" };
        var (key, value) = (query.Split('=')[0], query.Split('=')[1]);
        parts[key] = value;
        using var page = await client.GetAsync("/practice/set?" + string.Join("&", parts.Select(p => $"{p.Key}={p.Value}")));
        Assert.Equal(HttpStatusCode.BadRequest, page.StatusCode);
        Assert.Contains(named, await page.Content.ReadAsStringAsync(), StringComparison.Ordinal);
    }

    [Fact]
    public async Task An_incomplete_set_address_redirects_to_the_full_one_and_the_full_one_lists_its_questions()
    {
        using var client = await site.ReadyClientAsync();
        using var redirect = await client.GetAsync("/practice/set?structures=soleus");
        Assert.Equal(HttpStatusCode.Redirect, redirect.StatusCode);
        var location = redirect.Headers.Location!.ToString();
        Assert.Matches(@"^/practice/set\?structures=soleus&kinds=recall,reverse,lesion,matching,identify&count=10&seed=\d+$", location);

        using var response = await client.GetAsync(location);
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        var page = await Html.ParseAsync(response);
        var items = page.QuerySelectorAll(".practice-item");
        Assert.NotEmpty(items);
        Assert.All(items, i => Assert.Equal("soleus", i.GetAttribute("data-subject")));
        // Without a script every answer is there behind "Show answer", with its link.
        Assert.All(items, i => Assert.NotNull(i.QuerySelector("details.practice-answer a[href^='/anatomy/soleus#']")));
        Assert.NotNull(page.QuerySelector($"a[href='/practice/worksheet?{location.Split('?')[1]}']"));
        Assert.NotNull(page.QuerySelector($"a[href='/api/practice/anki?{location.Split('?')[1]}']"));
        // The strict policy allows no inline script: only files.
        Assert.All(page.QuerySelectorAll("script"), s => Assert.False(string.IsNullOrEmpty(s.GetAttribute("src"))));
    }

    [Fact]
    public async Task The_chooser_sends_a_region_to_the_set_of_everything_in_it()
    {
        using var client = await site.ReadyClientAsync();
        using var chooser = await client.GetAsync("/practice");
        var form = (await Html.ParseAsync(chooser)).QuerySelector("form.practice-chooser")!;
        Assert.Equal("/practice/set", form.GetAttribute("action"));
        Assert.NotNull(form.QuerySelector("select[name=region] option[value=popliteal-fossa]"));

        using var redirect = await client.GetAsync("/practice/set?region=popliteal-fossa&kinds=recall&count=5");
        Assert.Equal(HttpStatusCode.Redirect, redirect.StatusCode);
        var location = redirect.Headers.Location!.ToString();
        Assert.Contains("structures=popliteal-fossa,", location, StringComparison.Ordinal);
        Assert.Contains("tibial-nerve", location, StringComparison.Ordinal);
        Assert.Contains("&kinds=recall&count=5&seed=", location, StringComparison.Ordinal);

        using var unknown = await client.GetAsync("/practice/set?region=nowhere");
        Assert.Equal(HttpStatusCode.BadRequest, unknown.StatusCode);
    }

    [Fact]
    public async Task Every_article_links_to_its_own_practice_set()
    {
        using var client = await site.ReadyClientAsync();
        using var response = await client.GetAsync("/anatomy/popliteus");
        var link = (await Html.ParseAsync(response)).QuerySelector(".test-yourself a")!;
        Assert.Equal("/practice/set?structures=popliteus", link.GetAttribute("href"));
        Assert.Equal("Test yourself on Popliteus", link.TextContent.Trim());
    }

    [Fact]
    public async Task The_worksheet_prints_the_questions_and_an_answer_key_without_script()
    {
        using var client = await site.ReadyClientAsync();
        using var api = JsonDocument.Parse(await client.GetStringAsync($"/api/practice?{Query}"));
        using var response = await client.GetAsync($"/practice/worksheet?{Query}");
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        var page = await Html.ParseAsync(response);
        Assert.Empty(page.QuerySelectorAll("script[src*='practice']"));
        var questions = page.QuerySelectorAll(".worksheet-question");
        var expected = api.RootElement.GetProperty("questions").EnumerateArray().ToList();
        Assert.Equal(expected.Count, questions.Length);
        for (var i = 0; i < expected.Count; i++)
        {
            Assert.Equal(expected[i].GetProperty("prompt").GetString(), questions[i].QuerySelector(".practice-prompt")!.TextContent.Trim());
        }

        var key = page.QuerySelectorAll(".answer-key li");
        Assert.Equal(expected.Count, key.Length);
        for (var i = 0; i < expected.Count; i++)
        {
            var right = expected[i].GetProperty("choices").EnumerateArray().Where(c => c.GetProperty("correct").GetBoolean()).ToList();
            if (expected[i].GetProperty("kind").GetString() != "matching")
            {
                Assert.All(right, c => Assert.Contains(c.GetProperty("text").GetString()!, key[i].TextContent, StringComparison.Ordinal));
            }

            Assert.EndsWith(expected[i].GetProperty("learnMore").GetString()!, key[i].QuerySelector("a")!.GetAttribute("href"), StringComparison.Ordinal);
        }
    }

    [Fact]
    public async Task The_anki_package_is_a_collection_with_one_note_per_question()
    {
        using var client = await site.ReadyClientAsync();
        using var api = JsonDocument.Parse(await client.GetStringAsync($"/api/practice?{Query}"));
        var expected = api.RootElement.GetProperty("questions").EnumerateArray().ToList();
        using var response = await client.GetAsync($"/api/practice/anki?{Query}");
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal("attachment", response.Content.Headers.ContentDisposition?.DispositionType);
        Assert.EndsWith(".apkg", response.Content.Headers.ContentDisposition?.FileNameStar ?? response.Content.Headers.ContentDisposition?.FileName?.Trim('"'), StringComparison.Ordinal);

        var folder = Path.Combine(Path.GetTempPath(), "gastroref-anki-test-" + Guid.NewGuid().ToString("N"));
        Directory.CreateDirectory(folder);
        try
        {
            using (var zip = new ZipArchive(await response.Content.ReadAsStreamAsync()))
            {
                Assert.Equal(["collection.anki2", "media"], zip.Entries.Select(e => e.FullName).Order());
                zip.ExtractToDirectory(folder);
            }

            Assert.Equal("{}", await File.ReadAllTextAsync(Path.Combine(folder, "media")));
            using var db = new SqliteConnection($"Data Source={Path.Combine(folder, "collection.anki2")};Mode=ReadOnly;Pooling=False");
            db.Open();
            Assert.Equal(["cards", "col", "graves", "notes", "revlog"], Strings(db, "SELECT name FROM sqlite_master WHERE type = 'table' ORDER BY name"));
            Assert.Equal(["11"], Strings(db, "SELECT ver FROM col"));

            using var models = JsonDocument.Parse(Strings(db, "SELECT models FROM col")[0]);
            var model = models.RootElement.GetProperty(AnkiPackage.ModelId.ToString(System.Globalization.CultureInfo.InvariantCulture));
            Assert.Equal(["Front", "Back", "Link"], model.GetProperty("flds").EnumerateArray().Select(f => f.GetProperty("name").GetString()));
            using var decks = JsonDocument.Parse(Strings(db, "SELECT decks FROM col")[0]);
            Assert.Equal(AnkiPackage.DeckName, decks.RootElement.GetProperty(AnkiPackage.DeckId.ToString(System.Globalization.CultureInfo.InvariantCulture)).GetProperty("name").GetString());

            var notes = Rows(db, "SELECT guid, mid, tags, flds, sfld, csum, id FROM notes ORDER BY id");
            Assert.Equal(expected.Count, notes.Count);
            for (var i = 0; i < expected.Count; i++)
            {
                var (question, note) = (expected[i], notes[i]);
                Assert.Equal(question.GetProperty("id").GetString(), note[0]);
                Assert.Equal(AnkiPackage.ModelId.ToString(System.Globalization.CultureInfo.InvariantCulture), note[1]);
                var tags = note[2].Trim().Split(' ');
                Assert.Contains($"kind::{question.GetProperty("kind").GetString()}", tags);
                Assert.Contains($"structure::{question.GetProperty("structures")[0].GetString()}", tags);
                Assert.Contains(tags, t => t.StartsWith("region::", StringComparison.Ordinal));
                var fields = note[3].Split('\x1f');
                Assert.Equal(3, fields.Length);
                Assert.Contains(System.Net.WebUtility.HtmlEncode(question.GetProperty("prompt").GetString()!), fields[0], StringComparison.Ordinal);
                Assert.Contains(question.GetProperty("learnMore").GetString()!, fields[2], StringComparison.Ordinal);
                Assert.Equal(AnkiPackage.Checksum(note[4]).ToString(System.Globalization.CultureInfo.InvariantCulture), note[5]);
            }

            // One new card per note, in the deck.
            Assert.Equal(expected.Count, Rows(db, $"SELECT c.id FROM cards c JOIN notes n ON n.id = c.nid WHERE c.did = {AnkiPackage.DeckId} AND c.type = 0 AND c.queue = 0").Count);
        }
        finally
        {
            Directory.Delete(folder, recursive: true);
        }
    }

    private static List<string> Strings(SqliteConnection db, string sql) => [.. Rows(db, sql).Select(r => r[0])];

    private static List<string[]> Rows(SqliteConnection db, string sql)
    {
        using var command = db.CreateCommand();
        command.CommandText = sql;
        using var reader = command.ExecuteReader();
        var rows = new List<string[]>();
        while (reader.Read())
        {
            rows.Add([.. Enumerable.Range(0, reader.FieldCount).Select(i => Convert.ToString(reader.GetValue(i), System.Globalization.CultureInfo.InvariantCulture)!)]);
        }

        return rows;
    }
}
