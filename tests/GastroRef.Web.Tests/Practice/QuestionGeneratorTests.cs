using System.Text.RegularExpressions;
using GastroRef.Web.Data;
using GastroRef.Web.Practice;
using GastroRef.Web.Tests.Infrastructure;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Xunit.Abstractions;

namespace GastroRef.Web.Tests.Practice;

/// <summary>Every question generated from the real content, checked against the stored relations and key facts
/// (read here straight from the store, not through the generator): the right answers are stated, no wrong answer is
/// true, and every link lands on a section of the article.</summary>
public sealed partial class QuestionGeneratorTests(SiteFactory site, ITestOutputHelper output) : IClassFixture<SiteFactory>
{
    private sealed record Store(
        Dictionary<string, StructureRecord> Records,
        Dictionary<string, StoredDocument> Documents,
        List<RelationRecord> Relations,
        GraphSnapshot Graph,
        IReadOnlyList<PracticeQuestion> Questions);

    private async Task<Store> LoadAsync()
    {
        await site.ReadyClientAsync();
        var snapshot = await site.Services.GetRequiredService<PracticeBank>().GetAsync(CancellationToken.None);
        await using var db = await site.Services.GetRequiredService<IDbContextFactory<GastroRefDbContext>>().CreateDbContextAsync();
        var records = await db.Structures.AsNoTracking().ToDictionaryAsync(s => s.Slug);
        var relations = await db.Relations.AsNoTracking().Where(r => r.Kind != RelationRecord.BodyLink).ToListAsync();
        return new(records, records.ToDictionary(r => r.Key, r => StoredDocument.FromJson(r.Value.DocumentJson)), relations, snapshot.Graph, snapshot.Questions);
    }

    [Fact]
    public async Task Every_structure_gets_questions_and_every_kind_is_generated()
    {
        var store = await LoadAsync();
        foreach (var group in store.Questions.GroupBy(q => q.Kind))
        {
            output.WriteLine($"{group.Key}: {group.Count()}");
        }

        foreach (var question in store.Questions.OrderBy(q => q.Subject).ThenBy(q => q.Kind))
        {
            output.WriteLine($"{question.Subject} {question.Kind}/{question.Fact}: {question.Prompt} [{string.Join(" | ", question.Choices.Select(c => (c.Correct ? "*" : "") + c.Text))}] {question.LearnMore}");
        }

        // A structure may go without questions only when the content holds too few structures of the kind it is
        // related to for three wrong answers (three veins in all, four nerves of which the joint has two).
        var withoutQuestions = store.Records.Keys.Where(slug => !store.Questions.Any(q => q.Subject == slug)).Order().ToList();
        output.WriteLine("Structures without questions: " + string.Join(", ", withoutQuestions));
        Assert.True(withoutQuestions.Count <= store.Records.Count / 5, string.Join(", ", withoutQuestions));
        foreach (var slug in withoutQuestions)
        {
            foreach (var relation in store.Relations.Where(r => r.FromSlug == slug && RelationFacts.ContainsKey(r.Kind)))
            {
                var type = store.Records[relation.ToSlug].Type;
                var sameType = store.Records.Values.Count(r => r.Type == type);
                var stated = store.Relations.Count(r => r.FromSlug == slug && r.Kind == relation.Kind && store.Records[r.ToSlug].Type == type);
                Assert.True(sameType - stated < 4, $"{slug} {relation.Kind} {relation.ToSlug}: {sameType} of that type, yet no question");
            }
        }
        foreach (var kind in PracticeKinds.All)
        {
            Assert.Contains(store.Questions, q => q.Kind == kind);
        }

        // Every muscle is asked which nerve supplies it and where it inserts or arises, where the content allows four choices.
        Assert.Contains(store.Questions, q => q is { Kind: PracticeKinds.Recall, Fact: "innervated_by" });
        Assert.Contains(store.Questions, q => q is { Kind: PracticeKinds.Recall, Fact: "roots" });
        Assert.Contains(store.Questions, q => q is { Kind: PracticeKinds.Recall, Fact: "function", Subject: "popliteus" });
        Assert.Equal(store.Questions.Count, store.Questions.Select(q => q.Id).Distinct().Count());
    }

