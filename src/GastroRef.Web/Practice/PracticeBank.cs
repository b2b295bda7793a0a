using System.Globalization;
using GastroRef.Web.Data;
using Microsoft.Extensions.Primitives;

namespace GastroRef.Web.Practice;

/// <summary>Where identify questions find their plates: the drawn plates of one content snapshot.</summary>
public interface IPracticePlates
{
    IReadOnlyList<PracticePlate> DrawnPlates(ContentSnapshot snapshot);
}

/// <summary>No plates, so no identify questions (a site run without the atlas).</summary>
public sealed class NoPracticePlates : IPracticePlates
{
    public IReadOnlyList<PracticePlate> DrawnPlates(ContentSnapshot snapshot) => [];
}

/// <summary>A practice set, fully described by its address: which structures, which kinds, how many, which seed.</summary>
public sealed record PracticeSetRequest(IReadOnlyList<string> Structures, IReadOnlyList<string> Kinds, int Count, int Seed)
{
    public const int DefaultCount = 10;
    public const int MaxCount = 100;

    /// <summary>The query string that names this set, every part explicit, e.g. <c>structures=soleus&amp;kinds=recall&amp;count=10&amp;seed=7</c>.</summary>
    public string Query =>
        string.Join("&", new[]
        {
            Structures.Count > 0 ? "structures=" + string.Join(",", Structures) : null,
            "kinds=" + string.Join(",", Kinds),
            "count=" + Count.ToString(CultureInfo.InvariantCulture),
            "seed=" + Seed.ToString(CultureInfo.InvariantCulture),
        }.OfType<string>());
}

/// <summary>What is wrong with a set's address, each problem named.</summary>
public sealed record PracticeRequestErrors(IReadOnlyList<string> UnknownStructures, IReadOnlyList<string> UnknownKinds, IReadOnlyList<string> Messages);

/// <summary>Every question of one content version, and the sets chosen from them.</summary>
public sealed class PracticeSnapshot(long version, GraphSnapshot graph, IReadOnlyList<PracticeQuestion> questions, IReadOnlyList<PracticePlate>? plates = null)
{
    private readonly Dictionary<string, PracticePlate> _plates = (plates ?? []).ToDictionary(p => p.Slug, StringComparer.Ordinal);

    /// <summary>The plate an identify question was generated from, as it was then.</summary>
    public PracticePlate? Plate(string? slug) => slug is not null && _plates.TryGetValue(slug, out var plate) ? plate : null;

    public long Version { get; } = version;

    public GraphSnapshot Graph { get; } = graph;

    public IReadOnlyList<PracticeQuestion> Questions { get; } = questions;

    /// <summary>The questions about the requested structures and of the requested kinds, in an order that depends only
    /// on the seed and each question's id, so the same address always gives the same questions in the same order.</summary>
    public IReadOnlyList<PracticeQuestion> Select(PracticeSetRequest request)
    {
        ArgumentNullException.ThrowIfNull(request);
        var structures = request.Structures.ToHashSet(StringComparer.Ordinal);
        var seed = request.Seed.ToString(CultureInfo.InvariantCulture);
        return [.. Questions
            .Where(q => request.Kinds.Contains(q.Kind) && (structures.Count == 0 || structures.Contains(q.Subject)))
            .OrderBy(q => StableHash.Of(seed + "|" + q.Id))
            .ThenBy(q => q.Id, StringComparer.Ordinal)
            .Take(request.Count)];
    }

    /// <summary>Reads a set from a query string; null with <paramref name="errors"/> when any part is wrong.
    /// A missing seed becomes <paramref name="defaultSeed"/>; missing structures or kinds mean all of them.</summary>
    public PracticeSetRequest? Parse(IQueryCollection query, int defaultSeed, out PracticeRequestErrors? errors)
    {
        ArgumentNullException.ThrowIfNull(query);
        var messages = new List<string>();
        var structures = List(query["structures"]).Select(s => s.ToLowerInvariant()).Distinct().ToList();
        var unknownStructures = structures.Where(s => Graph.Find(s) is null).ToList();
        if (unknownStructures.Count > 0)
        {
            messages.Add($"No structure has the slug{(unknownStructures.Count == 1 ? "" : "s")} {string.Join(", ", unknownStructures.Select(s => $"'{s}'"))}.");
        }

        var kinds = List(query["kinds"]).Select(k => k.ToLowerInvariant()).Distinct().ToList();
        var unknownKinds = kinds.Where(k => !PracticeKinds.All.Contains(k)).ToList();
        if (unknownKinds.Count > 0)
        {
            messages.Add($"Unknown kind{(unknownKinds.Count == 1 ? "" : "s")} {string.Join(", ", unknownKinds.Select(k => $"'{k}'"))}; the kinds are {string.Join(", ", PracticeKinds.All)}.");
        }

        var count = PracticeSetRequest.DefaultCount;
        if (!StringValues.IsNullOrEmpty(query["count"])
            && (!int.TryParse(query["count"].ToString(), NumberStyles.None, CultureInfo.InvariantCulture, out count) || count is < 1 or > PracticeSetRequest.MaxCount))
        {
            messages.Add($"count must be a whole number from 1 to {PracticeSetRequest.MaxCount}.");
        }

        var seed = defaultSeed;
        if (!StringValues.IsNullOrEmpty(query["seed"])
            && !int.TryParse(query["seed"].ToString(), NumberStyles.None, CultureInfo.InvariantCulture, out seed))
        {
            messages.Add($"seed must be a whole number from 0 to {int.MaxValue}.");
        }

        if (messages.Count > 0)
        {
            errors = new(unknownStructures, unknownKinds, messages);
            return null;
        }

        errors = null;
        return new(structures, kinds.Count > 0 ? [.. PracticeKinds.All.Where(kinds.Contains)] : PracticeKinds.All, count, seed);
    }

    private static IEnumerable<string> List(StringValues values) =>
        values.SelectMany(v => (v ?? "").Split(',', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries));
}

/// <summary>Generates the questions once per content version (the generator reads every page) and keeps them.</summary>
public sealed class PracticeBank(StructureQueries queries, StoreState state, IPracticePlates plates) : IDisposable
{
    private readonly SemaphoreSlim _building = new(1, 1);
    private PracticeSnapshot? _current;

    public async Task<PracticeSnapshot> GetAsync(CancellationToken cancellationToken)
    {
        var current = Volatile.Read(ref _current);
        if (current is not null && current.Version == state.Version)
        {
            return current;
        }

        await _building.WaitAsync(cancellationToken);
        try
        {
            if (_current is { } built && built.Version == state.Version)
            {
                return built;
            }

            // The graph and the documents of one content version.
            await using var read = await queries.ReadAsync(cancellationToken);
            var snapshot = read.Snapshot.Graph;
            var records = await read.ListRecordsAsync(cancellationToken);
            var documents = records.ToDictionary(r => r.Slug, r => StoredDocument.FromJson(r.DocumentJson), StringComparer.Ordinal);
            // The plates of the same content snapshot, so a question never shows a plate of another version.
            var drawn = plates.DrawnPlates(read.Snapshot);
            var questions = new QuestionGenerator(snapshot, documents, drawn).Generate();
            var result = new PracticeSnapshot(snapshot.Version, snapshot, questions, drawn);
            Volatile.Write(ref _current, result);
            return result;
        }
        finally
        {
            _building.Release();
        }
    }

    public void Dispose() => _building.Dispose();
}
