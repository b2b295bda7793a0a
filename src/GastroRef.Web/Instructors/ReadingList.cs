using System.Text;
using Microsoft.AspNetCore.WebUtilities;

namespace GastroRef.Web.Instructors;

/// <summary>One entry of a reading list as written in its address: a page, one of its sections, and an optional note.</summary>
public sealed record ReadingListItem(string Slug, string Section, string? Note)
{
    /// <summary>How the item is written in a list address: <c>soleus/innervation</c>.</summary>
    public string Reference => $"{Slug}/{Section}";
}

/// <summary>A part of the address that could not become an item, named on the page with the reason.</summary>
public sealed record ReadingListProblem(string Written, string Reason);

/// <summary>A reading list lives entirely in its address, so it needs no account and no storage:
/// <c>/lists?title=Week+3&amp;i=soleus/innervation&amp;n=Read+first&amp;i=tibial-nerve/course</c>.
/// Each <c>i</c> is an item (<c>slug/section</c>; <c>slug#section</c>, with <c>#</c> written <c>%23</c>, is read too),
/// in order; an <c>n</c> is the note of the item just before it. Anything else is named as a problem, never an error.</summary>
public sealed record ReadingList(string? Title, IReadOnlyList<ReadingListItem> Items, IReadOnlyList<ReadingListProblem> Problems)
{
    public const int MaxItems = 30;
    public const int MaxTitleLength = 120;
    public const int MaxNoteLength = 300;
    private const int MaxReferenceLength = 200;

    public static ReadingList Parse(string? queryString)
    {
        string? title = null;
        var items = new List<ReadingListItem>();
        var problems = new List<ReadingListProblem>();
        var seen = new HashSet<string>(StringComparer.Ordinal);
        var dropped = 0;
        ReadingListItem? last = null; // the item a following n= annotates; null after a rejected item
        var lastWasItem = false;
        foreach (var pair in new QueryStringEnumerable(queryString ?? ""))
        {
            var name = pair.DecodeName().ToString();
            var value = pair.DecodeValue().ToString().Trim();
            switch (name)
            {
                case "title":
                    title = Clip(Collapse(value), MaxTitleLength);
                    lastWasItem = false;
                    break;
                case "i":
                    lastWasItem = true;
                    last = null;
                    if (items.Count >= MaxItems)
                    {
                        dropped++;
                        break;
                    }

                    if (TryReadItem(value, out var slug, out var section, out var reason))
                    {
                        if (!seen.Add($"{slug}/{section}"))
                        {
                            problems.Add(new(Clip(value, MaxReferenceLength), "listed twice; shown once"));
                            break;
                        }

                        last = new ReadingListItem(slug, section, null);
                        items.Add(last);
                    }
                    else
                    {
                        problems.Add(new(Clip(value, MaxReferenceLength), reason));
                    }

                    break;
                case "n":
                    if (!lastWasItem)
                    {
                        problems.Add(new($"n={Clip(value, 40)}", "a note must follow the item it belongs to"));
                    }
                    else if (last is not null && value.Length > 0)
                    {
                        var annotated = last with { Note = Clip(Collapse(value), MaxNoteLength) };
                        items[^1] = annotated;
                        last = annotated;
                    }

                    lastWasItem = false;
                    break;
                default:
                    lastWasItem = false;
                    break;
            }
        }

        if (dropped > 0)
        {
            problems.Add(new($"{dropped} more item{(dropped == 1 ? "" : "s")}", $"a list holds at most {MaxItems} items; the rest are left out"));
        }

        return new(string.IsNullOrEmpty(title) ? null : title, items, problems);
    }

    /// <summary>The canonical address of a list: what the builder produces and what the page links to.</summary>
    public static string Address(string? title, IEnumerable<ReadingListItem> items)
    {
        var query = new StringBuilder("/lists");
        var separator = '?';
        if (!string.IsNullOrEmpty(title))
        {
            query.Append(separator).Append("title=").Append(Encode(title));
            separator = '&';
        }

        foreach (var item in items)
        {
            query.Append(separator).Append("i=").Append(Encode(item.Reference).Replace("%2F", "/", StringComparison.Ordinal));
            separator = '&';
            if (!string.IsNullOrEmpty(item.Note))
            {
                query.Append("&n=").Append(Encode(item.Note));
            }
        }

        return query.ToString();
    }

    private static string Encode(string value) => Uri.EscapeDataString(value).Replace("%20", "+", StringComparison.Ordinal);

    private static bool TryReadItem(string value, out string slug, out string section, out string reason)
    {
        slug = section = reason = "";
        if (value.Length == 0)
        {
            reason = "empty item";
            return false;
        }

        if (value.Length > MaxReferenceLength)
        {
            reason = "too long to be a page and section";
            return false;
        }

        var cut = value.IndexOfAny(['/', '#']);
        if (cut < 0)
        {
            reason = $"no section given: write it as {value.ToLowerInvariant()}/innervation, for example";
            return false;
        }

        slug = value[..cut].ToLowerInvariant();
        section = value[(cut + 1)..];
        // A copied text link carries a text fragment after the section: keep the section.
        var directive = section.IndexOf(":~:", StringComparison.Ordinal);
        if (directive >= 0)
        {
            section = section[..directive];
        }

        section = section.ToLowerInvariant();
        if (!IsIdentifier(slug) || !IsIdentifier(section))
        {
            reason = "not a page and section (lower-case letters, digits and hyphens, as in soleus/innervation)";
            return false;
        }

        return true;
    }

    internal static bool IsIdentifier(string value) =>
        value.Length is > 0 and <= 100 && value.All(c => c is (>= 'a' and <= 'z') or (>= '0' and <= '9') or '-');

    private static string Collapse(string value) => string.Join(' ', value.Split((char[]?)null, StringSplitOptions.RemoveEmptyEntries));

    private static string Clip(string value, int length) => value.Length <= length ? value : value[..length] + "…";
}
