namespace GastroRef.Web.Pages;

/// <summary>One query-string parameter as the Browse and Compare forms send it: its value trimmed and lower-cased (null
/// when absent or empty), and how many values the address gave, so a page can refuse two with a clear message.</summary>
public readonly record struct QueryValue(string? Value, int Count)
{
    public static QueryValue Read(IQueryCollection query, string name)
    {
        ArgumentNullException.ThrowIfNull(query);
        var values = query[name];
        var value = values.Count == 1 ? values[0]?.Trim().ToLowerInvariant() : null;
        return new(string.IsNullOrEmpty(value) ? null : value, values.Count);
    }
}