    [Fact]
    public async Task Every_link_lands_on_a_section_of_its_article()
    {
        var store = await LoadAsync();
        using var client = await site.ReadyClientAsync();
        var ids = new Dictionary<string, HashSet<string>>();
        foreach (var question in store.Questions)
        {
            var match = LearnMore().Match(question.LearnMore);
            Assert.True(match.Success, question.LearnMore);
            var slug = match.Groups[1].Value;
            if (!ids.TryGetValue(slug, out var found))
            {
                using var response = await client.GetAsync($"/anatomy/{slug}");
                Assert.Equal(System.Net.HttpStatusCode.OK, response.StatusCode);
                var page = await Html.ParseAsync(response);
                found = [.. page.QuerySelectorAll("[id]").Select(e => e.Id!)];
                ids[slug] = found;
            }

            Assert.True(found.Contains(match.Groups[2].Value), $"{question.LearnMore} ({question.Prompt}) has no such section");
            Assert.Contains(slug, question.Structures);
        }
    }

    [Fact]
    public async Task Every_question_has_its_right_answers_stated_and_no_wrong_answer_true()
    {
        var store = await LoadAsync();
        Assert.NotEmpty(store.Questions);
        foreach (var question in store.Questions)
        {
            var context = $"{question.Kind} {question.Fact}: {question.Prompt} [{string.Join(" | ", question.Choices.Select(c => (c.Correct ? "*" : "") + c.Text))}]";
            Assert.True(question.Choices.Any(c => c.Correct), context);
            Assert.Equal(question.Choices.Count, question.Choices.Select(c => c.Text).Distinct().Count());
            switch (question.Kind)
            {
                case PracticeKinds.Recall:
                    Assert.Equal(4, question.Choices.Count);
                    Assert.Single(question.Choices, c => c.Correct);
                    CheckRecall(store, question, context);
                    break;
                case PracticeKinds.Reverse:
                    Assert.True(question.SelectAll);
                    Assert.True(question.Choices.Count(c => !c.Correct) >= 2, context);
                    CheckReverse(store, question, context);
                    break;
                case PracticeKinds.Lesion:
                    Assert.Equal(4, question.Choices.Count);
                    Assert.Single(question.Choices, c => c.Correct);
                    CheckLesion(store, question, context);
                    break;
                case PracticeKinds.Matching:
                    Assert.Equal(4, question.Pairs!.Count);
                    Assert.Equal(16, question.Choices.Count);
                    Assert.Equal(4, question.Choices.Count(c => c.Correct));
                    CheckMatching(store, question, context);
                    break;
                case PracticeKinds.Identify:
                    Assert.Equal(4, question.Choices.Count);
                    Assert.Single(question.Choices, c => c.Correct);
                    CheckIdentify(store, question, context);
                    break;
                default:
                    Assert.Fail($"Unexpected kind {question.Kind}");
                    break;
            }
        }
    }

    /// <summary>The right answer is the highlighted structure; the wrong ones are other structures drawn on the same
    /// plate, never the highlighted one itself (by slug or name) nor its part or whole (read from the stored part_of
    /// relations here, not through the generator).</summary>
    private void CheckIdentify(Store store, PracticeQuestion question, string context)
    {
        var plate = Plates().Single(p => p.Plate.Slug == question.Plate);
        Assert.Null(plate.Plate.Generated);
        var highlight = question.Highlight!;
        Assert.Equal([highlight], question.Structures);
        Assert.Contains(highlight, plate.Structures);
        Assert.Equal(store.Records[highlight].Title, question.Choices.Single(c => c.Correct).Text);
        var drawnTitles = plate.Structures.Where(store.Records.ContainsKey).ToDictionary(s => store.Records[s].Title, s => s);
        var family = PartsAndWholes(store, highlight);
        foreach (var wrong in question.Choices.Where(c => !c.Correct))
        {
            Assert.True(drawnTitles.TryGetValue(wrong.Text, out var slug), $"{context}: {wrong.Text} is not drawn on {plate.Plate.Slug}");
            Assert.NotEqual(highlight, slug);
            Assert.NotEqual(store.Records[highlight].Title, wrong.Text);
            Assert.DoesNotContain(slug, family);
        }

        Assert.Equal($"/anatomy/{highlight}#figures", question.LearnMore);
    }

    private IReadOnlyList<GastroRef.Web.Atlas.PlateView> Plates() =>
        site.Services.GetRequiredService<GastroRef.Web.Atlas.PlateCatalog>().GetAsync(CancellationToken.None).GetAwaiter().GetResult().Plates;

