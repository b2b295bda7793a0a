using GastroRef.Web.Data;
using GastroRef.Web.Search;
using GastroRef.Web.Tests.Infrastructure;
using Microsoft.Data.Sqlite;
using Microsoft.Extensions.DependencyInjection;

namespace GastroRef.Web.Tests.Data;

/// <summary>A reseed builds the new snapshot from the previous one where the input did not change (the graph, the
/// names, the terms a page neither gained nor lost); each step must give what a build from nothing gives.</summary>
public sealed class IncrementalSnapshotTests : IDisposable
{
    private readonly SiteFactory _site = new();

    public void Dispose() => _site.Dispose();

    [Fact]
    public async Task Every_reseed_publishes_the_graph_and_vocabulary_a_full_build_gives()
    {
        await _site.ReadyClientAsync();
        var state = _site.Services.GetRequiredService<StoreState>();
        var soleus = Path.Combine(_site.ContentPath, "muscles", "soleus.md");
        var original = await File.ReadAllTextAsync(soleus);

        // Text only, with words no page had: the graph and the names are reused, two terms are counted again.
        var before = state.Snapshot;
        await File.WriteAllTextAsync(soleus, original + "\nZymoglobin quintessary paragraph, added by the test.\n");
        await ReseedAndCompareAsync(expectedTerm: ("zymoglobin", 1));
        Assert.Same(before.Graph.All, state.Snapshot.Graph.All);
        Assert.Same(before.Part<SearchVocabulary>()!.Names.Suggest(["sol"], typing: true, 5)[0], state.Snapshot.Part<SearchVocabulary>()!.Names.Suggest(["sol"], typing: true, 5)[0]);

        // The words go again: their terms leave the vocabulary.
        await File.WriteAllTextAsync(soleus, original);
        await ReseedAndCompareAsync(expectedTerm: ("zymoglobin", 0));

        // The same number of relations, in another order: the graph is built again (edges keep their order).
        await File.WriteAllTextAsync(soleus, original.Replace("origin_on: [tibia, fibula]", "origin_on: [fibula, tibia]", StringComparison.Ordinal));
        await ReseedAndCompareAsync(expectedTerm: ("zymoglobin", 0));
        Assert.Equal(["fibula", "tibia"], state.Snapshot.Graph.Outgoing("soleus").Where(e => e.Kind == "origin_on").Select(e => e.To));

        // A new title: the graph and the names are built again.
        await File.WriteAllTextAsync(soleus, original.Replace("title: Soleus", "title: Soleus quintessarius", StringComparison.Ordinal));
        await ReseedAndCompareAsync(expectedTerm: ("quintessarius", 1));

        // A new page and then its removal.
        _site.WriteContent("nerves/incremental-nerve.md", """
            ---
            title: Incremental nerve
            type: nerve
            summary: A nerve that comes and goes, xylophonic.
            sources: ["One.", "Two."]
            relations:
              branch_of: [tibial-nerve]
              related: [soleus]
            ---

            ## Course

            Runs somewhere near the soleus.
            """);
        await ReseedAndCompareAsync(expectedTerm: ("xylophonic", 1));
        File.Delete(Path.Combine(_site.ContentPath, "nerves", "incremental-nerve.md"));
        await ReseedAndCompareAsync(expectedTerm: ("xylophonic", 0));
    }

    [Fact]
    public async Task Changed_pages_are_tokenized_as_the_index_is()
    {
        await _site.ReadyClientAsync();
        await using var connection = new SqliteConnection($"Data Source={_site.DatabasePath};Pooling=False");
        await connection.OpenAsync();
        await using var command = connection.CreateCommand();
        command.CommandText = "SELECT sql FROM sqlite_master WHERE name = 'SearchStructures'";
        Assert.Contains($"tokenize = '{SearchSchema.Tokenizer}'", (string)(await command.ExecuteScalarAsync())!, StringComparison.Ordinal);
    }

