using System.Globalization;
using System.IO.Compression;
using System.Net;
using System.Security.Cryptography;
using System.Text;
using System.Text.Json;
using System.Text.RegularExpressions;
using GastroRef.Web.Data;
using Microsoft.Data.Sqlite;

namespace GastroRef.Web.Practice;

/// <summary>Writes an Anki deck package (<c>.apkg</c>): a zip holding <c>collection.anki2</c>, an Anki collection in
/// SQLite (schema version 11, the one Anki still imports), and an empty <c>media</c> map. No maintained .NET library
/// writes one, so it is written here with Microsoft.Data.Sqlite. Each question is one note whose GUID is the question
/// id, so importing a newer download updates the notes instead of adding copies.</summary>
public static partial class AnkiPackage
{
    /// <summary>Fixed ids, so every download names the same note type and deck.</summary>
    public const long ModelId = 1_733_500_000_001;
    public const long DeckId = 1_733_500_000_002;
    public const string DeckName = "GastroRef practice";
    public const string ModelName = "GastroRef question";

    private const string Schema = """
        CREATE TABLE col (id integer primary key, crt integer not null, mod integer not null, scm integer not null,
            ver integer not null, dty integer not null, usn integer not null, ls integer not null, conf text not null,
            models text not null, decks text not null, dconf text not null, tags text not null);
        CREATE TABLE notes (id integer primary key, guid text not null, mid integer not null, mod integer not null,
            usn integer not null, tags text not null, flds text not null, sfld integer not null, csum integer not null,
            flags integer not null, data text not null);
        CREATE TABLE cards (id integer primary key, nid integer not null, did integer not null, ord integer not null,
            mod integer not null, usn integer not null, type integer not null, queue integer not null, due integer not null,
            ivl integer not null, factor integer not null, reps integer not null, lapses integer not null, left integer not null,
            odue integer not null, odid integer not null, flags integer not null, data text not null);
        CREATE TABLE revlog (id integer primary key, cid integer not null, usn integer not null, ease integer not null,
            ivl integer not null, lastIvl integer not null, factor integer not null, time integer not null, type integer not null);
        CREATE TABLE graves (usn integer not null, oid integer not null, type integer not null);
        CREATE INDEX ix_notes_usn on notes (usn);
        CREATE INDEX ix_cards_usn on cards (usn);
        CREATE INDEX ix_revlog_usn on revlog (usn);
        CREATE INDEX ix_cards_nid on cards (nid);
        CREATE INDEX ix_cards_sched on cards (did, queue, due);
        CREATE INDEX ix_revlog_cid on revlog (cid);
        CREATE INDEX ix_notes_csum on notes (csum);
        """;

    /// <summary>The fields of each note, in order.</summary>
    public static readonly IReadOnlyList<string> Fields = ["Front", "Back", "Link"];

    public static byte[] Build(IReadOnlyList<PracticeQuestion> questions, GraphSnapshot graph, string baseUrl, DateTimeOffset now)
    {
        ArgumentNullException.ThrowIfNull(questions);
        ArgumentNullException.ThrowIfNull(graph);
        var path = Path.Combine(Path.GetTempPath(), $"gastroref-anki-{Guid.NewGuid():N}.anki2");
        try
        {
            WriteCollection(path, questions, graph, baseUrl, now);
            using var output = new MemoryStream();
            using (var zip = new ZipArchive(output, ZipArchiveMode.Create, leaveOpen: true))
            {
                zip.CreateEntryFromFile(path, "collection.anki2");
                using var media = new StreamWriter(zip.CreateEntry("media").Open());
                media.Write("{}");
            }

            return output.ToArray();
        }
        finally
        {
            File.Delete(path);
        }
    }

    /// <summary>Tags without spaces, as Anki requires: <c>gastroref kind::recall region::popliteal-fossa structure::soleus</c>.</summary>
    public static IReadOnlyList<string> Tags(PracticeQuestion question, GraphSnapshot graph)
    {
        ArgumentNullException.ThrowIfNull(question);
        ArgumentNullException.ThrowIfNull(graph);
        var regions = question.Structures
            .SelectMany(s => graph.Find(s)?.Type == "region" ? [s] : graph.RegionsOf(s).Select(r => r.Slug))
            .Distinct();
        return ["gastroref", $"kind::{question.Kind}", .. regions.Select(r => $"region::{r}"), .. question.Structures.Select(s => $"structure::{s}")];
    }

