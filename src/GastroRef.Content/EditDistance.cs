namespace GastroRef.Content;

/// <summary>How many single-letter edits turn one word into another, for "did you mean" everywhere: a relation to a
/// misspelled slug, a page that does not exist, a misspelled search word. Optimal string alignment distance:
/// inserting, deleting or changing a letter, or swapping two neighbouring letters ("solues" → "soleus"), costs 1.</summary>
public static class EditDistance
{
    public static int Between(string a, string b) => AtMost(a, b, int.MaxValue - 1);

    /// <summary>The distance when it is at most <paramref name="bound"/>; otherwise <paramref name="bound"/> + 1,
    /// returned as soon as that is certain (comparing one word with a whole vocabulary stays cheap).</summary>
    public static int AtMost(string a, string b, int bound)
    {
        ArgumentNullException.ThrowIfNull(a);
        ArgumentNullException.ThrowIfNull(b);
        ArgumentOutOfRangeException.ThrowIfNegative(bound);
        if (Math.Abs(a.Length - b.Length) > bound)
        {
            return bound + 1;
        }

        var beforePrevious = new int[b.Length + 1];
        var previous = new int[b.Length + 1];
        var current = new int[b.Length + 1];
        for (var j = 0; j <= b.Length; j++)
        {
            previous[j] = j;
        }

        for (var i = 1; i <= a.Length; i++)
        {
            current[0] = i;
            var rowMin = current[0];
            for (var j = 1; j <= b.Length; j++)
            {
                var cost = a[i - 1] == b[j - 1] ? 0 : 1;
                var value = Math.Min(Math.Min(previous[j] + 1, current[j - 1] + 1), previous[j - 1] + cost);
                if (i > 1 && j > 1 && a[i - 1] == b[j - 2] && a[i - 2] == b[j - 1])
                {
                    value = Math.Min(value, beforePrevious[j - 2] + 1);
                }

                current[j] = value;
                rowMin = Math.Min(rowMin, value);
            }

            // Every later row is at least this row's smallest value.
            if (rowMin > bound)
            {
                return bound + 1;
            }

            (beforePrevious, previous, current) = (previous, current, beforePrevious);
        }

        return Math.Min(previous[b.Length], bound + 1);
    }
}
