using GastroRef.Cli;
using GastroRef.Content;

namespace GastroRef.Cli.Tests;

/// <summary><c>gastroref validate</c> reports bad relations as path:line: message, with paths from where it runs.</summary>
public sealed class ValidateRelationsTests : IDisposable
{
    private readonly string _root = Path.Combine(Path.GetTempPath(), "gastroref-cli-tests", Guid.NewGuid().ToString("N"));

    public void Dispose()
    {
        try
        {
            Directory.Delete(_root, recursive: true);
        }
        catch (IOException)
        {
            // A temp folder left behind is harmless.
        }
    }

    [Fact]
    public void Validate_prints_unknown_slugs_and_wrong_kinds_with_file_and_line_and_fails()
    {
        Write("vessels/popliteal-artery.md", Skeleton.Create("artery", "popliteal-artery", new DateOnly(2026, 11, 21)));
        var muscle = Skeleton.Create("muscle", "soleus", new DateOnly(2026, 11, 21))
            .Replace("relations: {}\n", "relations:\n  innervated_by: [popliteal-artery]\n  part_of: [triceps-surea]\n", StringComparison.Ordinal);
        Write("muscles/soleus.md", muscle);
        var lines = muscle.Split('\n');
        var innervatedLine = Array.FindIndex(lines, l => l.Contains("innervated_by", StringComparison.Ordinal)) + 1;
        using var output = new StringWriter();
        using var error = new StringWriter();

        var code = EditorCommands.Run(["validate", _root], output, error);

        Assert.Equal(1, code);
        var printed = error.ToString().Split('\n', StringSplitOptions.RemoveEmptyEntries);
        var shownPath = Path.Combine(_root, "muscles/soleus.md").Replace('\\', '/');
        Assert.Contains($"{shownPath}:{innervatedLine}: innervated_by 'popliteal-artery' is an artery (vessels/popliteal-artery.md); it must be a nerve", printed);
        Assert.Contains($"{shownPath}:{innervatedLine + 1}: part_of: no structure has the slug 'triceps-surea'", printed);
        Assert.Contains("0 structures valid, 1 draft (not published), 2 errors", output.ToString(), StringComparison.Ordinal);
    }

    private void Write(string relative, string text)
    {
        var path = Path.Combine(_root, relative);
        Directory.CreateDirectory(Path.GetDirectoryName(path)!);
        File.WriteAllText(path, text);
    }
}
