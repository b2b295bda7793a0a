using GastroRef.Content;

namespace GastroRef.Content.Tests;

/// <summary>A throw-away content folder of skeleton pages, so a test can state exactly the relations it checks.</summary>
internal sealed class TempContent : IDisposable
{
    private static readonly DateOnly Today = new(2026, 11, 21);

    public TempContent()
    {
        Directory.CreateDirectory(Root);
    }

    public string Root { get; } = Path.Combine(Path.GetTempPath(), "gastroref-content-tests", Guid.NewGuid().ToString("N"));

    /// <summary>Writes a valid skeleton page of <paramref name="type"/> with the given <c>relations:</c> block
    /// (YAML lines indented by two spaces) and returns its content-relative path.</summary>
    public string Page(string type, string slug, params string[] relationLines)
    {
        // A skeleton is a draft; these pages stand for published ones.
        var text = Skeleton.Create(type, slug, Today).Replace(Skeleton.DraftLine, "", StringComparison.Ordinal);
        var relations = relationLines.Length == 0 ? "relations: {}\n" : "relations:\n" + string.Concat(relationLines.Select(l => $"  {l}\n"));
        text = text.Replace("relations: {}\n", relations, StringComparison.Ordinal);
        var relative = $"{Skeleton.FolderFor(type)}/{slug}.md";
        Write(relative, text);
        return relative;
    }

    public void Write(string relative, string text)
    {
        var path = Path.Combine(Root, relative);
        Directory.CreateDirectory(Path.GetDirectoryName(path)!);
        File.WriteAllText(path, text);
    }

    /// <summary>The 1-based line of the first line of a file that contains <paramref name="fragment"/>.</summary>
    public int LineOf(string relative, string fragment)
    {
        var lines = File.ReadAllLines(Path.Combine(Root, relative));
        var index = Array.FindIndex(lines, l => l.Contains(fragment, StringComparison.Ordinal));
        Assert.True(index >= 0, $"'{fragment}' is not in {relative}");
        return index + 1;
    }

    public ContentSet Load() => ContentLoader.Load(Root);

    public void Dispose()
    {
        try
        {
            Directory.Delete(Root, recursive: true);
        }
        catch (IOException)
        {
            // A temp folder left behind is harmless.
        }
    }
}

internal static class RepositoryContent
{
    public static string Path { get; } = Find();

    private static string Find()
    {
        for (var dir = new DirectoryInfo(AppContext.BaseDirectory); dir is not null; dir = dir.Parent)
        {
            if (File.Exists(System.IO.Path.Combine(dir.FullName, "GastroRef.sln")))
            {
                return System.IO.Path.Combine(dir.FullName, "content");
            }
        }

        throw new InvalidOperationException("GastroRef.sln not found above the test binaries.");
    }
}
