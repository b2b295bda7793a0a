using GastroRef.Web.Search;
using GastroRef.Web.Tests.Infrastructure;
using Microsoft.Data.Sqlite;
using Microsoft.Extensions.DependencyInjection;

namespace GastroRef.Web.Tests.Search;

/// <summary>The engine ranks by summing what each phrase adds to bm25 (<see cref="PhraseScores"/>) instead of asking FTS5
/// to weigh the whole expression: the sum must be FTS5's own score, bit for bit, for every kind of expression the engine
/// writes (synonyms, column filters, corrected typos, completions of a word being typed, questions, type filters).</summary>
public sealed class PhraseScoresTests(SiteFactory site) : IClassFixture<SiteFactory>
{
    [Theory]
    [InlineData("soleus", null)]
    [InlineData("calf", null)]
    [InlineData("plantar flexion", null)]
    [InlineData("tibial nerve", null)]
    [InlineData("deep vein thrombosis", null)]
    [InlineData("blood supply of the calf", null)]
    [InlineData("caput mediale", null)]
    [InlineData("nervus tibialis", null)]
    [InlineData("Achilles", null)]
    [InlineData("DVT", null)]
    [InlineData("FHL", null)]
    [InlineData("gastrocnemus", null)]
    [InlineData("tib", null)]
    [InlineData("plantari", null)]
    [InlineData("what innervates soleus", null)]
    [InlineData("which muscles plantar flex the ankle", null)]
    [InlineData("calf", "muscle")]
    [InlineData("nerve", "nerve")]
    public async Task The_sum_of_what_each_phrase_adds_is_FTS5s_bm25_of_the_whole_expression(string text, string? type)
    {
        await site.ReadyClientAsync();
        var vocabulary = await site.Services.GetRequiredService<SearchEngine>().VocabularyAsync(CancellationToken.None);
        var query = SearchQuery.Parse(text, vocabulary, correct: true);
        await using var connection = new SqliteConnection($"Data Source={site.DatabasePath};Mode=ReadOnly");
        await connection.OpenAsync();

        var compared = 0;
        foreach (var any in new[] { false, true })
        {
            var expression = query.MatchExpression(any);
            if (expression is null)
            {
                continue;
            }

            expression = type is null ? expression : $"({expression}) AND {SearchText.Quote(SearchSchema.KindToken(type))}";
            var phrases = PhraseScores.PhrasesOf(expression);
            var alone = new List<Dictionary<long, double>>();
            foreach (var phrase in phrases)
            {
                alone.Add(await Bm25Async(connection, phrase));
            }

            foreach (var (id, whole) in await Bm25Async(connection, expression))
            {
                var sum = 0.0;
                foreach (var scores in alone)
                {
                    sum += scores.GetValueOrDefault(id);
                }

                Assert.True(BitConverter.DoubleToInt64Bits(whole) == BitConverter.DoubleToInt64Bits(sum), $"{expression}: structure {id} scores {whole:R} whole, {sum:R} summed over {phrases.Count} phrases");
                compared++;
            }
        }

        Assert.True(compared > 0, $"'{text}' matched nothing to compare");
    }

    [Fact]
    public void Phrases_are_read_in_order_with_their_column_filters_and_quotes()
    {
        var phrases = PhraseScores.PhrasesOf("(\"caput mediale\" OR {title aliases latin headings} : \"medial head\") AND (\"say \"\"hi\"\"\") AND \"kmuscle\"");

        Assert.Equal(["\"caput mediale\"", "{title aliases latin headings} : \"medial head\"", "\"say \"\"hi\"\"\"", "\"kmuscle\""], phrases);
    }

    private static async Task<Dictionary<long, double>> Bm25Async(SqliteConnection connection, string expression)
    {
        var scores = new Dictionary<long, double>();
        await using var command = connection.CreateCommand();
        command.CommandText = $"SELECT rowid, {SearchSchema.Bm25} FROM SearchStructures WHERE SearchStructures MATCH $q";
        command.Parameters.AddWithValue("$q", expression);
        await using var reader = await command.ExecuteReaderAsync();
        while (await reader.ReadAsync())
        {
            scores[reader.GetInt64(0) >> SearchSchema.TypeBits] = -reader.GetDouble(1);
        }

        return scores;
    }
}
