using GastroRef.Content;

namespace GastroRef.Content.Tests;

public sealed class RelationValidationTests : IDisposable
{
    private readonly TempContent _content = new();

    public void Dispose() => _content.Dispose();

    [Fact]
    public void Relation_to_an_unknown_slug_is_an_error_at_the_line_of_the_slug_with_a_suggestion()
    {
        _content.Page("nerve", "tibial-nerve");
        var muscle = _content.Page("muscle", "soleus", "part_of: []", "innervated_by:", "  - tibal-nerve");

        var content = _content.Load();

        var line = _content.LineOf(muscle, "- tibal-nerve");
        var error = Assert.Single(content.Errors);
        Assert.Equal($"muscles/soleus.md:{line}: innervated_by: no structure has the slug 'tibal-nerve'; did you mean 'tibial-nerve'?", error.ToString());
        Assert.Contains(muscle, content.RejectedPaths);
        Assert.DoesNotContain(content.Documents, d => d.Slug == "soleus");
        Assert.Contains(content.Documents, d => d.Slug == "tibial-nerve");
    }

    [Fact]
    public void Relation_to_a_renamed_slug_names_the_new_one()
    {
        var nerve = _content.Page("nerve", "common-fibular-nerve");
        var text = File.ReadAllText(Path.Combine(_content.Root, nerve)).Replace("aliases: []", "aliases: []\nredirect_from: [common-peroneal-nerve]", StringComparison.Ordinal);
        _content.Write(nerve, text);
        var muscle = _content.Page("muscle", "biceps-femoris", "innervated_by: [common-peroneal-nerve]");

        var error = Assert.Single(_content.Load().Errors);

        Assert.Equal(muscle, error.Path);
        Assert.Equal(_content.LineOf(muscle, "innervated_by:"), error.Line);
        Assert.EndsWith("no structure has the slug 'common-peroneal-nerve'; it was renamed to 'common-fibular-nerve'", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void A_muscle_innervated_by_an_artery_is_a_relation_of_the_wrong_kind()
    {
        _content.Page("artery", "popliteal-artery");
        _content.Page("nerve", "tibial-nerve");
        var muscle = _content.Page("muscle", "gastrocnemius", "innervated_by: [tibial-nerve, popliteal-artery]", "supplied_by: [popliteal-artery]");

        var content = _content.Load();

        var error = Assert.Single(content.Errors);
        Assert.Equal(
            $"muscles/gastrocnemius.md:{_content.LineOf(muscle, "innervated_by:")}: innervated_by 'popliteal-artery' is an artery (vessels/popliteal-artery.md); it must be a nerve",
            error.ToString());
        Assert.Contains(muscle, content.RejectedPaths);
    }

    [Theory]
    [InlineData("inserts_on: [tibial-nerve]", "inserts_on 'tibial-nerve' is a nerve (nerves/tibial-nerve.md); it must be a bone, a tendon, a ligament, a joint, a muscle or a muscle head")]
    [InlineData("drained_by: [popliteal-artery]", "drained_by 'popliteal-artery' is an artery (vessels/popliteal-artery.md); it must be a vein")]
    [InlineData("synergists: [tibial-nerve]", "synergists 'tibial-nerve' is a nerve (nerves/tibial-nerve.md); it must be a muscle, a muscle head or a muscle group")]
    [InlineData("part_of: [tennis-leg]", "part_of 'tennis-leg' is a condition (conditions/tennis-leg.md); it must be an anatomical structure (not a condition)")]
    public void Wrong_target_types_are_errors(string relation, string message)
    {
        _content.Page("artery", "popliteal-artery");
        _content.Page("nerve", "tibial-nerve");
        _content.Page("condition", "tennis-leg");
        var muscle = _content.Page("muscle", "plantaris", relation);

        var error = Assert.Single(_content.Load().Errors);

        Assert.Equal($"{muscle}:{_content.LineOf(muscle, relation)}: {message}", error.ToString());
    }

    [Fact]
    public void Wrong_source_types_are_errors()
    {
        _content.Page("nerve", "tibial-nerve");
        _content.Page("bone", "femur");
        var condition = _content.Page("condition", "tennis-leg", "innervated_by: [tibial-nerve]");
        var nerve = _content.Page("nerve", "sural-nerve", "origin_on: [femur]");

        var errors = _content.Load().Errors.ToList();

        Assert.Contains(errors, e => e.Path == condition && e.Line == _content.LineOf(condition, "innervated_by")
            && e.Message == "a condition cannot have 'innervated_by'; link a condition to the structures it affects with 'related'");
        Assert.Contains(errors, e => e.Path == nerve && e.Line == _content.LineOf(nerve, "origin_on")
            && e.Message == "a nerve cannot have 'origin_on' (it is for muscle, muscle head, muscle group or tendon)");
        Assert.Equal(2, errors.Count);
    }

    [Fact]
    public void A_nerve_cannot_branch_from_an_artery()
    {
        _content.Page("artery", "popliteal-artery");
        var nerve = _content.Page("nerve", "sural-nerve", "branch_of: [popliteal-artery]");

        var error = Assert.Single(_content.Load().Errors);

        Assert.Equal($"{nerve}:{_content.LineOf(nerve, "branch_of")}: branch_of 'popliteal-artery' is an artery (vessels/popliteal-artery.md); a nerve branches from a nerve", error.ToString());
    }

    [Fact]
    public void A_relation_to_the_page_itself_is_an_error()
    {
        var muscle = _content.Page("muscle", "soleus", "synergists: [soleus]");

        var error = Assert.Single(_content.Load().Errors);

        Assert.Equal($"{muscle}:{_content.LineOf(muscle, "synergists")}: synergists names the page itself", error.ToString());
    }

    [Fact]
    public void A_part_of_loop_is_an_error_on_every_line_that_makes_it()
    {
        var group = _content.Page("muscle-group", "triceps-surae", "part_of: [gastrocnemius]");
        var muscle = _content.Page("muscle", "gastrocnemius", "part_of: [triceps-surae]");
        var head = _content.Page("muscle-head", "medial-head", "part_of: [gastrocnemius]");

        var content = _content.Load();

        var errors = content.Errors.ToList();
        Assert.Equal(2, errors.Count);
        Assert.Contains(errors, e => e.Path == group && e.Line == _content.LineOf(group, "part_of")
            && e.Message.StartsWith("part_of 'gastrocnemius' makes a loop: ", StringComparison.Ordinal));
        Assert.Contains(errors, e => e.Path == muscle && e.Line == _content.LineOf(muscle, "part_of")
            && e.Message.StartsWith("part_of 'triceps-surae' makes a loop: ", StringComparison.Ordinal));
        Assert.All(errors, e => Assert.True(
            e.Message.EndsWith("gastrocnemius → triceps-surae → gastrocnemius", StringComparison.Ordinal)
            || e.Message.EndsWith("triceps-surae → gastrocnemius → triceps-surae", StringComparison.Ordinal), e.Message));
        Assert.Contains(content.Documents, d => d.Slug == "medial-head");
        Assert.DoesNotContain(head, content.RejectedPaths);
    }

    [Fact]
    public void The_same_target_listed_twice_in_one_relation_is_a_warning()
    {
        _content.Page("nerve", "tibial-nerve");
        var muscle = _content.Page("muscle", "soleus", "innervated_by:", "  - tibial-nerve", "  - tibial-nerve");

        var content = _content.Load();

        Assert.Empty(content.Errors);
        var warning = Assert.Single(content.Problems);
        Assert.Equal($"{muscle}:{_content.LineOf(muscle, "innervated_by") + 2}: warning: innervated_by 'tibial-nerve' is already stated on line {_content.LineOf(muscle, "innervated_by") + 1}", warning.ToString());
        var soleus = Assert.Single(content.Documents, d => d.Slug == "soleus");
        Assert.Single(soleus.Relations, r => r.Kind == "innervated_by");
    }

    [Fact]
    public void Valid_relations_of_every_kind_are_kept_on_the_document_with_their_lines()
    {
        _content.Page("nerve", "tibial-nerve");
        _content.Page("nerve", "sural-nerve", "branch_of: [tibial-nerve]");
        _content.Page("artery", "popliteal-artery");
        _content.Page("artery", "sural-arteries", "branch_of: [popliteal-artery]");
        _content.Page("vein", "popliteal-vein");
        _content.Page("vein", "small-saphenous-vein", "tributary_of: [popliteal-vein]");
        _content.Page("bone", "femur");
        _content.Page("region", "posterior-compartment-of-leg");
        _content.Page("muscle-group", "triceps-surae", "part_of: [posterior-compartment-of-leg]");
        _content.Page("muscle", "soleus", "part_of: [triceps-surae]");
        _content.Page("condition", "tennis-leg", "related: [gastrocnemius, posterior-compartment-of-leg]");
        var muscle = _content.Page("muscle", "gastrocnemius",
            "part_of: [triceps-surae]", "origin_on: [femur]", "innervated_by: [tibial-nerve]", "supplied_by: [sural-arteries]",
            "drained_by: [popliteal-vein]", "synergists: [soleus]", "antagonists: []", "related: [tennis-leg]");

        var content = _content.Load();

        Assert.Empty(content.Problems);
        var gastrocnemius = Assert.Single(content.Documents, d => d.Slug == "gastrocnemius");
        Assert.Equal(
            ["part_of triceps-surae", "origin_on femur", "innervated_by tibial-nerve", "supplied_by sural-arteries", "drained_by popliteal-vein", "synergists soleus", "related tennis-leg"],
            gastrocnemius.Relations.Select(r => $"{r.Kind} {r.TargetSlug}"));
        Assert.Equal(_content.LineOf(muscle, "innervated_by"), gastrocnemius.Relations.Single(r => r.Kind == "innervated_by").Line);
    }

    [Fact]
    public void The_repository_content_has_no_relation_problems()
    {
        var content = ContentLoader.Load(RepositoryContent.Path);

        Assert.Empty(content.Problems);
        Assert.Empty(content.RejectedPaths);
        var slugs = content.Documents.Select(d => d.Slug).ToHashSet();
        Assert.All(content.Documents.SelectMany(d => d.Relations), r => Assert.Contains(r.TargetSlug, slugs));
    }
}