    private static void WriteCollection(string path, IReadOnlyList<PracticeQuestion> questions, GraphSnapshot graph, string baseUrl, DateTimeOffset now)
    {
        var seconds = now.ToUnixTimeSeconds();
        var millis = now.ToUnixTimeMilliseconds();
        using var connection = new SqliteConnection(new SqliteConnectionStringBuilder { DataSource = path, Pooling = false }.ToString());
        connection.Open();
        using var transaction = connection.BeginTransaction();
        Execute(Schema);
        Execute("INSERT INTO col VALUES (1, $crt, $mod, $scm, 11, 0, 0, 0, $conf, $models, $decks, $dconf, '{}')",
            ("$crt", seconds), ("$mod", millis), ("$scm", millis),
            ("$conf", Conf()), ("$models", Models(seconds)), ("$decks", Decks(seconds)), ("$dconf", DeckConf()));
        for (var i = 0; i < questions.Count; i++)
        {
            var question = questions[i];
            var front = Front(question);
            var fields = string.Join('\x1f', front, Back(question), Link(question, baseUrl));
            var sortField = StripHtml(front);
            var tags = " " + string.Join(' ', Tags(question, graph)) + " ";
            Execute("INSERT INTO notes VALUES ($id, $guid, $mid, $mod, -1, $tags, $flds, $sfld, $csum, 0, '')",
                ("$id", millis + i), ("$guid", question.Id), ("$mid", ModelId), ("$mod", seconds), ("$tags", tags),
                ("$flds", fields), ("$sfld", sortField), ("$csum", Checksum(sortField)));
            Execute("INSERT INTO cards VALUES ($id, $nid, $did, 0, $mod, -1, 0, 0, $due, 0, 0, 0, 0, 0, 0, 0, 0, '')",
                ("$id", millis + questions.Count + i), ("$nid", millis + i), ("$did", DeckId), ("$mod", seconds), ("$due", i + 1));
        }

        transaction.Commit();

        void Execute(string sql, params (string Name, object Value)[] parameters)
        {
            using var command = connection.CreateCommand();
            command.Transaction = transaction;
            command.CommandText = sql;
            foreach (var (name, value) in parameters)
            {
                command.Parameters.AddWithValue(name, value);
            }

            command.ExecuteNonQuery();
        }
    }

    internal static string Front(PracticeQuestion question)
    {
        var html = new StringBuilder($"<p>{Encode(question.Prompt)}</p>");
        if (question.Pairs is { } pairs)
        {
            html.Append("<ol>").AppendJoin("", pairs.Select(p => $"<li>{Encode(p.Item)}</li>")).Append("</ol><p>Answers:</p><ul>")
                .AppendJoin("", pairs.Select(p => p.Answer).Order(StringComparer.Ordinal).Select(a => $"<li>{Encode(a)}</li>")).Append("</ul>");
        }
        else
        {
            html.Append("<ol type=\"A\">").AppendJoin("", question.Choices.Select(c => $"<li>{Encode(c.Text)}</li>")).Append("</ol>");
        }

        return html.ToString();
    }

    internal static string Back(PracticeQuestion question)
    {
        var answers = question.Pairs is { } pairs
            ? pairs.Select(p => $"{p.Item} → {p.Answer}")
            : question.CorrectAnswers;
        return $"<ul>{string.Concat(answers.Select(a => $"<li>{Encode(a)}</li>"))}</ul><p>{Encode(question.Explanation)}</p>";
    }

    private static string Link(PracticeQuestion question, string baseUrl)
    {
        var url = baseUrl.TrimEnd('/') + question.LearnMore;
        return $"<a href=\"{Encode(url)}\">{Encode(url)}</a>";
    }

    private static string Encode(string text) => WebUtility.HtmlEncode(text);

    internal static string StripHtml(string html) => WebUtility.HtmlDecode(Tag().Replace(html, " ")).Trim();

    /// <summary>Anki's duplicate check: the first 8 hex digits of the SHA-1 of the sort field, as a number.</summary>
    internal static long Checksum(string sortField) =>
#pragma warning disable CA5350 // SHA-1 is what Anki's format uses here, not a security measure
        long.Parse(Convert.ToHexStringLower(SHA1.HashData(Encoding.UTF8.GetBytes(sortField)))[..8], NumberStyles.HexNumber, CultureInfo.InvariantCulture);
#pragma warning restore CA5350

#pragma warning disable CA1861 // the collection's settings, built once per download
    private static string Conf() => JsonSerializer.Serialize(new Dictionary<string, object>
    {
        ["activeDecks"] = new[] { 1 }, ["addToCur"] = true, ["collapseTime"] = 1200, ["curDeck"] = 1,
        ["curModel"] = ModelId.ToString(CultureInfo.InvariantCulture), ["dueCounts"] = true, ["estTimes"] = true,
        ["newBury"] = true, ["newSpread"] = 0, ["nextPos"] = 1, ["sortBackwards"] = false, ["sortType"] = "noteFld", ["timeLim"] = 0,
    });

