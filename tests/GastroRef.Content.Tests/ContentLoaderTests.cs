namespace GastroRef.Content.Tests;

public sealed class ContentLoaderTests
{
    [Fact]
    public void Relative_md_links_become_page_urls_with_their_section()
    {
        using var folder = new ContentFolder()
            .With("nerves/test-nerve.md", ContentFolder.Nerve())
            .With("muscles/test-muscle.md", ContentFolder.Muscle(body: "## Origin\n\nSee [the nerve](../nerves/test-nerve.md#branches) and [above](#origin).\n"));

        var content = folder.Load();

        Assert.Empty(content.Errors);
        var muscle = content.Documents.Single(d => d.Slug == "test-muscle");
        Assert.Contains("href=\"/anatomy/test-nerve#branches\"", muscle.Sections[0].Html, StringComparison.Ordinal);
        Assert.Contains("href=\"#origin\"", muscle.Sections[0].Html, StringComparison.Ordinal);
        Assert.Equal(["test-nerve"], muscle.LinkedSlugs);
    }

    [Fact]
    public void Links_to_unknown_files_or_sections_are_errors_with_their_lines()
    {
        using var folder = new ContentFolder()
            .With("nerves/test-nerve.md", ContentFolder.Nerve())
            .With("muscles/test-muscle.md", ContentFolder.Muscle(body: "## Origin\n\n[a](../nerves/nope.md)\n\n[b](../nerves/test-nerve.md#course)\n\n[c](#insertion)\n"));

        var content = folder.Load();

        var errors = content.Errors.Where(p => p.Path == "muscles/test-muscle.md").OrderBy(p => p.Line).ToList();
        Assert.Equal(3, errors.Count);
        Assert.Equal(11, errors[0].Line);
        Assert.Contains("'nerves/nope.md' does not exist", errors[0].Message, StringComparison.Ordinal);
        Assert.Contains("section 'course' that test-nerve does not have", errors[1].Message, StringComparison.Ordinal);
        Assert.Equal(13, errors[1].Line);
        Assert.Contains("'#insertion' names no section", errors[2].Message, StringComparison.Ordinal);
        Assert.Single(content.Documents); // the nerve still loads
    }

    [Fact]
    public void A_broken_file_is_left_out_while_every_other_file_loads()
    {
        using var folder = new ContentFolder()
            .With("muscles/good.md", ContentFolder.Muscle("Good"))
            .With("muscles/bad.md", "---\ntitle: Bad\ntype: muscle\nsummary: [\n---\n");

        var content = folder.Load();

        Assert.Equal("good", Assert.Single(content.Documents).Slug);
        Assert.Equal(["muscles/bad.md"], content.RejectedPaths);
        Assert.Contains(content.Errors, p => p.Path == "muscles/bad.md");
    }

    [Fact]
    public void Duplicate_slugs_are_reported_on_the_second_file()
    {
        using var folder = new ContentFolder()
            .With("muscles/a.md", ContentFolder.Muscle("A", "slug: same\n"))
            .With("muscles/b.md", ContentFolder.Muscle("B", "slug: same\n"));

        var content = folder.Load();

        Assert.Contains(content.Errors, p => p.Path == "muscles/b.md" && p.Message.Contains("already used by muscles/a.md", StringComparison.Ordinal));
    }

    [Fact]
    public void Relations_to_unknown_slugs_and_of_the_wrong_kind_are_errors_with_their_lines()
    {
        using var folder = new ContentFolder()
            .With("vessels/test-artery.md", ContentFolder.Artery())
            .With("muscles/m.md", ContentFolder.Muscle(extraFrontMatter: "relations:\n  innervated_by: [test-artery]\n  supplied_by: [no-such-artery]\n"));

        var content = folder.Load();

        var errors = content.Errors.Where(p => p.Path == "muscles/m.md").OrderBy(p => p.Line).ToList();
        Assert.Equal(2, errors.Count);
        Assert.Equal(8, errors[0].Line);
        Assert.Contains("innervated_by 'test-artery' is an artery (vessels/test-artery.md); it must be a nerve", errors[0].Message, StringComparison.Ordinal);
        Assert.Equal(9, errors[1].Line);
        Assert.Contains("no structure has the slug 'no-such-artery'", errors[1].Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Retired_ids_must_point_at_an_existing_section_and_count_as_link_targets()
    {
        using var folder = new ContentFolder()
            .With("muscles/m.md", ContentFolder.Muscle(extraFrontMatter: "retired_ids: {palpation: testing}\n", body: "## Testing\n\nText.\n"))
            .With("muscles/n.md", ContentFolder.Muscle("N", body: "## Origin\n\n[old link](m.md#palpation)\n"))
            .With("muscles/o.md", ContentFolder.Muscle("O", "retired_ids: {old: nowhere}\n"));

        var content = folder.Load();

        Assert.DoesNotContain(content.Errors, p => p.Path != "muscles/o.md");
        Assert.Equal(["palpation"], content.Documents.Single(d => d.Slug == "m").Sections[0].RetiredIds);
        Assert.Contains(content.Errors, p => p.Path == "muscles/o.md" && p.Message.Contains("'nowhere', which is not a section", StringComparison.Ordinal));
    }

    [Fact]
    public void Missing_required_sections_and_sources_are_warnings()
    {
        using var folder = new ContentFolder().With("muscles/m.md", "---\ntitle: M\ntype: muscle\nsources: [\"only one\"]\n---\n\n## Origin\n\nText.\n");

        var content = folder.Load();

        Assert.Single(content.Documents);
        Assert.Empty(content.Errors);
        Assert.Contains(content.Problems, p => p.Message.Contains("should have the sections: insertion, relations", StringComparison.Ordinal));
        Assert.Contains(content.Problems, p => p.Message == "list at least two sources");
    }

    [Fact]
    public void Sources_differ_blocks_are_labelled_notes()
    {
        using var folder = new ContentFolder().With("muscles/m.md", ContentFolder.Muscle(body: "## Innervation\n\n::: sources-differ\nS1–S2 [1](#source-1); S1 only [2](#source-2).\n:::\n"));

        var html = Assert.Single(folder.Load().Documents).Sections[0].Html;

        Assert.Contains("<div class=\"sources-differ\" role=\"note\"><p class=\"sources-differ-label\"><strong>Sources differ</strong></p>", html, StringComparison.Ordinal);
        Assert.Contains("href=\"#source-2\"", html, StringComparison.Ordinal);
    }

    [Fact]
    public void Synonyms_are_read_and_checked()
    {
        using var folder = new ContentFolder()
            .With("synonyms.yml", "calf: [triceps surae, gastrocnemius]\nPeroneal: [fibular]\nheel bone: calcaneus\n");

        var content = folder.Load();

        Assert.Equal(["triceps surae", "gastrocnemius"], content.Synonyms["calf"]);
        Assert.Equal(["calcaneus"], content.Synonyms["heel bone"]);
        Assert.Contains(content.Problems, p => p.Path == "synonyms.yml" && p.Line == 2);
    }

    [Fact]
    public void Readme_and_hidden_files_are_not_content()
    {
        using var folder = new ContentFolder()
            .With("README.md", "# About this folder\n")
            .With("muscles/.draft.md", "not front matter")
            .With("muscles/m.md", ContentFolder.Muscle());

        var content = folder.Load();

        Assert.Single(content.Documents);
        Assert.DoesNotContain(content.Problems, p => p.IsError);
    }
}