    private async Task ReseedAndCompareAsync((string Term, int Documents) expectedTerm)
    {
        var report = await _site.ReseedAsync();
        Assert.True(report.Changed);
        Assert.DoesNotContain(report.Problems, p => p.IsError);
        var published = _site.Services.GetRequiredService<StoreState>().Snapshot;
        var vocabulary = published.Part<SearchVocabulary>()!;
        Assert.Equal(expectedTerm.Documents, vocabulary.DocumentCount(expectedTerm.Term));

        var full = await _site.Services.GetRequiredService<SearchEngine>().LoadVocabularyAsync(published.Version, CancellationToken.None);
        Assert.Equal(full.DocumentCounts.OrderBy(p => p.Key, StringComparer.Ordinal), vocabulary.DocumentCounts.OrderBy(p => p.Key, StringComparer.Ordinal));
        foreach (var prefix in full.DocumentCounts.Keys.Select(t => t[..Math.Min(3, t.Length)]).Distinct().Take(400))
        {
            Assert.Equal(full.Completions(prefix, 12), vocabulary.Completions(prefix, 12));
            Assert.Equal(full.PrefixDocumentCount(prefix), vocabulary.PrefixDocumentCount(prefix));
            Assert.Equal(Suggestions(full, prefix), Suggestions(vocabulary, prefix));
        }

        Assert.Equal(full.Names.Structures.Values.OrderBy(s => s.Id), vocabulary.Names.Structures.Values.OrderBy(s => s.Id), SameStructure);
        foreach (var word in full.DocumentCounts.Keys.Where(t => t.All(char.IsLetter)).Take(300))
        {
            Assert.Equal(full.Forms(word), vocabulary.Forms(word));
            Assert.Equal(full.Correct(word + "q"), vocabulary.Correct(word + "q"));
        }

        AssertSameGraph(await FullGraphAsync(published.Version), published.Graph);
    }

    private static string[] Suggestions(SearchVocabulary vocabulary, string prefix) =>
        [.. vocabulary.Names.Suggest([prefix], typing: true, 20).Select(n => $"{n.StructureId} {n.Kind} {n.Display} {n.Normalized}")];

    private static bool SameStructure(IndexedStructure a, IndexedStructure b) =>
        a.Id == b.Id && a.Slug == b.Slug && a.Type == b.Type && a.Title == b.Title && a.Summary == b.Summary && a.Latin == b.Latin && a.Aliases.SequenceEqual(b.Aliases);

    private async Task<GraphSnapshot> FullGraphAsync(long version)
    {
        await using var connection = new SqliteConnection($"Data Source={_site.DatabasePath};Pooling=False");
        await connection.OpenAsync();
        await using var transaction = connection.BeginTransaction(deferred: true);
        Assert.Equal(version, await ContentSnapshot.ReadVersionAsync(connection, transaction, CancellationToken.None));
        var snapshot = await ContentSnapshot.LoadAsync(connection, transaction, version, [], ContentSnapshot.Empty, CancellationToken.None);
        return snapshot.Graph;
    }

    private static void AssertSameGraph(GraphSnapshot full, GraphSnapshot published)
    {
        Assert.Equal(full.Version, published.Version);
        Assert.Equal(full.All, published.All);
        Assert.Equal(full.Regions, published.Regions);
        Assert.Equal(Tree(full.RegionTree), Tree(published.RegionTree));
        foreach (var node in full.All)
        {
            Assert.Equal(full.Outgoing(node.Slug), published.Outgoing(node.Slug));
            Assert.Equal(full.Incoming(node.Slug), published.Incoming(node.Slug));
            Assert.Equal(full.RegionsOf(node.Slug), published.RegionsOf(node.Slug));
            Assert.Equal(full.InRegion(node.Slug), published.InRegion(node.Slug));
            Assert.Equal(full.Breadcrumbs(node.Slug), published.Breadcrumbs(node.Slug));
        }

        static string[] Tree(IReadOnlyList<RegionBranch> tree) =>
            [.. tree.SelectMany(b => b.Flatten()).Select(p => $"{p.Depth} {p.Branch.Region.Slug} {p.Branch.Count}")];
    }
}
