using System.Buffers;
using System.Globalization;
using System.Text;
using System.Text.RegularExpressions;

namespace GastroRef.Web.Search;

/// <summary>Turns text into the words the index holds, the way FTS5's <c>unicode61 remove_diacritics 2</c>
/// tokenizer does: letters and digits only, lowercase, accents removed. Anything else (quotes, operators,
/// <c>*</c>, <c>:</c>, emoji, control characters) separates words and never reaches FTS5 as syntax.</summary>
public static partial class SearchText
{
    private static readonly SearchValues<char> HtmlSpecial = SearchValues.Create("&<>\"'");

    /// <summary>Longest search text accepted, in characters; longer text is refused with a clear message.</summary>
    public const int MaxQueryLength = 200;

    /// <summary>Words beyond this are ignored: no real question needs more, and each adds work to every query.</summary>
    public const int MaxWords = 12;

    public static string TooLongMessage => $"Search text is limited to {MaxQueryLength} characters. Use a few words, such as a structure's name.";

    /// <summary>Where the words starting with <paramref name="prefix"/> lie in <paramref name="sortedWords"/> (folded words,
    /// in ordinal order): indexes <c>From</c> up to, not including, <c>To</c>.</summary>
    internal static (int From, int To) PrefixRange(string[] sortedWords, string prefix)
    {
        // Words hold letters and digits only, so prefix + U+FFFF sorts after every word starting with prefix.
        var from = Array.BinarySearch(sortedWords, prefix, StringComparer.Ordinal);
        var to = Array.BinarySearch(sortedWords, prefix + char.MaxValue, StringComparer.Ordinal);
        return (from >= 0 ? from : ~from, to >= 0 ? to : ~to);
    }

    /// <summary>The words of <paramref name="text"/>, folded and lowercased.</summary>
    public static IReadOnlyList<string> Words(string? text)
    {
        var words = new List<string>();
        if (string.IsNullOrEmpty(text))
        {
            return words;
        }

        var folded = Fold(text);
        var current = new StringBuilder();
        foreach (var rune in folded.EnumerateRunes())
        {
            if (IsWordRune(rune))
            {
                current.Append(Rune.ToLowerInvariant(rune).ToString());
            }
            else if (current.Length > 0)
            {
                words.Add(current.ToString());
                current.Clear();
            }
        }

        if (current.Length > 0)
        {
            words.Add(current.ToString());
        }

        return words;
    }

    /// <summary>True when the text ends inside a word, so the reader may still be typing it.</summary>
    public static bool EndsInWord(string? text)
    {
        if (string.IsNullOrEmpty(text))
        {
            return false;
        }

        var last = Fold(text).EnumerateRunes().LastOrDefault();
        return IsWordRune(last);
    }

    /// <summary>Escapes the five characters that matter in HTML text and attributes, and leaves every other
    /// character as it is (so "Silfverskiöld" stays readable in JSON).</summary>
    public static string HtmlEncode(string text)
    {
        ArgumentNullException.ThrowIfNull(text);
        return text.AsSpan().IndexOfAny(HtmlSpecial) < 0 ? text : AppendHtmlEncoded(new StringBuilder(text.Length + 16), text).ToString();
    }

    /// <summary>Appends <paramref name="text"/> escaped as <see cref="HtmlEncode"/> does.</summary>
    public static StringBuilder AppendHtmlEncoded(StringBuilder builder, ReadOnlySpan<char> text)
    {
        ArgumentNullException.ThrowIfNull(builder);
        for (var next = text.IndexOfAny(HtmlSpecial); next >= 0; next = text.IndexOfAny(HtmlSpecial))
        {
            builder.Append(text[..next]).Append(text[next] switch
            {
                '&' => "&amp;",
                '<' => "&lt;",
                '>' => "&gt;",
                '"' => "&quot;",
                _ => "&#39;",
            });
            text = text[(next + 1)..];
        }

        return builder.Append(text);
    }

    /// <summary>The words joined by single spaces: the canonical form of a name or phrase.</summary>
    public static string Normalize(string? text) => string.Join(' ', Words(text));

    /// <summary>A term or phrase as an FTS5 string: the words are letters and digits only, so wrapping them in
    /// double quotes can never produce syntax.</summary>
    public static string Quote(string words) => "\"" + words.Replace("\"", "\"\"", StringComparison.Ordinal) + "\"";

    /// <summary>Removes characters that must never be stored in the index (our snippet markers and other
    /// controls) and the spaces that plain text taken from HTML leaves before punctuation ("tendon , so").</summary>
    public static string CleanForIndex(string? text)
    {
        if (string.IsNullOrEmpty(text))
        {
            return "";
        }

        var builder = new StringBuilder(text.Length);
        foreach (var c in text)
        {
            builder.Append(char.IsControl(c) ? ' ' : c);
        }

        return SpaceBeforePunctuation().Replace(SpaceAfterBracket().Replace(builder.ToString(), "$1"), "$1");
    }

    [GeneratedRegex(@" +([,.;:!?)\]])")]
    private static partial Regex SpaceBeforePunctuation();

    [GeneratedRegex(@"([(\[]) +")]
    private static partial Regex SpaceAfterBracket();

