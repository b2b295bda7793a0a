namespace GastroRef.Content.Tests;

/// <summary>A throwaway content folder for one test.</summary>
internal sealed class ContentFolder : IDisposable
{
    public ContentFolder()
    {
        Root = Path.Combine(Path.GetTempPath(), "gastroref-content-tests", Guid.NewGuid().ToString("N"));
        Directory.CreateDirectory(Root);
    }

    public string Root { get; }

    public ContentFolder With(string relativePath, string text)
    {
        var path = Path.Combine(Root, relativePath);
        Directory.CreateDirectory(Path.GetDirectoryName(path)!);
        File.WriteAllText(path, text);
        return this;
    }

    public ContentSet Load() => ContentLoader.Load(Root);

    public void Dispose() => Directory.Delete(Root, recursive: true);

    /// <summary>A valid muscle page; <paramref name="extraFrontMatter"/> and <paramref name="body"/> vary it.</summary>
    public static string Muscle(string title = "Test muscle", string extraFrontMatter = "", string body = "## Origin\n\nFrom somewhere.\n") =>
        $"---\ntitle: {title}\ntype: muscle\nsummary: A test.\nsources: [\"One.\", \"Two.\"]\nupdated: 2026-11-21\n{extraFrontMatter}---\n\n{body}";

    public static string Nerve(string title = "Test nerve") =>
        $"---\ntitle: {title}\ntype: nerve\nsummary: A test.\nsources: [\"One.\", \"Two.\"]\nupdated: 2026-11-21\n---\n\n## Branches\n\nSome.\n";

    public static string Artery(string title = "Test artery") =>
        $"---\ntitle: {title}\ntype: artery\nsummary: A test.\nsources: [\"One.\", \"Two.\"]\nupdated: 2026-11-21\n---\n\n## Course\n\nSome.\n";
}
