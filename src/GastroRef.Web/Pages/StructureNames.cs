using System.Collections.Frozen;
using System.Runtime.CompilerServices;
using GastroRef.Content;
using GastroRef.Web.Data;
using GastroRef.Web.Search;

namespace GastroRef.Web.Pages;

/// <summary>A structure offered for an address that named none: <see cref="Alias"/> is the other name that
/// matched ("Achilles tendon" for the calcaneal tendon), null when its title did.</summary>
public sealed record SuggestedStructure(StructureLink Link, string? Alias);

/// <summary>What the names of the structures (titles, aliases, Latin names) say about an address that is not a page:
/// the page an alias names (/anatomy/achilles-tendon is the calcaneal tendon), and the structures a mistyped or
/// partial address most likely meant, matched as the search box's suggestions match them.</summary>
public static class StructureNames
{
    /// <summary>Addresses no longer than this are looked up; nothing longer is a name, and it is not worth the work.</summary>
    public const int MaxAddressLength = 100;

    // One map per vocabulary, which is one per content version; the table drops it with the vocabulary.
    private static readonly ConditionalWeakTable<SearchVocabulary, FrozenDictionary<string, string>> AliasMaps = [];

    /// <summary>The slug of the page one of whose names, slugified the way slugs are, is <paramref name="address"/>;
    /// null when none is, or when two pages share that name (the 404 page then lists both).</summary>
    public static async Task<string?> PageForAliasAsync(SearchEngine search, string address, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(search);
        ArgumentNullException.ThrowIfNull(address);
        if (address.Length is 0 or > MaxAddressLength)
        {
            return null;
        }

        var vocabulary = await search.VocabularyAsync(cancellationToken);
        return AliasMaps.GetValue(vocabulary, AliasMap).GetValueOrDefault(address);
    }

    /// <summary>Up to <paramref name="count"/> structures whose names start with or contain the words of
    /// <paramref name="wanted"/> (with the search box's typo correction and synonyms), best first; none when nothing
    /// matches, rather than the least bad guesses.</summary>
    public static async Task<IReadOnlyList<SuggestedStructure>> SuggestAsync(SearchEngine search, string wanted, int count, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(search);
        ArgumentNullException.ThrowIfNull(wanted);
        var words = wanted.Replace('-', ' ').Replace('_', ' ').Trim();
        if (words.Length is 0 or > MaxAddressLength)
        {
            return [];
        }

        var names = await search.SuggestAsync(words, SearchEngine.MaxSuggestions, cancellationToken);
        return [.. names
            .GroupBy(n => n.Slug, StringComparer.Ordinal)
            .Select(g => g.First())
            .Take(count)
            .Select(n => new SuggestedStructure(new StructureLink(n.Slug, n.Title, n.Type), n.Kind == "title" ? null : n.Label))];
    }

    private static FrozenDictionary<string, string> AliasMap(SearchVocabulary vocabulary)
    {
        var structures = vocabulary.Names.Structures.Values;
        var slugs = structures.Select(s => s.Slug).ToHashSet(StringComparer.Ordinal);
        return structures
            .SelectMany(s => s.Aliases.Append(s.Title).Append(s.Latin).Select(name => (Address: ArticleParser.Slugify(name), s.Slug)))
            .Where(p => p.Address.Length > 0 && !slugs.Contains(p.Address))
            .Distinct()
            .GroupBy(p => p.Address, StringComparer.Ordinal)
            .Where(g => g.Count() == 1)
            .ToFrozenDictionary(g => g.Key, g => g.Single().Slug, StringComparer.Ordinal);
    }
}
