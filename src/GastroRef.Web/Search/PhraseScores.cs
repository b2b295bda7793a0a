using System.Text;

namespace GastroRef.Web.Search;

/// <summary>What each phrase of the index adds to FTS5's bm25 of a structure, kept for one content version
/// (<see cref="SearchVocabulary.PhraseScores"/>).
/// <para>FTS5's bm25 of a MATCH expression is a sum over the expression's phrases, in the order they are written, of
/// one term per phrase that depends only on that phrase and the row (the phrase's idf, its weighted frequency in the
/// row, the row's length); a phrase the row lacks adds exactly 0. The term is what bm25 gives for the phrase alone,
/// so asking FTS5 once per phrase and summing gives its own score for any expression, to the last bit
/// (<c>PhraseScoresTests</c>), where weighing every phrase of every matching row again on each search was most of a
/// search's time in SQLite (docs/benchmarks.md).</para>
/// The kept scores are bounded at <see cref="EntryBudget"/> structure scores.</summary>
internal static class PhraseScores
{
    /// <summary>About 40 MB: every phrase of today's content many times over, or the phrases of a few hundred
    /// searches of a large corpus (a phrase is only ranked when it costs at most <see cref="SearchEngine.RankCostLimit"/>
    /// index entries).</summary>
    public const int EntryBudget = 1_000_000;

    /// <summary>The phrases of an expression as this engine writes them (<see cref="QueryGroup.ToFts"/>): each quoted
    /// phrase with the column filter before it, if any, in the order FTS5 numbers them. Each is a MATCH expression
    /// of its own.</summary>
    public static List<string> PhrasesOf(string expression)
    {
        ArgumentNullException.ThrowIfNull(expression);
        var phrases = new List<string>();
        var phrase = new StringBuilder();
        for (var i = 0; i < expression.Length; i++)
        {
            if (expression[i] == '{')
            {
                var close = expression.IndexOf('}', i);
                phrase.Append(expression, i, close + 1 - i).Append(" : ");
                i = expression.IndexOf('"', close) - 1;
                continue;
            }

            if (expression[i] != '"')
            {
                continue;
            }

            // A quoted phrase; "" inside it is a quote.
            var end = i + 1;
            while (end < expression.Length && (expression[end] != '"' || (end + 1 < expression.Length && expression[end + 1] == '"')))
            {
                end += expression[end] == '"' ? 2 : 1;
            }

            phrases.Add(phrase.Append(expression, i, end + 1 - i).ToString());
            phrase.Clear();
            i = end;
        }

        return phrases;
    }
}
