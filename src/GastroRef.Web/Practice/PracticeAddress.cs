using System.Globalization;
using GastroRef.Content;
using GastroRef.Web.Data;
using Microsoft.Extensions.Primitives;

namespace GastroRef.Web.Practice;

/// <summary>What a practice page does with its address: a chooser's choice (region, type, page) or an incomplete set
/// address is redirected to the full address of a set, so that whatever the reader sees can be shared as it is.</summary>
public sealed record PracticeAddress(PracticeSnapshot Snapshot, string? RedirectTo, PracticeSetRequest? Set, PracticeRequestErrors? Errors)
{
    private static readonly string[] SetKeys = ["structures", "kinds", "count", "seed"];

    public static async Task<PracticeAddress> ResolveAsync(string path, IQueryCollection query, PracticeBank bank, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(query);
        ArgumentNullException.ThrowIfNull(bank);
        var snapshot = await bank.GetAsync(cancellationToken);
        var chosen = Chosen(query, snapshot.Graph, out var chooserErrors);
        if (chooserErrors.Count > 0)
        {
            return new(snapshot, null, null, new(chooserErrors, [], [.. chooserErrors.Select(e => $"'{e}' is not a region, a kind of structure or a page.")]));
        }

        var complete = SetKeys.Skip(1).All(k => !StringValues.IsNullOrEmpty(query[k])) && chosen is null
            && query.Keys.All(k => SetKeys.Contains(k, StringComparer.Ordinal));
        var merged = new Dictionary<string, StringValues>(query.Select(p => KeyValuePair.Create(p.Key, p.Value)), StringComparer.Ordinal);
        if (chosen is not null)
        {
            merged["structures"] = string.Join(",", chosen);
        }

        var set = snapshot.Parse(new QueryCollection(merged), Random.Shared.Next(1, 1_000_000), out var errors);
        if (set is null)
        {
            return new(snapshot, null, null, errors);
        }

        return complete ? new(snapshot, null, set, null) : new(snapshot, $"{path}?{set.Query}", null, null);
    }

    /// <summary>The structures a chooser form picked: all in a region (with the region), all of a type, or one page with
    /// the structures it is connected to. Null when the address names none of these.</summary>
    private static List<string>? Chosen(IQueryCollection query, GraphSnapshot graph, out List<string> unknown)
    {
        unknown = [];
        var picked = new List<string>();
        var any = false;
        if (query["region"].ToString() is { Length: > 0 } region)
        {
            any = true;
            if (graph.Find(region) is { Type: "region" })
            {
                picked.Add(region);
                picked.AddRange(graph.InRegion(region).Select(n => n.Slug));
            }
            else
            {
                unknown.Add(region);
            }
        }

        if (query["type"].ToString() is { Length: > 0 } type)
        {
            any = true;
            if (ContentSchema.Types.Contains(type))
            {
                picked.AddRange(graph.All.Where(n => n.Type == type).Select(n => n.Slug));
            }
            else
            {
                unknown.Add(type);
            }
        }

        if (query["page"].ToString() is { Length: > 0 } page)
        {
            any = true;
            if (graph.Find(page) is not null)
            {
                picked.Add(page);
                picked.AddRange(graph.Outgoing(page).Select(e => e.To).Concat(graph.Incoming(page).Select(e => e.From)));
            }
            else
            {
                unknown.Add(page);
            }
        }

        return any ? [.. picked.Distinct()] : null;
    }

    /// <summary>"Soleus › Innervation" for a learn-more link.</summary>
    public static string LinkLabel(GraphSnapshot graph, string learnMore)
    {
        ArgumentNullException.ThrowIfNull(graph);
        ArgumentNullException.ThrowIfNull(learnMore);
        var parts = learnMore[StructureUrls.Prefix.Length..].Split('#');
        var title = graph.Find(parts[0])?.Title ?? parts[0];
        if (parts.Length < 2)
        {
            return title;
        }

        var section = parts[1].Replace('-', ' ');
        return $"{title} › {char.ToUpper(section[0], CultureInfo.InvariantCulture)}{section[1..]}";
    }

    /// <summary>A short description of the set: "Soleus, Tibial nerve" or "12 structures".</summary>
    public static string Describe(GraphSnapshot graph, PracticeSetRequest set)
    {
        ArgumentNullException.ThrowIfNull(graph);
        ArgumentNullException.ThrowIfNull(set);
        return set.Structures.Count switch
        {
            0 => "All structures",
            <= 3 => string.Join(", ", set.Structures.Select(s => graph.Find(s)?.Title ?? s)),
            var n => $"{n} structures",
        };
    }
}
