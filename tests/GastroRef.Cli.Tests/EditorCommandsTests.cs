using GastroRef.Content;

namespace GastroRef.Cli.Tests;

public sealed class EditorCommandsTests : IDisposable
{
    private readonly string _root = Path.Combine(Path.GetTempPath(), "gastroref-cli-tests", Guid.NewGuid().ToString("N"));

    public EditorCommandsTests() => Directory.CreateDirectory(_root);

    public void Dispose() => Directory.Delete(_root, recursive: true);

    private static (int Code, string Output, string Error) Run(params string[] args)
    {
        using var output = new StringWriter();
        using var error = new StringWriter();
        var code = EditorCommands.Run(args, output, error);
        return (code, output.ToString(), error.ToString());
    }

    [Fact]
    public void Validate_exits_0_on_a_clean_folder()
    {
        Assert.Equal(0, Run("new", "nerve", "test-nerve", _root).Code);

        var (code, output, error) = Run("validate", _root);

        Assert.Equal(0, code);
        Assert.Empty(error);
        Assert.Contains("0 structures valid, 1 draft (not published), 0 errors", output, StringComparison.Ordinal);
        Assert.Contains($"{_root}/nerves/test-nerve.md:5: warning: draft: latin: TODO Latin name", output, StringComparison.Ordinal);
    }

    [Fact]
    public void Validate_counts_in_the_singular_and_puts_errors_first()
    {
        Directory.CreateDirectory(Path.Combine(_root, "muscles"));
        File.WriteAllText(Path.Combine(_root, "muscles", "a.md"), "---\ntitle: A\ntype: muscle\n---\n\n## Origin\n\nText.\n");
        File.WriteAllText(Path.Combine(_root, "muscles", "b.md"), "---\ntitle: \"B\ntype: muscle\n---\n");

        var (code, output, error) = Run("validate", _root);

        Assert.Equal(1, code);
        Assert.StartsWith($"{_root}/muscles/b.md:", error, StringComparison.Ordinal);
        Assert.Contains("1 structure valid, 1 error, 4 warnings in 2 files", output, StringComparison.Ordinal);
    }

    [Fact]
    public void Validate_exits_1_with_one_path_line_message_per_problem()
    {
        Directory.CreateDirectory(Path.Combine(_root, "muscles"));
        File.WriteAllText(Path.Combine(_root, "muscles", "bad.md"), "---\ntitle: Bad\ntype: muscle\nrelations:\n  innervated_by: [nobody]\ncolour: red\n---\n");

        var (code, _, error) = Run("validate", _root);

        Assert.Equal(1, code);
        var lines = error.Split('\n', StringSplitOptions.RemoveEmptyEntries);
        Assert.Contains($"{_root}/muscles/bad.md:5: innervated_by: no structure has the slug 'nobody'", lines);
        Assert.Contains(lines, l => l.StartsWith($"{_root}/muscles/bad.md:6: unknown field 'colour'", StringComparison.Ordinal));
    }

    [Fact]
    public void Validate_prints_path_and_line_for_markdown_too_deeply_nested_to_render()
    {
        Directory.CreateDirectory(Path.Combine(_root, "muscles"));
        var deep = string.Concat(Enumerable.Repeat("**", 5000)) + "a" + string.Concat(Enumerable.Repeat("**", 5000));
        File.WriteAllText(Path.Combine(_root, "muscles", "deep.md"), $"---\ntitle: Deep\ntype: muscle\n---\n\n## Origin\n\n{deep}\n");

        var (code, _, error) = Run("validate", _root);

        Assert.Equal(1, code);
        Assert.StartsWith($"{_root}/muscles/deep.md:8: ", error, StringComparison.Ordinal);
    }

    [Fact]
    public void Validate_names_a_missing_folder()
    {
        var (code, _, error) = Run("validate", Path.Combine(_root, "nope"));

        Assert.Equal(2, code);
        Assert.Contains("no such folder", error, StringComparison.Ordinal);
    }

    [Theory]
    [MemberData(nameof(Types))]
    public void New_writes_a_draft_of_the_right_shape_that_is_not_published_until_its_draft_line_goes(string type)
    {
        var (code, output, _) = Run("new", type, "test-structure", _root);

        Assert.Equal(0, code);
        var path = Path.Combine(_root, Skeleton.FolderFor(type), "test-structure.md");
        Assert.Contains(path, output, StringComparison.Ordinal);
        var text = File.ReadAllText(path);
        Assert.Contains("title: Test structure\n", text, StringComparison.Ordinal);
        var draft = ContentLoader.Load(_root);
        Assert.Empty(draft.Documents);
        Assert.Equal([Path.GetRelativePath(_root, path).Replace('\\', '/')], draft.Drafts);
        Assert.All(draft.Problems, p => Assert.False(p.IsError));
        Assert.Equal(text.Split('\n').Count(l => l.Contains("TODO", StringComparison.Ordinal)), draft.Problems.Count(p => p.Message.StartsWith("draft: ", StringComparison.Ordinal)));

        File.WriteAllText(path, text.Replace(Skeleton.DraftLine, "", StringComparison.Ordinal));
        var content = ContentLoader.Load(_root);
        Assert.Empty(content.Problems);
        var document = Assert.Single(content.Documents);
        Assert.Equal(type, document.Type);
        Assert.Equal(ContentSchema.RequiredSectionsByType[type], document.Sections.Select(s => s.Id));
        Assert.Equal(ContentSchema.KeyFactsByType[type], document.KeyFacts.Select(f => f.Key));
    }

    public static TheoryData<string> Types() => [.. ContentSchema.Types];

    [Fact]
    public void New_never_overwrites_an_editors_file()
    {
        Assert.Equal(0, Run("new", "bone", "test-bone", _root).Code);
        var path = Path.Combine(_root, "bones", "test-bone.md");
        File.WriteAllText(path, "my work");

        var (code, _, error) = Run("new", "bone", "test-bone", _root);

        Assert.Equal(1, code);
        Assert.Contains("already exists", error, StringComparison.Ordinal);
        Assert.Equal("my work", File.ReadAllText(path));
    }

    [Theory]
    [InlineData("organ", "x", "unknown type 'organ'")]
    [InlineData("muscle", "Bad Slug", "is not a slug")]
    public void New_explains_bad_arguments(string type, string slug, string message)
    {
        var (code, _, error) = Run("new", type, slug, _root);

        Assert.Equal(2, code);
        Assert.Contains(message, error, StringComparison.Ordinal);
    }

    [Fact]
    public void Unknown_commands_print_usage()
    {
        var (code, _, error) = Run("frobnicate");

        Assert.Equal(2, code);
        Assert.Contains("gastroref validate", error, StringComparison.Ordinal);
    }
}