    [Fact]
    public async Task Every_structure_drawn_on_a_plate_is_asked_to_be_named_and_clicked_there()
    {
        var store = await LoadAsync();
        var identify = store.Questions.Where(q => q.Kind == PracticeKinds.Identify).ToList();
        var drawn = Plates().Where(p => p.Plate.Generated is null).ToList();
        Assert.NotEmpty(drawn);
        foreach (var plate in drawn)
        {
            var onPlate = identify.Where(q => q.Plate == plate.Plate.Slug).ToList();
            output.WriteLine($"{plate.Plate.Slug}: {plate.Structures.Count} structures, {onPlate.Count} questions");
            foreach (var slug in plate.Structures.Where(store.Records.ContainsKey))
            {
                // Only a plate with fewer than four structures that are not parts or wholes of this one may skip it.
                var others = plate.Structures.Where(store.Records.ContainsKey).Count(s => !PartsAndWholes(store, slug).Contains(s));
                if (others < 3)
                {
                    continue;
                }

                Assert.Single(onPlate, q => q.Highlight == slug && !q.IsClick);
                var click = Assert.Single(onPlate, q => q.Highlight == slug && q.IsClick);
                Assert.Equal(store.Records[slug].Title, click.CorrectAnswers.Single());
            }
        }

        // Generated trees print every name in its box: no question is asked on them.
        Assert.DoesNotContain(identify, q => Plates().Single(p => p.Plate.Slug == q.Plate).Plate.Generated is not null);
        Assert.Contains(identify, q => q.Highlight == "soleus");
    }

    private static readonly Dictionary<string, (string Relation, string Fact)> RelationFacts = new()
    {
        ["innervated_by"] = ("innervated_by", "innervation"),
        ["supplied_by"] = ("supplied_by", "arterial_supply"),
        ["drained_by"] = ("drained_by", "venous_drainage"),
        ["branch_of"] = ("branch_of", "origin"),
        ["tributary_of"] = ("tributary_of", "drains_into"),
        ["inserts_on"] = ("inserts_on", "insertion"),
        ["origin_on"] = ("origin_on", "origin"),
    };

    private static void CheckRecall(Store store, PracticeQuestion question, string context)
    {
        var subject = question.Subject;
        var right = question.Choices.Single(c => c.Correct).Text;
        var wrong = question.Choices.Where(c => !c.Correct).Select(c => c.Text).ToList();
        if (RelationFacts.TryGetValue(question.Fact, out var relation))
        {
            var answer = BySlugTitle(store, right);
            Assert.True(Has(store, subject, relation.Relation, answer), context);
            Assert.Contains($"/anatomy/{answer}", Fact(store, subject, relation.Fact)?.Html ?? "", StringComparison.Ordinal);
            foreach (var slug in wrong.Select(w => BySlugTitle(store, w)))
            {
                Assert.Equal(store.Records[answer].Type, store.Records[slug].Type);
                foreach (var member in PartsAndWholes(store, subject))
                {
                    Assert.False(HasThroughBranches(store, member, relation.Relation, slug), $"{context}: {slug} is true for {member}");
                    Assert.DoesNotContain($"/anatomy/{slug}\"", Fact(store, member, relation.Fact)?.Html ?? "", StringComparison.Ordinal);
                }
            }
        }
        else if (question.Fact == "roots")
        {
            var own = Fact(store, subject, store.Records[subject].Type == "nerve" ? "roots" : "innervation")!.Text;
            Assert.Contains(right, own, StringComparison.Ordinal);
            var pageText = PageText(store, subject);
            foreach (var range in wrong)
            {
                Assert.DoesNotContain(range, pageText, StringComparison.Ordinal);
                Assert.DoesNotContain(range.Replace('–', '-'), pageText, StringComparison.Ordinal);
            }
        }
        else
        {
            Assert.Equal(Tidy(Fact(store, subject, question.Fact)!.Text), right);
            var owners = wrong.Select(w => store.Documents.Single(d => d.Value.KeyFacts.Any(f => f.Key == question.Fact && Tidy(f.Text) == w)).Key).ToList();
            foreach (var owner in owners)
            {
                Assert.DoesNotContain(owner, PartsAndWholes(store, subject));
                if (question.Fact is "insertion" or "origin")
                {
                    var kind = question.Fact == "insertion" ? "inserts_on" : "origin_on";
                    var subjectTargets = Targets(store, subject, kind).Concat(Links(Fact(store, subject, question.Fact)!.Html)).ToHashSet();
                    Assert.False(Targets(store, owner, kind).Any(subjectTargets.Contains), $"{context}: {owner} shares an attachment");
                }
                else
                {
                    Assert.False(Symmetric(store, subject, owner, "synergists"), $"{context}: {owner} is a synergist");
                }
            }
        }
    }

