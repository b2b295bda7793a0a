using GastroRef.Content;

namespace GastroRef.Cli;

/// <summary>The editors' commands: <c>gastroref validate [dir]</c> and <c>gastroref new &lt;type&gt; &lt;slug&gt; [dir]</c>.</summary>
public static class EditorCommands
{
    private const string Usage = """
        usage:
          gastroref validate [content-dir]         check every file; prints path:line: message per problem
          gastroref new <type> <slug> [content-dir] write a draft for a new structure (not published until 'draft: true' goes)
        types: muscle, muscle-head, muscle-group, nerve, artery, vein, bone, tendon, joint, region, condition
        """;

    public static int Run(string[] args, TextWriter output, TextWriter error)
    {
        ArgumentNullException.ThrowIfNull(args);
        ArgumentNullException.ThrowIfNull(output);
        ArgumentNullException.ThrowIfNull(error);
        return args switch
        {
            ["validate"] => Validate(DefaultContentDir(), output, error),
            ["validate", var dir] => Validate(dir, output, error),
            ["new", var type, var slug] => New(type, slug, DefaultContentDir(), output, error),
            ["new", var type, var slug, var dir] => New(type, slug, dir, output, error),
            ["help" or "--help" or "-h"] => Help(output),
            _ => Help(error, 2),
        };
    }

    private static int Help(TextWriter writer, int code = 0)
    {
        writer.WriteLine(Usage);
        return code;
    }

    private static int Validate(string dir, TextWriter output, TextWriter error)
    {
        if (!Directory.Exists(dir))
        {
            error.WriteLine($"{dir}: no such folder");
            return 2;
        }

        var content = ContentLoader.Load(dir);

        // Errors first, so a broken file's own error is the first line an editor reads.
        foreach (var problem in content.Problems.OrderByDescending(p => p.IsError).ThenBy(p => p.Path, StringComparer.Ordinal).ThenBy(p => p.Line))
        {
            // Paths are printed from where the command runs, so editors can click them.
            var shown = problem with { Path = Path.Combine(dir, problem.Path).Replace('\\', '/') };
            (problem.IsError ? error : output).WriteLine(shown);
        }

        var errors = content.Problems.Count(p => p.IsError);
        var warnings = content.Problems.Count - errors;
        var drafts = content.Drafts.Count == 0 ? "" : $", {Count(content.Drafts.Count, "draft")} (not published)";
        var files = content.Documents.Count + content.Drafts.Count + content.RejectedPaths.Count;
        output.WriteLine($"{Count(content.Documents.Count, "structure")} valid{drafts}, {Count(errors, "error")}, {Count(warnings, "warning")} in {Count(files, "file")}");
        output.WriteLine($"{Count(content.Plates.Plates.Count, "plate")} valid, {content.Plates.RejectedSlugs.Count} rejected");
        return errors == 0 ? 0 : 1;
    }

    private static int New(string type, string slug, string dir, TextWriter output, TextWriter error)
    {
        string text;
        try
        {
            text = Skeleton.Create(type, slug, DateOnly.FromDateTime(DateTime.UtcNow));
        }
        catch (ArgumentException e)
        {
            error.WriteLine(e.Message[..e.Message.IndexOf(" (Parameter", StringComparison.Ordinal)]);
            return 2;
        }

        var path = Path.Combine(dir, Skeleton.FolderFor(type), slug + ".md");
        if (File.Exists(path))
        {
            // Never overwrite an editor's work.
            error.WriteLine($"{path} already exists; nothing was written");
            return 1;
        }

        Directory.CreateDirectory(Path.GetDirectoryName(path)!);
        File.WriteAllText(path, text);
        output.WriteLine($"wrote {path} (a draft: remove 'draft: true' when its TODOs are done)");
        return 0;
    }

    private static string Count(int count, string noun) => count == 1 ? $"1 {noun}" : $"{count} {noun}s";

    /// <summary>The content folder: ./content, else the repository's content/ above the working folder.</summary>
    private static string DefaultContentDir()
    {
        var current = Directory.GetCurrentDirectory();
        return Directory.Exists(Path.Combine(current, "content")) || RepositoryContent.Find(current) is not { } found
            ? "content"
            : Path.GetRelativePath(current, found);
    }
}
