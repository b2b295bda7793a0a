using System.Diagnostics;

namespace GastroRef.Content.Tests;

/// <summary>Whatever one file holds, it becomes that file's error: the other files load.</summary>
public sealed class ContentFaultTests
{
    public static TheoryData<string, string, string> Pathological => new()
    {
        { "stars around a letter", "", new string('*', 400) + "a" + new string('*', 400) },
        { "strong emphasis 5000 deep", "", string.Concat(Enumerable.Repeat("**", 5000)) + "a" + string.Concat(Enumerable.Repeat("**", 5000)) },
        { "5000 open images", "", string.Concat(Enumerable.Repeat("![", 5000)) },
        { "a key fact in 3000 stars", $"key_facts:\n  origin: \"{new string('*', 3000)}a{new string('*', 3000)}\"\n", "Text." },
    };

    [Theory]
    [MemberData(nameof(Pathological))]
    public void Markdown_the_library_refuses_is_the_files_error_with_its_line(string what, string frontMatter, string body)
    {
        using var folder = new ContentFolder()
            .With("muscles/good.md", ContentFolder.Muscle("Good"))
            .With("muscles/deep.md", ContentFolder.Muscle("Deep", frontMatter, "## Origin\n\nFine.\n\n## Insertion\n\n" + body + "\n"));

        var content = folder.Load();

        Assert.Equal("good", Assert.Single(content.Documents).Slug);
        Assert.Equal(["muscles/deep.md"], content.RejectedPaths);
        var error = Assert.Single(content.Errors);
        Assert.Equal("muscles/deep.md", error.Path);
        var expectedLine = frontMatter.Length > 0 ? 8 : 15;
        Assert.True(error.Line == expectedLine, $"{what}: line {error.Line}, expected {expectedLine} ({error.Message})");
    }

    [Fact]
    public void A_duplicate_slug_stays_with_the_file_that_held_it_and_the_newcomer_gets_the_error()
    {
        using var folder = new ContentFolder().With("muscles/soleus.md", ContentFolder.Muscle("Soleus"));
        var cache = new ContentCache();
        Assert.Single(ContentLoader.Load(folder.Root, cache).Documents);

        // "bones/" sorts before "muscles/": without the rule the newcomer would win.
        folder.With("bones/soleus.md", ContentFolder.Muscle("Impostor"));
        var content = ContentLoader.Load(folder.Root, cache);

        Assert.Equal(["bones/soleus.md"], content.RejectedPaths);
        var error = Assert.Single(content.Errors);
        Assert.Equal("bones/soleus.md", error.Path);
        Assert.Contains("already used by muscles/soleus.md", error.Message, StringComparison.Ordinal);
        Assert.Equal("muscles/soleus.md", Assert.Single(content.Unchanged).SourcePath);

        // The store names the owner too, for a site that starts with both files present.
        var fresh = ContentLoader.Load(folder.Root, new ContentCache(), new Dictionary<string, string> { ["soleus"] = "muscles/soleus.md" });
        Assert.Equal("Soleus", Assert.Single(fresh.Documents).Title);

        // With no history, the path that sorts first owns it, every time.
        Assert.Equal("bones/soleus.md", Assert.Single(ContentLoader.Load(folder.Root).Documents).SourcePath);
    }

    [Fact]
    public void A_newcomer_does_not_take_the_slug_of_a_page_whose_file_is_broken()
    {
        using var folder = new ContentFolder().With("muscles/soleus.md", ContentFolder.Muscle("Soleus"));
        var cache = new ContentCache();
        ContentLoader.Load(folder.Root, cache);

        folder.With("muscles/soleus.md", "---\ntitle: \"Soleus\ntype: muscle\n---\n").With("bones/soleus.md", ContentFolder.Muscle("Impostor"));
        var content = ContentLoader.Load(folder.Root, cache);

        Assert.Empty(content.Documents);
        Assert.Contains(content.Errors, p => p.Path == "bones/soleus.md" && p.Message.Contains("belongs to muscles/soleus.md, which has errors", StringComparison.Ordinal));
    }

    [Fact]
    public void A_file_rejected_once_is_built_again_rather_than_called_unchanged()
    {
        using var folder = new ContentFolder().With("muscles/soleus.md", ContentFolder.Muscle("Soleus"));
        var cache = new ContentCache();
        ContentLoader.Load(folder.Root, cache);

        // Lose the slug to a file that the store says owns it, then get it back when that file goes.
        folder.With("bones/soleus.md", ContentFolder.Muscle("Impostor"));
        var lost = ContentLoader.Load(folder.Root, cache, new Dictionary<string, string> { ["soleus"] = "bones/soleus.md" });
        Assert.Equal(["muscles/soleus.md"], lost.RejectedPaths);
        File.Delete(Path.Combine(folder.Root, "bones", "soleus.md"));

        var back = ContentLoader.Load(folder.Root, cache, new Dictionary<string, string> { ["soleus"] = "bones/soleus.md" });

        Assert.Empty(back.Unchanged);
        Assert.Equal("Soleus", Assert.Single(back.Documents).Title);
    }

    [Fact]
    public void Pipes_devices_and_links_out_of_the_folder_are_skipped_without_reading_them()
    {
        using var folder = new ContentFolder().With("muscles/good.md", ContentFolder.Muscle("Good"));
        var outside = Path.Combine(Path.GetTempPath(), $"gastroref-outside-{Guid.NewGuid():N}.md");
        File.WriteAllText(outside, ContentFolder.Muscle("Outside"));
        try
        {
            Run("mkfifo", Path.Combine(folder.Root, "muscles", "pipe.md"));
            File.CreateSymbolicLink(Path.Combine(folder.Root, "muscles", "zero.md"), "/dev/zero");
            File.CreateSymbolicLink(Path.Combine(folder.Root, "muscles", "outside.md"), outside);
            File.CreateSymbolicLink(Path.Combine(folder.Root, "muscles", "alias.md"), Path.Combine(folder.Root, "muscles", "good.md"));

            var watch = Stopwatch.StartNew();
            var content = folder.Load();

            Assert.True(watch.Elapsed < TimeSpan.FromSeconds(20), $"loading took {watch.Elapsed}");
            Assert.Equal(["muscles/outside.md", "muscles/pipe.md", "muscles/zero.md"], content.RejectedPaths.Order(StringComparer.Ordinal));
            Assert.Contains(content.Errors, p => p.Path == "muscles/pipe.md" && p.Message.Contains("not a regular file", StringComparison.Ordinal));
            Assert.Contains(content.Errors, p => p.Path == "muscles/zero.md" && p.Message.Contains("not a regular file", StringComparison.Ordinal));
            Assert.Contains(content.Errors, p => p.Path == "muscles/outside.md" && p.Message.Contains("outside the content folder", StringComparison.Ordinal));

            // A link to a file inside the folder is content like any other; its slug comes from its own name.
            Assert.Equal(["alias", "good"], content.Documents.Select(d => d.Slug).Order(StringComparer.Ordinal));
        }
        finally
        {
            File.Delete(outside);
        }
    }

    private static void Run(string program, string argument)
    {
        using var process = Process.Start(program, [argument]);
        process.WaitForExit();
        Assert.Equal(0, process.ExitCode);
    }
}