    private static void CheckReverse(Store store, PracticeQuestion question, string context)
    {
        var subject = question.Subject;
        var right = question.Choices.Where(c => c.Correct).Select(c => BySlugTitle(store, c.Text)).ToList();
        var wrong = question.Choices.Where(c => !c.Correct).Select(c => BySlugTitle(store, c.Text)).ToList();
        if (RelationFacts.TryGetValue(question.Fact, out var relation))
        {
            Assert.All(right, r => Assert.True(Has(store, r, relation.Relation, subject), $"{context}: {r}"));
            foreach (var w in wrong)
            {
                Assert.All(PartsAndWholes(store, w), m => Assert.False(HasThroughBranches(store, m, relation.Relation, subject), $"{context}: true of {m}"));
                Assert.DoesNotContain($"/anatomy/{subject}\"", Fact(store, w, relation.Fact)?.Html ?? "", StringComparison.Ordinal);
            }
        }
        else if (question.Fact == "contains")
        {
            var inside = store.Graph.InRegion(subject).Select(n => n.Slug).ToHashSet();
            Assert.All(right, r => Assert.Contains(r, inside));
            Assert.All(wrong, w => Assert.DoesNotContain(w, inside));
        }
        else
        {
            Assert.Equal("related", question.Fact);
            Assert.All(right, r => Assert.True(Symmetric(store, subject, r, "related"), $"{context}: {r}"));
            Assert.All(wrong, w => Assert.False(Symmetric(store, subject, w, "related"), $"{context}: {w}"));
            Assert.All(wrong, w => Assert.DoesNotContain($"/anatomy/{w}\"", string.Concat(store.Documents[subject].Sections.Select(s => s.Html)), StringComparison.Ordinal));
        }
    }

    /// <summary>Words that name each movement, looked for in the function facts of the muscles the nerve supplies.</summary>
    private static readonly Dictionary<string, string[]> MovementWords = new()
    {
        ["Plantar flexion of the foot at the ankle"] = ["plantar flex"],
        ["Dorsiflexion of the foot at the ankle"] = ["dorsiflex"],
        ["Flexion of the knee"] = ["flexes the knee", "flexion of the knee", "knee flexor"],
        ["Extension of the knee"] = ["extends the knee", "extension of the knee"],
        ["Extension of the hip"] = ["extends the hip", "extension of the hip", "hip extens"],
        ["Flexion of the great toe"] = ["great toe"],
        ["Flexion of the lateral four toes"] = ["lateral four toes"],
        ["Extension of the toes"] = ["extends the toes", "extension of the toes"],
        ["Inversion of the foot"] = ["invert", "inversion"],
        ["Eversion of the foot"] = ["evert", "eversion"],
        ["Unlocking of the fully extended knee"] = ["unlock"],
    };

    private static void CheckLesion(Store store, PracticeQuestion question, string context)
    {
        var nerve = question.Subject;
        Assert.Equal("nerve", store.Records[nerve].Type);
        var supplied = store.Relations.Where(r => r.Kind == "innervated_by" && r.ToSlug == nerve)
            .SelectMany(r => PartsAndWholes(store, r.FromSlug)).Distinct()
            .Where(s => store.Records[s].Type.StartsWith("muscle", StringComparison.Ordinal)).ToList();
        var right = question.Choices.Single(c => c.Correct).Text;
        var teachers = question.Structures.Skip(1).ToList();
        Assert.NotEmpty(teachers);
        foreach (var teacher in teachers)
        {
            Assert.Equal([nerve], Targets(store, teacher, "innervated_by"));
            Assert.Contains(MovementWords[right], w => Fact(store, teacher, "function")!.Text.Contains(w, StringComparison.OrdinalIgnoreCase));
        }

        foreach (var wrong in question.Choices.Where(c => !c.Correct).Select(c => c.Text))
        {
            foreach (var muscle in supplied)
            {
                var function = Fact(store, muscle, "function")?.Text ?? "";
                Assert.DoesNotContain(MovementWords[wrong], w => function.Contains(w, StringComparison.OrdinalIgnoreCase));
            }
        }
    }

    private static void CheckMatching(Store store, PracticeQuestion question, string context)
    {
        var items = question.Pairs!.Select(p => (Slug: BySlugTitle(store, p.Item), p.Answer)).ToList();
        Assert.Equal(items.Select(i => i.Slug), question.Structures);
        Assert.Equal(4, items.Select(i => i.Answer).Distinct().Count());
        foreach (var (slug, answer) in items)
        {
            Assert.True(States(store, question.Fact, slug, answer), $"{context}: {slug} → {answer} is not stated");
            foreach (var other in items.Where(i => i.Slug != slug))
            {
                Assert.DoesNotContain(other.Slug, PartsAndWholes(store, slug));
                Assert.False(States(store, question.Fact, slug, other.Answer), $"{context}: {slug} → {other.Answer} is also true");
            }

            Assert.Contains(question.Choices, c => c.Correct && c.Text == $"{store.Records[slug].Title} → {answer}");
        }
    }

