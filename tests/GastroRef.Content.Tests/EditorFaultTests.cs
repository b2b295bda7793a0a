namespace GastroRef.Content.Tests;

/// <summary>What an editor sees when one page breaks, or two pages share a name.</summary>
public sealed class EditorFaultTests
{
    [Fact]
    public void One_broken_file_gives_one_error_and_links_to_it_stand_for_its_last_good_version()
    {
        using var folder = new ContentFolder()
            .With("muscles/soleus.md", ContentFolder.Muscle("Soleus"))
            .With("muscles/gastrocnemius.md", ContentFolder.Muscle("Gastrocnemius", "relations:\n  synergists: [soleus]\n", "## Origin\n\nNext to [soleus](soleus.md#origin).\n"));
        var cache = new ContentCache();
        ContentLoader.Load(folder.Root, cache);

        folder.With("muscles/soleus.md", "---\ntitle: \"Soleus\ntype: muscle\n---\n")
            .With("muscles/gastrocnemius.md", ContentFolder.Muscle("Gastrocnemius (edited)", "relations:\n  synergists: [soleus]\n", "## Origin\n\nNext to [soleus](soleus.md#origin).\n"));
        var content = ContentLoader.Load(folder.Root, cache);

        var error = Assert.Single(content.Errors);
        Assert.Equal("muscles/soleus.md", error.Path);
        var gastrocnemius = Assert.Single(content.Documents);
        Assert.Equal("Gastrocnemius (edited)", gastrocnemius.Title);
        Assert.Contains("href=\"/anatomy/soleus#origin\"", gastrocnemius.Sections[0].Html, StringComparison.Ordinal);

        // A fresh load (validate) knows the page by its file name.
        Assert.Equal("muscles/soleus.md", Assert.Single(ContentLoader.Load(folder.Root).Errors).Path);
    }

    [Fact]
    public void A_draft_is_checked_but_never_published_and_published_pages_may_not_point_to_it()
    {
        using var folder = new ContentFolder()
            .With("muscles/new.md", ContentFolder.Muscle("New", "draft: true\nlatin: TODO\n"))
            .With("muscles/m.md", ContentFolder.Muscle("M", "relations:\n  synergists: [new]\n"));

        var content = folder.Load();

        Assert.Equal(["muscles/new.md"], content.Drafts);
        Assert.DoesNotContain(content.Documents, d => d.Slug == "new");
        Assert.Contains(content.Problems, p => p.Path == "muscles/new.md" && p.Line == 8 && p.Message == "draft: latin: TODO" && !p.IsError);
        Assert.Contains(content.Errors, p => p.Path == "muscles/m.md" && p.Message.Contains("is a draft (muscles/new.md); it is not published yet", StringComparison.Ordinal));
    }

    [Fact]
    public void A_shared_alias_is_a_warning_naming_both_files_and_an_alias_that_is_another_title_an_error()
    {
        using var folder = new ContentFolder()
            .With("muscles/a.md", ContentFolder.Muscle("A", "aliases: [second heart]\n"))
            .With("muscles/b.md", ContentFolder.Muscle("B", "aliases: [Second heart, a]\n"));

        var content = folder.Load();

        Assert.Contains(content.Problems, p => p.Path == "muscles/b.md" && !p.IsError &&
            p.Message.Contains("muscles/a.md", StringComparison.Ordinal) && p.Message.Contains("'Second heart'", StringComparison.Ordinal));
        var error = Assert.Single(content.Errors);
        Assert.Equal("muscles/b.md", error.Path);
        Assert.Contains("the alias 'a' is the title of muscles/a.md", error.Message, StringComparison.Ordinal);
    }
}