    /// <summary>Splits text into words, keeping where each word is in <paramref name="text"/> (for marking
    /// matches) and its folded form (for comparing with query words). ASCII text takes a fast path.</summary>
    public static TokenizedText Tokenize(string text)
    {
        ArgumentNullException.ThrowIfNull(text);
        if (Ascii.IsValid(text))
        {
            return TokenizeAscii(text);
        }

        var tokens = new List<TextToken>(text.Length / 5);
        var folded = new StringBuilder(text.Length);
        var i = 0;
        while (i < text.Length)
        {
            if (!StartsWord(text, i, out var length))
            {
                i += length;
                continue;
            }

            var start = i;
            var foldedStart = folded.Length;
            while (i < text.Length)
            {
                var c = text[i];
                if (c < 128)
                {
                    if (!char.IsAsciiLetterOrDigit(c))
                    {
                        break;
                    }

                    folded.Append(char.ToLowerInvariant(c));
                    i++;
                    continue;
                }

                var status = Rune.DecodeFromUtf16(text.AsSpan(i), out var rune, out var consumed);
                if (status != System.Buffers.OperationStatus.Done)
                {
                    break;
                }

                var category = Rune.GetUnicodeCategory(rune);
                if (category is UnicodeCategory.NonSpacingMark or UnicodeCategory.SpacingCombiningMark or UnicodeCategory.EnclosingMark)
                {
                    i += consumed;
                    continue;
                }

                if (!IsWordRune(rune))
                {
                    break;
                }

                folded.Append(FoldRune(rune));
                i += consumed;
            }

            if (folded.Length > foldedStart)
            {
                tokens.Add(new TextToken(start, i, foldedStart, folded.Length - foldedStart));
            }
        }

        return new TokenizedText(text, folded.ToString(), [.. tokens]);
    }

    /// <summary>The common case: folding is lowercasing, so the folded text lines up with the original.</summary>
    private static TokenizedText TokenizeAscii(string text)
    {
        var lower = text.ToLowerInvariant();
        var tokens = new List<TextToken>(text.Length / 5);
        var i = 0;
        while (i < lower.Length)
        {
            while (i < lower.Length && !char.IsAsciiLetterOrDigit(lower[i]))
            {
                i++;
            }

            var start = i;
            while (i < lower.Length && char.IsAsciiLetterOrDigit(lower[i]))
            {
                i++;
            }

            if (i > start)
            {
                tokens.Add(new TextToken(start, i, start, i - start));
            }
        }

        return new TokenizedText(text, lower, [.. tokens]);
    }

    private static bool StartsWord(string text, int index, out int length)
    {
        var c = text[index];
        if (c < 128)
        {
            length = 1;
            return char.IsAsciiLetterOrDigit(c);
        }

        if (Rune.DecodeFromUtf16(text.AsSpan(index), out var rune, out length) != System.Buffers.OperationStatus.Done)
        {
            length = Math.Max(1, length);
            return false;
        }

        return IsWordRune(rune);
    }

    private static readonly System.Collections.Concurrent.ConcurrentDictionary<int, string> FoldedRunes = new();

    private static string FoldRune(Rune rune) =>
        FoldedRunes.GetOrAdd(rune.Value, static value => string.Concat(Words(new Rune(value).ToString())));

    private static string Fold(string text)
    {
        // Lone surrogates would make Normalize throw; EnumerateRunes turns them into U+FFFD first.
        var valid = new StringBuilder(text.Length);
        foreach (var rune in text.EnumerateRunes())
        {
            valid.Append(rune.ToString());
        }

        var decomposed = valid.ToString().Normalize(NormalizationForm.FormKD);
        var builder = new StringBuilder(decomposed.Length);
        foreach (var rune in decomposed.EnumerateRunes())
        {
            var category = Rune.GetUnicodeCategory(rune);
            if (category is not (UnicodeCategory.NonSpacingMark or UnicodeCategory.SpacingCombiningMark or UnicodeCategory.EnclosingMark))
            {
                builder.Append(rune.ToString());
            }
        }

        return builder.ToString();
    }

    private static bool IsWordRune(Rune rune) => Rune.GetUnicodeCategory(rune) switch
    {
        UnicodeCategory.UppercaseLetter or UnicodeCategory.LowercaseLetter or UnicodeCategory.TitlecaseLetter
            or UnicodeCategory.ModifierLetter or UnicodeCategory.OtherLetter
            or UnicodeCategory.DecimalDigitNumber or UnicodeCategory.LetterNumber or UnicodeCategory.OtherNumber => true,
        _ => false,
    };
}

/// <summary>A word of a text: where it is (<see cref="Start"/>..<see cref="End"/>) and where its folded form is
/// in <see cref="TokenizedText.Folded"/>.</summary>
public readonly record struct TextToken(int Start, int End, int FoldedStart, int FoldedLength);

/// <summary>A text with its words found and folded.</summary>
public sealed class TokenizedText(string text, string folded, TextToken[] tokens)
{
    public string Text { get; } = text;

    public string Folded { get; } = folded;

    /// <summary>A span over an array, not a list: matching reads tokens in the hottest loops of a search.</summary>
    public ReadOnlySpan<TextToken> Tokens => tokens;

    public int Count => tokens.Length;

    public ReadOnlySpan<char> Word(int index) => Folded.AsSpan(tokens[index].FoldedStart, tokens[index].FoldedLength);
}
