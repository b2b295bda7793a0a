namespace GastroRef.Content;

/// <summary>Text quoted back in a message (a link, a query value, an attribute), cut short so that a long or hostile
/// value cannot flood the message.</summary>
public static class QuotedText
{
    public static string Shorten(string value, int max = 60)
    {
        ArgumentNullException.ThrowIfNull(value);
        return value.Length <= max ? value : string.Concat(value.AsSpan(0, max - 3), "…");
    }
}
