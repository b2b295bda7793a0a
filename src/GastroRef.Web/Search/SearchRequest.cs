using System.Globalization;
using GastroRef.Content;

namespace GastroRef.Web.Search;

/// <summary>Search parameters as they arrive in a query string, checked once for the page and the API alike.
/// A problem is the caller's fault and gets a 400 with <see cref="Error"/>.</summary>
public sealed record SearchRequest(string Query, string? Type, int Limit, bool Correct, string? Error)
{
    public static SearchRequest From(string? query, string? type, string? limit, string? exact, int defaultLimit)
    {
        var text = query ?? "";
        if (text.Length > SearchText.MaxQueryLength)
        {
            return new(text[..SearchText.MaxQueryLength], null, defaultLimit, true, SearchText.TooLongMessage);
        }

        var normalizedType = string.IsNullOrWhiteSpace(type) ? null : type.Trim().ToLowerInvariant();
        if (normalizedType is not null && !ContentSchema.Types.Contains(normalizedType))
        {
            var shown = normalizedType.Length > 40 ? normalizedType[..40] + "…" : normalizedType;
            return new(text, null, defaultLimit, true, $"Unknown type '{shown}'. Use one of: {string.Join(", ", ContentSchema.Types)}.");
        }

        var count = defaultLimit;
        if (!string.IsNullOrEmpty(limit) &&
            (!int.TryParse(limit, NumberStyles.None, CultureInfo.InvariantCulture, out count) || count < 1 || count > SearchEngine.MaxLimit))
        {
            return new(text, normalizedType, defaultLimit, true, $"limit must be a whole number from 1 to {SearchEngine.MaxLimit}.");
        }

        var correct = !(exact is "1" or "true");
        return new(text, normalizedType, count, correct, null);
    }
}
