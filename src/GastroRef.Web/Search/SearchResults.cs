using System.Text;
using System.Text.Json.Serialization;

namespace GastroRef.Web.Search;

/// <summary>A section of a structure that also matched, linked directly.</summary>
/// <param name="Section">The section's id, the fragment of its address (<c>innervation</c>).</param>
/// <param name="Title">The section's heading; a subsection is "Section › Subsection".</param>
/// <param name="Url">The section's address (<c>/anatomy/soleus#innervation</c>; absolute in the API).</param>
public sealed record SearchSectionLink(string Section, string Title, string Url);

/// <summary>How many structures of one type matched.</summary>
/// <param name="Type">The type as in content (<c>muscle</c>, <c>muscle-head</c>…), usable as the <c>type</c> filter.</param>
/// <param name="Label">The type as shown to readers ("muscle head").</param>
/// <param name="Count">Matching structures of this type.</param>
public sealed record SearchTypeCount(string Type, string Label, int Count);

/// <summary>Where a snippet matched the query: <see cref="Length"/> characters from <see cref="Start"/>, counted in
/// UTF-16 code units, as .NET and JavaScript strings index (<c>snippet.substring(start, start + length)</c>).</summary>
/// <param name="Start">Offset of the first matched character in the snippet text, from 0.</param>
/// <param name="Length">Number of matched characters.</param>
public readonly record struct TextRange(int Start, int Length);

/// <summary>Plain text from a page (no markup, nothing escaped) with the stretches that matched the query.</summary>
/// <param name="Text">The text; "…" marks where it was cut.</param>
/// <param name="Highlights">The matches, in order, never overlapping.</param>
public sealed record SearchSnippet(string Text, IReadOnlyList<TextRange> Highlights)
{
    public static SearchSnippet Empty { get; } = new("", []);

    /// <summary>The text HTML-escaped, with each highlight in <c>&lt;mark&gt;</c>: no other markup, safe to insert
    /// into a page as HTML.</summary>
    public string Html
    {
        get
        {
            var html = new StringBuilder(Text.Length + (Highlights.Count * 13) + 16);
            var text = Text.AsSpan();
            var position = 0;
            foreach (var (start, length) in Highlights)
            {
                SearchText.AppendHtmlEncoded(html, text[position..start]).Append("<mark>");
                SearchText.AppendHtmlEncoded(html, text.Slice(start, length)).Append("</mark>");
                position = start + length;
            }

            return SearchText.AppendHtmlEncoded(html, text[position..]).ToString();
        }
    }
}

/// <summary>One structure in the results, linked to its best-matching section, or to the page itself when the query
/// names the structure.</summary>
/// <param name="Slug">The structure's slug (<c>soleus</c>).</param>
/// <param name="Title">The structure's title.</param>
/// <param name="Type">The structure's type (<c>muscle</c>, <c>nerve</c>…).</param>
/// <param name="Section">The id of the section the result links to, or null when it links to the page itself.</param>
/// <param name="SectionTitle">That section's heading ("Clinical notes › Deep vein thrombosis"), or null.</param>
/// <param name="Url">Where the result leads: the page or the page and section (<c>/anatomy/soleus#innervation</c>;
/// absolute in the API).</param>
/// <param name="Excerpt">The snippet: plain text from the page (the summary, or the linked section) around the matches,
/// with the matches; in JSON as <c>snippet</c>, <c>highlights</c> and <c>snippetHtml</c>.</param>
/// <param name="Score">Higher for better matches; only comparable within one response.</param>
/// <param name="OtherSections">Up to three other sections of the structure that match, best first.</param>
public sealed record SearchHit(
    string Slug,
    string Title,
    string Type,
    string? Section,
    string? SectionTitle,
    string Url,
    [property: JsonIgnore] SearchSnippet Excerpt,
    double Score,
    IReadOnlyList<SearchSectionLink> OtherSections)
{
    /// <summary>The snippet as plain text (no markup, nothing escaped); "…" marks where it was cut.</summary>
    public string Snippet => Excerpt.Text;

    /// <summary>Where <see cref="Snippet"/> matched the query, as ranges of its characters (UTF-16 code units).</summary>
    public IReadOnlyList<TextRange> Highlights => Excerpt.Highlights;

    /// <summary>The snippet as HTML: the text escaped, each highlight in <c>&lt;mark&gt;</c>, no other markup.</summary>
    public string SnippetHtml => Excerpt.Html;
}

/// <summary>What a search found: the structures (<see cref="Total"/> of them, the best <see cref="Results"/>),
/// how many of each type matched, and the corrected query when a misspelling was fixed. When no structure holds
/// every word, the results hold some of them and <see cref="MatchedAllWords"/> is false.</summary>
/// <param name="Query">The text searched for, as received.</param>
/// <param name="CorrectedQuery">The query with misspellings corrected, when it was (the results are for it); else null.</param>
/// <param name="Total">How many structures matched (of the requested type, when there is one).</param>
/// <param name="Type">The type filter, or null.</param>
/// <param name="Types">How many structures of each type matched, whatever the filter.</param>
/// <param name="Results">The best matches, best first, one per structure.</param>
/// <param name="MatchedAllWords">False when no structure holds every word and the results hold some of them.</param>
public sealed record SearchResults(
    string Query,
    string? CorrectedQuery,
    int Total,
    string? Type,
    IReadOnlyList<SearchTypeCount> Types,
    IReadOnlyList<SearchHit> Results,
    bool MatchedAllWords = true)
{
    public static SearchResults Empty(string query, string? type) => new(query, null, 0, type, [], []);
}

/// <summary>A suggestion as you type: the name that matched (a title, alias or Latin name) and the structure it names.</summary>
/// <param name="Label">The name that matched what was typed.</param>
/// <param name="Title">The structure's title.</param>
/// <param name="Slug">The structure's slug.</param>
/// <param name="Type">The structure's type.</param>
/// <param name="Kind">Which kind of name matched: <c>title</c>, <c>alias</c> or <c>latin</c>.</param>
/// <param name="Url">The structure's page (<c>/anatomy/soleus</c>; absolute in the API).</param>
public sealed record SearchSuggestion(string Label, string Title, string Slug, string Type, string Kind, string Url);