    private static string Models(long seconds) => JsonSerializer.Serialize(new Dictionary<string, object>
    {
        [ModelId.ToString(CultureInfo.InvariantCulture)] = new Dictionary<string, object?>
        {
            ["css"] = ".card { font-family: system-ui, sans-serif; font-size: 18px; text-align: left; }",
            ["did"] = DeckId,
            ["flds"] = Fields.Select((name, ord) => new Dictionary<string, object>
            {
                ["name"] = name, ["ord"] = ord, ["font"] = "Arial", ["media"] = Array.Empty<string>(), ["rtl"] = false, ["size"] = 20, ["sticky"] = false,
            }).ToArray(),
            ["id"] = ModelId.ToString(CultureInfo.InvariantCulture),
            ["latexPost"] = "\\end{document}",
            ["latexPre"] = "\\documentclass[12pt]{article}\n\\special{papersize=3in,5in}\n\\usepackage{amssymb,amsmath}\n\\pagestyle{empty}\n\\setlength{\\parindent}{0in}\n\\begin{document}\n",
            ["mod"] = seconds,
            ["name"] = ModelName,
            ["req"] = new object[] { new object[] { 0, "all", new[] { 0 } } },
            ["sortf"] = 0,
            ["tags"] = Array.Empty<string>(),
            ["tmpls"] = new[]
            {
                new Dictionary<string, object?>
                {
                    ["name"] = "Card 1", ["ord"] = 0, ["qfmt"] = "{{Front}}",
                    ["afmt"] = "{{FrontSide}}<hr id=\"answer\">{{Back}}<p>{{Link}}</p>",
                    ["bqfmt"] = "", ["bafmt"] = "", ["did"] = null,
                },
            },
            ["type"] = 0,
            ["usn"] = -1,
            ["vers"] = Array.Empty<object>(),
        },
    });

    private static string Decks(long seconds) => JsonSerializer.Serialize(new Dictionary<string, object>
    {
        ["1"] = Deck(1, "Default", seconds, 0),
        [DeckId.ToString(CultureInfo.InvariantCulture)] = Deck(DeckId, DeckName, seconds, -1),
    });

    private static Dictionary<string, object> Deck(long id, string name, long seconds, int usn) => new()
    {
        ["collapsed"] = false, ["conf"] = 1, ["desc"] = "Questions generated from the key facts and relations of GastroRef.",
        ["dyn"] = 0, ["extendNew"] = 10, ["extendRev"] = 50, ["id"] = id, ["lrnToday"] = new[] { 0, 0 }, ["mod"] = seconds,
        ["name"] = name, ["newToday"] = new[] { 0, 0 }, ["revToday"] = new[] { 0, 0 }, ["timeToday"] = new[] { 0, 0 }, ["usn"] = usn,
    };

    private static string DeckConf() => JsonSerializer.Serialize(new Dictionary<string, object>
    {
        ["1"] = new Dictionary<string, object>
        {
            ["autoplay"] = true, ["id"] = 1, ["maxTaken"] = 60, ["mod"] = 0, ["name"] = "Default", ["replayq"] = true, ["timer"] = 0, ["usn"] = 0,
            ["lapse"] = new Dictionary<string, object> { ["delays"] = new[] { 10 }, ["leechAction"] = 0, ["leechFails"] = 8, ["minInt"] = 1, ["mult"] = 0 },
            ["new"] = new Dictionary<string, object>
            {
                ["bury"] = true, ["delays"] = new[] { 1, 10 }, ["initialFactor"] = 2500, ["ints"] = new[] { 1, 4, 7 }, ["order"] = 1, ["perDay"] = 20, ["separate"] = true,
            },
            ["rev"] = new Dictionary<string, object>
            {
                ["bury"] = true, ["ease4"] = 1.3, ["fuzz"] = 0.05, ["ivlFct"] = 1, ["maxIvl"] = 36500, ["minSpace"] = 1, ["perDay"] = 100,
            },
        },
    });

#pragma warning restore CA1861

    [GeneratedRegex("<[^>]*>")]
    private static partial Regex Tag();
}
