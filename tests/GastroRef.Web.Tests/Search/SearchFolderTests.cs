using System.Text.RegularExpressions;
using GastroRef.Web.Tests.Infrastructure;

namespace GastroRef.Web.Tests.Search;

/// <summary>Search is one feature folder: it may use the store and the other folders, but nothing it uses may use
/// it back (read from the <c>using</c> lines of the C# and Razor files).</summary>
public sealed partial class SearchFolderTests
{
    private static readonly string Web = Path.Combine(RepositoryPaths.Root, "src", "GastroRef.Web");

    [Fact]
    public void No_folder_that_search_depends_on_depends_back_on_search()
    {
        var graph = FolderDependencies();
        Assert.Contains("Data", graph["Search"]);

        var reached = new HashSet<string>(StringComparer.Ordinal);
        var pending = new Stack<string>(graph["Search"]);
        while (pending.TryPop(out var folder))
        {
            if (reached.Add(folder))
            {
                foreach (var next in graph.GetValueOrDefault(folder) ?? [])
                {
                    pending.Push(next);
                }
            }
        }

        Assert.DoesNotContain("Search", reached);
    }

    [Fact]
    public void The_search_schema_writer_engine_endpoints_and_page_model_live_in_the_search_folder()
    {
        foreach (var file in new[] { "SearchSchema.cs", "SearchIndexWriter.cs", "SearchEngine.cs", "SearchApi.cs", "SearchPageModel.cs" })
        {
            Assert.True(File.Exists(Path.Combine(Web, "Search", file)), $"Search/{file} is missing");
        }

        Assert.DoesNotContain(
            Directory.EnumerateFiles(Web, "*.cs", SearchOption.AllDirectories),
            f => Path.GetFileName(f).StartsWith("Search", StringComparison.Ordinal) && TopFolder(f) != "Search");
    }

    /// <summary>Top folder of src/GastroRef.Web → the top folders its files name in <c>using GastroRef.Web.X</c>,
    /// <c>@using</c> and <c>@model</c> lines.</summary>
    private static Dictionary<string, HashSet<string>> FolderDependencies()
    {
        var graph = new Dictionary<string, HashSet<string>>(StringComparer.Ordinal);
        foreach (var file in Directory.EnumerateFiles(Web, "*.*", SearchOption.AllDirectories)
            .Where(f => f.EndsWith(".cs", StringComparison.Ordinal) || f.EndsWith(".cshtml", StringComparison.Ordinal))
            .Where(f => !f.Contains($"{Path.DirectorySeparatorChar}obj{Path.DirectorySeparatorChar}", StringComparison.Ordinal)
                && !f.Contains($"{Path.DirectorySeparatorChar}bin{Path.DirectorySeparatorChar}", StringComparison.Ordinal)))
        {
            var from = TopFolder(file);
            if (from is null)
            {
                continue;
            }

            foreach (Match match in Reference().Matches(File.ReadAllText(file)))
            {
                var to = match.Groups["folder"].Value;
                if (to != from)
                {
                    (graph.TryGetValue(from, out var set) ? set : graph[from] = new(StringComparer.Ordinal)).Add(to);
                }
            }
        }

        return graph;
    }

    private static string? TopFolder(string file)
    {
        var parts = Path.GetRelativePath(Web, file).Split(Path.DirectorySeparatorChar);
        return parts.Length > 1 ? parts[0] : null;
    }

    [GeneratedRegex(@"^\s*@?(?:using|model)\s+GastroRef\.Web\.(?<folder>[A-Za-z]+)\b", RegexOptions.Multiline)]
    private static partial Regex Reference();
}