    /// <summary>Whether the page of <paramref name="slug"/> (or a part or whole of it) states <paramref name="answer"/> for the fact.</summary>
    private static bool States(Store store, string fact, string slug, string answer) => fact switch
    {
        "roots" or "nerve-roots" => PartsAndWholes(store, slug).Any(m => PageText(store, m).Contains(answer, StringComparison.Ordinal)),
        "innervated_by" or "supplied_by" => PartsAndWholes(store, slug).Any(m =>
            Has(store, m, fact, BySlugTitle(store, answer))
            || (Fact(store, m, RelationFacts[fact].Fact)?.Html ?? "").Contains($"/anatomy/{BySlugTitle(store, answer)}\"", StringComparison.Ordinal)),
        _ => PartsAndWholes(store, slug).Any(m => Fact(store, m, fact) is { } f && Tidy(f.Text) == answer),
    };

    private static HashSet<string> PartsAndWholes(Store store, string slug)
    {
        var found = new HashSet<string> { slug };
        var queue = new Queue<string>([slug]);
        while (queue.TryDequeue(out var current))
        {
            foreach (var r in store.Relations.Where(r => r.Kind == "part_of" && (r.FromSlug == current || r.ToSlug == current)))
            {
                var next = r.FromSlug == current ? r.ToSlug : r.FromSlug;
                // Up from the start and down from the start, never sideways to siblings.
                var up = r.FromSlug == current;
                if ((up && IsAncestorPath(store, slug, next)) || (!up && IsAncestorPath(store, next, slug)))
                {
                    if (found.Add(next))
                    {
                        queue.Enqueue(next);
                    }
                }
            }
        }

        return found;
    }

    private static bool IsAncestorPath(Store store, string from, string to) =>
        Ancestors(store, from).Contains(to);

    private static HashSet<string> Ancestors(Store store, string slug)
    {
        var found = new HashSet<string>();
        var queue = new Queue<string>([slug]);
        while (queue.TryDequeue(out var current))
        {
            foreach (var parent in Targets(store, current, "part_of"))
            {
                if (found.Add(parent))
                {
                    queue.Enqueue(parent);
                }
            }
        }

        return found;
    }

    /// <summary>The relation holds directly, or through a branch or tributary of the target (the popliteal artery
    /// supplies what its posterior tibial branch supplies).</summary>
    private static bool HasThroughBranches(Store store, string from, string kind, string to)
    {
        var through = kind switch
        {
            "innervated_by" or "supplied_by" => "branch_of",
            "drained_by" => "tributary_of",
            _ => null,
        };
        var targets = new Queue<string>(Targets(store, from, kind));
        var seen = new HashSet<string>();
        while (targets.TryDequeue(out var target))
        {
            if (target == to)
            {
                return true;
            }

            if (through is not null && seen.Add(target))
            {
                Targets(store, target, through).ForEach(targets.Enqueue);
            }
        }

        return false;
    }

    private static bool Has(Store store, string from, string kind, string to) =>
        store.Relations.Any(r => r.FromSlug == from && r.Kind == kind && r.ToSlug == to);

    private static bool Symmetric(Store store, string a, string b, string kind) => Has(store, a, kind, b) || Has(store, b, kind, a);

    private static List<string> Targets(Store store, string from, string kind) =>
        [.. store.Relations.Where(r => r.FromSlug == from && r.Kind == kind).Select(r => r.ToSlug)];

    private static GastroRef.Content.RenderedKeyFact? Fact(Store store, string slug, string key) =>
        store.Documents[slug].KeyFacts.FirstOrDefault(f => f.Key == key);

    private static string PageText(Store store, string slug)
    {
        var document = store.Documents[slug];
        return string.Join("\n", document.KeyFacts.Select(f => f.Text).Append(document.Lead.Text).Concat(document.Sections.Select(s => s.Text)));
    }

    private static IEnumerable<string> Links(string html) => AnatomyHref().Matches(html).Select(m => m.Groups[1].Value);

    private static string BySlugTitle(Store store, string title) => store.Records.Values.Single(r => r.Title == title).Slug;

    private static string Tidy(string text) => Regex.Replace(text.Trim(), @"\s+([;,.:)])", "$1");

    [GeneratedRegex("^/anatomy/([a-z0-9-]+)#([a-z0-9-]+)$")]
    private static partial Regex LearnMore();

    [GeneratedRegex("href=\"/anatomy/([a-z0-9-]+)")]
    private static partial Regex AnatomyHref();
}
