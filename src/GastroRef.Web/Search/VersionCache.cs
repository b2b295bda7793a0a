using System.Collections.Concurrent;
using System.Diagnostics.CodeAnalysis;

namespace GastroRef.Web.Search;

/// <summary>What one content version's searches keep in memory (it lives in that version's <see cref="SearchVocabulary"/>,
/// so a new version starts empty): indexed pages, phrase scores. Bounded: past <paramref name="budget"/> units, as
/// <paramref name="size"/> counts them, it starts afresh.</summary>
internal sealed class VersionCache<TKey, TValue>(long budget, Func<TValue, int> size)
    where TKey : notnull
{
    private readonly ConcurrentDictionary<TKey, TValue> _items = new();
    private long _used;

    public bool TryGet(TKey key, [MaybeNullWhen(false)] out TValue value) => _items.TryGetValue(key, out value);

    public void Add(TKey key, TValue value)
    {
        var units = size(value);
        if (Interlocked.Add(ref _used, units) > budget)
        {
            _items.Clear();
            Interlocked.Exchange(ref _used, units);
        }

        _items[key] = value;
    }
}
