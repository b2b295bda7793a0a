using GastroRef.Content;
using GastroRef.Web.Data;

namespace GastroRef.Web.Practice;

/// <summary>A drawn plate as practice needs it: which structures it draws (its <c>data-structure</c> groups) and its
/// validated SVG, so the question shows the very drawing it was generated from.</summary>
public sealed record PracticePlate(string Slug, string Title, IReadOnlyList<string> Structures, string Svg);

/// <summary>Writes every question the structured facts support, for every page. A right answer is always a fact the
/// subject's page states (a typed relation or a key fact); a wrong answer is offered only when no relation in either
/// direction, no part or whole of the subject, and no linked key fact makes it true. A question that cannot find enough
/// such wrong answers is not asked.</summary>
internal sealed class QuestionGenerator
{

    /// <summary>A relation asked about from the stating side (recall) and from the other side (reverse).</summary>
    private sealed record RelationFamily(
        string Relation, string FactKey, string[] Sections, string? TargetType, string[] TargetFacts, string Noun,
        Func<string, string> Ask, Func<string, string> AskReverse);

    private static readonly RelationFamily[] Relations =
    [
        new("innervated_by", "innervation", ["innervation"], "nerve", ["motor", "branches"], "nerve",
            s => $"Which nerve supplies {s}?", t => $"Which of these {Does(t)} {t} supply? Select all that apply."),
        new("supplied_by", "arterial_supply", ["blood-supply"], "artery", ["territory", "branches"], "artery",
            s => $"Which artery supplies {s}?", t => $"Which of these {Does(t)} {t} supply? Select all that apply."),
        new("drained_by", "venous_drainage", ["blood-supply"], "vein", ["territory", "tributaries"], "vein",
            s => $"Which vein drains {s}?", t => $"Which of these {Does(t)} {t} drain? Select all that apply."),
        new("branch_of", "origin", ["origin", "roots"], null, ["branches"], "trunk",
            s => $"{Capital(s)} is a branch of which of these?", t => $"Which of these are branches of {t}? Select all that apply."),
        new("tributary_of", "drains_into", ["course", "tributaries"], "vein", ["tributaries"], "vein",
            s => $"Into which vein does {s} drain?", t => $"Which of these drain into {t}? Select all that apply."),
        new("inserts_on", "insertion", ["insertion"], null, ["attachments"], "insertion",
            s => $"On which of these does {s} insert?", t => $"Which of these insert on {t}? Select all that apply."),
        new("origin_on", "origin", ["origin"], null, ["attachments"], "origin",
            s => $"From which of these does {s} arise?", t => $"Which of these arise from {t}? Select all that apply."),
    ];

    /// <summary>Key facts asked about by their own text, and what each fact claims (the structures it links, or the
    /// movements it names), so that a wrong answer never claims anything true of the subject.</summary>
    private sealed record TextFamily(string FactKey, string? Relation, string Section, string Noun, Func<string, string> Ask, bool ByMovement);

    private static readonly TextFamily[] TextFacts =
    [
        new("insertion", "inserts_on", "insertion", "insertion", s => $"Where does {s} insert?", false),
        new("origin", "origin_on", "origin", "origin", s => $"Where does {s} arise?", false),
        new("function", null, "function", "function", s => $"What does {s} do?", true),
    ];

    private readonly GraphSnapshot _graph;
    private readonly Dictionary<string, PageFacts> _pages;
    private readonly IReadOnlyList<PracticePlate> _plates;
    private readonly Dictionary<string, HashSet<string>> _families = new(StringComparer.Ordinal);

    public QuestionGenerator(GraphSnapshot graph, IReadOnlyDictionary<string, StoredDocument> documents, IReadOnlyList<PracticePlate> plates)
    {
        _graph = graph;
        _plates = plates;
        _pages = graph.All.Where(n => documents.ContainsKey(n.Slug))
            .ToDictionary(n => n.Slug, n => new PageFacts(n, documents[n.Slug]), StringComparer.Ordinal);
    }

    public IReadOnlyList<PracticeQuestion> Generate()
    {
        var questions = new List<PracticeQuestion>();
        foreach (var page in _pages.Values.OrderBy(p => p.Slug, StringComparer.Ordinal))
        {
            questions.AddRange(Recall(page));
            questions.AddRange(Reverse(page));
            questions.AddRange(Lesion(page));
            questions.AddRange(Matching(page));
        }

        questions.AddRange(Identify());
        return [.. questions.DistinctBy(q => q.Id)];
    }

    // ---- recall: one right answer among four ----

    private IEnumerable<PracticeQuestion> Recall(PageFacts page)
    {
        foreach (var family in Relations)
        {
            var truth = RelationTruth(page.Slug, family);
            var stated = _graph.Outgoing(page.Slug).Where(e => e.Kind == family.Relation).Select(e => e.To)
                .Where(t => States(page, family.FactKey, family.Sections, t)).Distinct().ToList();
            foreach (var answer in stated)
            {
                var answerNode = _graph.Find(answer)!;
                var key = $"{PracticeKinds.Recall}|{page.Slug}|{family.Relation}|{answer}";
                var wrong = Plausible(page.Slug, key, _pages.Values
                    .Where(c => c.Node.Type == (family.TargetType ?? answerNode.Type) && c.Slug != page.Slug && !truth.Contains(c.Slug))
                    .Select(c => c.Node)).Take(3).ToList();
                if (wrong.Count < 3 || page.Section(family.Sections) is not { } section)
                {
                    continue;
                }

                yield return Question(key, PracticeKinds.Recall, family.Ask(Name(page.Node)),
                    [new(answerNode.Title, true), .. wrong.Select(w => new PracticeChoice(w.Title, false))],
                    page, section, [page.Slug, answer], family.Relation, Explain(page, family.FactKey));
            }
        }

        foreach (var family in TextFacts)
        {
            if (!TextItem(page, family, out var claims) || page.Section(family.Section) is not { } section)
            {
                continue;
            }

            var key = $"{PracticeKinds.Recall}|{page.Slug}|{family.FactKey}";
            var text = page.FactText(family.FactKey)!;
            var wrong = Plausible(page.Slug, key, TextCandidates(family)
                    .Where(c => c.Slug != page.Slug && !TextConflict(family, page, claims, c))
                    .Select(c => c.Node))
                .Select(n => _pages[n.Slug].FactText(family.FactKey)!)
                .Where(t => t != text).Distinct().Take(3).ToList();
            if (wrong.Count == 3)
            {
                yield return Question(key, PracticeKinds.Recall, family.Ask(Name(page.Node)),
                    [new(text, true), .. wrong.Select(w => new PracticeChoice(w, false))],
                    page, section, [page.Slug], family.FactKey, Explain(page, family.FactKey));
            }
        }

        foreach (var question in RootsRecall(page))
        {
            yield return question;
        }
    }

    /// <summary>Spinal roots: of a nerve (its roots fact) or of a muscle (the range after its nerve). A range is wrong
    /// only if it appears nowhere on the page or its parts and wholes, so "sources differ" notes never make a wrong answer right.</summary>
    private IEnumerable<PracticeQuestion> RootsRecall(PageFacts page)
    {
        if (RootsItem(page) is not { } item || page.Section(item.Sections) is not { } section)
        {
            yield break;
        }

        var key = $"{PracticeKinds.Recall}|{page.Slug}|roots|{item.Range}";
        var pool = _pages.Values.Select(RootsItem).OfType<RootsFact>().Select(r => r.Range)
            .Where(r => !item.Truth.Contains(r)).Distinct()
            .OrderBy(r => StableHash.Of(key + "|" + r)).Take(3).ToList();
        if (pool.Count < 3)
        {
            yield break;
        }

        var prompt = page.Node.Type == "nerve"
            ? $"From which spinal roots does {Name(page.Node)} arise?"
            : $"Which spinal roots supply {Name(page.Node)} through its nerve?";
        yield return Question(key, PracticeKinds.Recall, prompt,
            [new(item.Range, true), .. pool.Select(r => new PracticeChoice(r, false))],
            page, section, [page.Slug], "roots", Explain(page, item.FactKey));
    }

    private sealed record RootsFact(string Range, string FactKey, string[] Sections, IReadOnlySet<string> Truth);

    private RootsFact? RootsItem(PageFacts page)
    {
        (string? FactKey, string[] Sections) where = page.Node.Type == "nerve" ? ("roots", ["roots"])
            : ContentSchema.MuscleTypes.Contains(page.Node.Type) ? ("innervation", ["innervation"]) : (null, []);
        var (factKey, sections) = where;
        if (factKey is null || RootRanges.In(page.FactText(factKey)) is not [var range, ..] ranges || ranges.Distinct().Count() != 1)
        {
            return null;
        }

        var truth = Family(page.Slug).Where(_pages.ContainsKey).SelectMany(s => RootRanges.In(_pages[s].FullText)).ToHashSet(StringComparer.Ordinal);
        return new(range, factKey, sections, truth);
    }

    // ---- reverse: select all, from the relations ----

    private IEnumerable<PracticeQuestion> Reverse(PageFacts page)
    {
        foreach (var family in Relations)
        {
            if (family.TargetType is { } type && type != page.Node.Type)
            {
                continue;
            }

            var correct = _graph.Incoming(page.Slug).Where(e => e.Kind == family.Relation).Select(e => e.From).Distinct().ToList();
            if (correct.Count == 0)
            {
                continue;
            }

            var types = correct.Select(c => _graph.Find(c)!.Type).ToHashSet(StringComparer.Ordinal);
            var key = $"{PracticeKinds.Reverse}|{page.Slug}|{family.Relation}";
            var candidates = _pages.Values.Where(c => types.Contains(c.Node.Type) && c.Slug != page.Slug && !correct.Contains(c.Slug)
                && !RelationTruth(c.Slug, family).Contains(page.Slug)
                && !family.TargetFacts.Any(f => page.FactLinks(f).Overlaps(Family(c.Slug))));
            var question = SelectAll(page, key, family.AskReverse(Name(page.Node)), correct, candidates.Select(c => c.Node), "connections",
                family.Relation, $"{page.Node.Title}, {ReverseLabel(family.Relation).ToLowerInvariant()}: {Titles(correct)}.");
            if (question is not null)
            {
                yield return question;
            }
        }

        if (page.Node.Type == "region")
        {
            var inside = _graph.InRegion(page.Slug).Select(n => n.Slug).ToHashSet(StringComparer.Ordinal);
            var correct = inside.Where(s => page.AllLinks.Contains(s) || Related(s, page.Slug)).ToList();
            var candidates = _pages.Values.Where(c => c.Node.Type is not ("condition" or "region") && c.Slug != page.Slug
                && !Family(c.Slug).Any(m => inside.Contains(m) || page.AllLinks.Contains(m) || (_pages.TryGetValue(m, out var p) && p.AllLinks.Contains(page.Slug))));
            var question = SelectAll(page, $"{PracticeKinds.Reverse}|{page.Slug}|contains", $"Which of these lie in {Name(page.Node)}? Select all that apply.",
                correct, candidates.Select(c => c.Node), page.Section("contents") ?? "connections", "contains",
                $"In {Name(page.Node)}: {Titles(correct)}.");
            if (question is not null)
            {
                yield return question;
            }
        }

        if (page.Node.Type == "condition")
        {
            var correct = _graph.Outgoing(page.Slug).Where(e => e.Kind == "related").Select(e => e.To)
                .Concat(_graph.Incoming(page.Slug).Where(e => e.Kind == "related").Select(e => e.From))
                .Where(s => _graph.Find(s)!.Type != "condition").Distinct().ToList();
            var types = correct.Select(c => _graph.Find(c)!.Type).ToHashSet(StringComparer.Ordinal);
            var candidates = _pages.Values.Where(c => types.Contains(c.Node.Type) && c.Slug != page.Slug
                && !Family(c.Slug).Any(m => correct.Contains(m) || page.AllLinks.Contains(m) || (_pages.TryGetValue(m, out var p) && p.AllLinks.Contains(page.Slug))));
            var question = SelectAll(page, $"{PracticeKinds.Reverse}|{page.Slug}|involves",
                $"Which of these structures does this condition involve: {page.Node.Title}? Select all that apply.",
                correct, candidates.Select(c => c.Node), page.Section("anatomy-involved") ?? "connections", "related",
                $"{page.Node.Title} involves {Titles(correct)}.");
            if (question is not null)
            {
                yield return question;
            }
        }
    }

    private PracticeQuestion? SelectAll(PageFacts page, string key, string prompt, List<string> correct,
        IEnumerable<GraphNode> candidates, string section, string fact, string explanation)
    {
        if (correct.Count == 0 || !page.SectionIds.Contains(section) && section != "connections")
        {
            return null;
        }

        var right = correct.OrderBy(s => StableHash.Of(key + "|" + s)).Take(3).ToList();
        var wrong = Plausible(page.Slug, key, candidates).Take(Math.Max(2, 5 - right.Count)).ToList();
        if (wrong.Count < 2)
        {
            return null;
        }

        return Question(key, PracticeKinds.Reverse, prompt,
            [.. right.Select(s => new PracticeChoice(_graph.Find(s)!.Title, true)), .. wrong.Select(w => new PracticeChoice(w.Title, false))],
            page, section, [page.Slug, .. right], fact, explanation) with { SelectAll = true };
    }

    // ---- lesion reasoning: innervation plus function ----

    /// <summary>"The tibial nerve is cut just below its origin. Which movement is lost or weak?" Right answers come from
    /// muscles the nerve alone supplies, by its own branches (a muscle reached through a division of a parent nerve is
    /// supplied above the cut). Wrong answers are movements that no muscle the nerve supplies in any way names, and that
    /// the nerve's page does not mention.</summary>
    private IEnumerable<PracticeQuestion> Lesion(PageFacts nerve)
    {
        if (nerve.Node.Type != "nerve")
        {
            yield break;
        }

        var family = Relations[0];
        var supplied = _pages.Values.Where(p => ContentSchema.MuscleTypes.Contains(p.Node.Type) && RelationTruth(p.Slug, family).Contains(nerve.Slug)).ToList();
        var weakened = supplied.SelectMany(p => Movements.In(p.FactText("function"))).ToHashSet(StringComparer.Ordinal);
        var spared = Movements.All.Where(m => !weakened.Contains(m.Key) && !m.Pattern.IsMatch(nerve.FullText)).ToList();
        var alone = supplied.Where(p =>
                _graph.Outgoing(p.Slug).Where(e => e.Kind == "innervated_by").Select(e => e.To).SequenceEqual([nerve.Slug])
                && p.FactLinks("innervation").Contains(nerve.Slug)
                && !(p.FactText("innervation") ?? "").Contains("division", StringComparison.OrdinalIgnoreCase))
            .ToList();
        var region = nerve.FactLinks("origin").Select(s => _graph.Find(s)).FirstOrDefault(n => n?.Type == "region");
        var where = region is null ? "just below its origin" : $"just below its origin, in {Name(region)}";
        foreach (var movement in Movements.All.Where(m => alone.Any(p => Movements.In(p.FactText("function")).Contains(m.Key))))
        {
            var key = $"{PracticeKinds.Lesion}|{nerve.Slug}|{movement.Key}";
            var wrong = spared.OrderBy(m => StableHash.Of(key + "|" + m.Key)).Take(3).ToList();
            var teachers = alone.Where(p => Movements.In(p.FactText("function")).Contains(movement.Key)).ToList();
            var teacher = teachers.OrderBy(p => p.Node.Type == "muscle" ? 0 : 1).ThenBy(p => p.Slug, StringComparer.Ordinal).First();
            if (wrong.Count < 3 || teacher.Section("function") is not { } section)
            {
                continue;
            }

            var explanation = $"{nerve.Node.Title} supplies {Titles(teachers.Select(t => t.Slug))}. " +
                $"{teacher.Node.Title}, function: {teacher.FactText("function")}.";
            yield return Question(key, PracticeKinds.Lesion,
                $"{Capital(Name(nerve.Node))} is cut {where}. Which movement is lost or weak?",
                [new(movement.Text, true), .. wrong.Select(w => new PracticeChoice(w.Text, false))],
                teacher, section, [nerve.Slug, .. teachers.Select(t => t.Slug)], movement.Key, explanation);
        }
    }

    // ---- matching: four items to their four answers ----

    private sealed record MatchItem(PageFacts Page, string Answer, IReadOnlySet<string> Claims, IReadOnlySet<string> Truth, string Section);

    private sealed record MatchFamily(string Fact, string Noun, string Prompt, Func<PageFacts, MatchItem?> Item);

    private IEnumerable<MatchFamily> MatchFamilies()
    {
        yield return new("roots", "spinal roots", "Match each muscle to the spinal roots of its nerve supply.", p =>
            ContentSchema.MuscleTypes.Contains(p.Node.Type) && RootsItem(p) is { } r && p.Section(r.Sections) is { } s
                ? new(p, r.Range, new HashSet<string> { r.Range }, r.Truth, s) : null);
        yield return new("nerve-roots", "spinal roots", "Match each nerve to its spinal roots.", p =>
            p.Node.Type == "nerve" && RootsItem(p) is { } r && p.Section(r.Sections) is { } s
                ? new(p, r.Range, new HashSet<string> { r.Range }, r.Truth, s) : null);
        foreach (var family in Relations.Take(2))
        {
            yield return new(family.Relation, family.Noun, $"Match each muscle to the {family.Noun} that supplies it.", p =>
            {
                if (!ContentSchema.MuscleTypes.Contains(p.Node.Type) || p.Section(family.Sections) is not { } s)
                {
                    return null;
                }

                var stated = _graph.Outgoing(p.Slug).Where(e => e.Kind == family.Relation).Select(e => e.To)
                    .Where(t => States(p, family.FactKey, family.Sections, t)).Order(StringComparer.Ordinal).FirstOrDefault();
                return stated is null ? null : new(p, _graph.Find(stated)!.Title, new HashSet<string> { stated }, RelationTruth(p.Slug, family), s);
            });
        }

        foreach (var family in TextFacts)
        {
            yield return new(family.FactKey, family.Noun, $"Match each muscle to its {family.Noun}.", p =>
                ContentSchema.MuscleTypes.Contains(p.Node.Type) && TextItem(p, family, out var claims) && p.Section(family.Section) is { } s
                    ? new(p, p.FactText(family.FactKey)!, claims, TextTruth(p, family), s) : null);
        }
    }

    private IEnumerable<PracticeQuestion> Matching(PageFacts page)
    {
        foreach (var family in MatchFamilies())
        {
            if (family.Item(page) is not { } first)
            {
                continue;
            }

            var key = $"{PracticeKinds.Matching}|{page.Slug}|{family.Fact}";
            var chosen = new List<MatchItem> { first };
            var others = Plausible(page.Slug, key, _pages.Values.Where(p => p.Slug != page.Slug).Select(p => p.Node))
                .Select(n => family.Item(_pages[n.Slug])).OfType<MatchItem>();
            foreach (var item in others)
            {
                if (chosen.All(c => !MatchConflict(c, item)))
                {
                    chosen.Add(item);
                    if (chosen.Count == 4)
                    {
                        break;
                    }
                }
            }

            if (chosen.Count < 4)
            {
                continue;
            }

            var answers = chosen.OrderBy(c => StableHash.Of(key + "|answer|" + c.Page.Slug)).Select(c => c.Answer).ToList();
            var choices = chosen.SelectMany(c => answers.Select(a => new PracticeChoice($"{c.Page.Node.Title} → {a}", a == c.Answer))).ToList();
            yield return new PracticeQuestion(StableHash.Id(key), PracticeKinds.Matching, family.Prompt, choices,
                StructureUrls.Section(page.Slug, first.Section), [.. chosen.Select(c => c.Page.Slug)])
            {
                Explanation = string.Join(" ", chosen.Select(c => $"{c.Page.Node.Title}: {c.Answer}.")),
                Pairs = [.. chosen.Select(c => new PracticePair(c.Page.Node.Title, c.Answer))],
                SelectAll = true,
                Fact = family.Fact,
            };
        }
    }

    private bool MatchConflict(MatchItem a, MatchItem b) =>
        a.Page.Slug == b.Page.Slug || Family(a.Page.Slug).Contains(b.Page.Slug) || a.Answer == b.Answer
        || a.Claims.Overlaps(b.Truth) || b.Claims.Overlaps(a.Truth);

    // ---- identify on a plate ----

    /// <summary>Two questions per structure drawn on a plate: which one is highlighted (its name among three other
    /// structures of the same plate, of its own type first, never its part or whole nor one of the same name), and
    /// "click the named one" (the same choices, answered by clicking its shape).</summary>
    private IEnumerable<PracticeQuestion> Identify()
    {
        foreach (var plate in _plates)
        {
            var shown = plate.Structures.Where(_pages.ContainsKey).Distinct().ToList();
            foreach (var slug in shown)
            {
                var page = _pages[slug];
                var key = $"{PracticeKinds.Identify}|{plate.Slug}|{slug}";
                var wrong = shown.Where(s => s != slug && !Family(slug).Contains(s) && _pages[s].Node.Title != page.Node.Title)
                    .Select(s => _graph.Find(s)!)
                    .OrderBy(n => n.Type == page.Node.Type ? 0 : 1).ThenBy(n => StableHash.Of(key + "|" + n.Slug))
                    .Take(3).ToList();
                if (wrong.Count < 3)
                {
                    continue;
                }

                // Every page drawn on a plate has a Figures section showing it.
                const string section = "figures";
                PracticeChoice[] choices = [new(page.Node.Title, true), .. wrong.Select(w => new PracticeChoice(w.Title, false))];
                var explanation = $"The highlighted structure is {Name(page.Node)} ({plate.Title}).";
                yield return Question(key, PracticeKinds.Identify, $"Which structure is highlighted on the plate “{plate.Title}”?",
                    choices, page, section, [slug], "plate", explanation)
                    with { Plate = plate.Slug, Highlight = slug };

                var clickKey = key + "|click";
                yield return Question(clickKey, PracticeKinds.Identify, $"Click {Name(page.Node)} on the plate “{plate.Title}”.",
                    choices, page, section, [slug], "plate-click", $"{Capital(Name(page.Node))} is the shape outlined on the plate ({plate.Title}).")
                    with
                    {
                        Plate = plate.Slug,
                        Highlight = slug,
                        Answer = PracticeQuestion.ClickAnswer,
                        PrintPrompt = $"Circle {Name(page.Node)} on the plate “{plate.Title}”.",
                    };
            }
        }
    }

    // ---- truth: what may never be offered as a wrong answer ----

    /// <summary>Everything a relation makes true of a structure: the relation from the structure, its parts and its
    /// wholes; whatever the matching key fact of any of them links; from the other direction, every structure whose own
    /// facts (a nerve's motor supply, an artery's territory) name any of them; and the trunks that supply, or the veins
    /// that drain, through those (the popliteal artery supplies what its branches supply).</summary>
    private HashSet<string> RelationTruth(string slug, RelationFamily family)
    {
        var truth = DirectTruth(slug, family);
        var through = family.Relation switch
        {
            "innervated_by" or "supplied_by" => "branch_of",
            "drained_by" => "tributary_of",
            _ => null,
        };
        if (through is not null)
        {
            var queue = new Queue<string>(truth);
            while (queue.TryDequeue(out var current))
            {
                foreach (var trunk in _graph.Outgoing(current).Where(e => e.Kind == through).Select(e => e.To))
                {
                    if (truth.Add(trunk))
                    {
                        queue.Enqueue(trunk);
                    }
                }
            }
        }

        return truth;
    }

    private HashSet<string> DirectTruth(string slug, RelationFamily family)
    {
        var members = Family(slug);
        var truth = new HashSet<string>(StringComparer.Ordinal);
        foreach (var member in members)
        {
            truth.UnionWith(_graph.Outgoing(member).Where(e => e.Kind == family.Relation).Select(e => e.To));
            if (_pages.TryGetValue(member, out var memberPage))
            {
                truth.UnionWith(memberPage.FactLinks(family.FactKey));
            }
        }

        foreach (var other in _pages.Values)
        {
            if (family.TargetFacts.Any(f => other.FactLinks(f).Overlaps(members)))
            {
                truth.Add(other.Slug);
            }
        }

        return truth;
    }

    private bool TextItem(PageFacts page, TextFamily family, out IReadOnlySet<string> claims)
    {
        claims = new HashSet<string>();
        if (!(ContentSchema.MuscleTypes.Contains(page.Node.Type) || page.Node.Type == "tendon") || page.FactText(family.FactKey) is null)
        {
            return false;
        }

        claims = TextClaims(page, family);
        return claims.Count > 0;
    }

    private HashSet<string> TextClaims(PageFacts page, TextFamily family)
    {
        if (family.ByMovement)
        {
            return [.. Movements.In(page.FactText(family.FactKey))];
        }

        var claims = new HashSet<string>(page.FactLinks(family.FactKey), StringComparer.Ordinal);
        if (family.Relation is { } relation)
        {
            claims.UnionWith(_graph.Outgoing(page.Slug).Where(e => e.Kind == relation).Select(e => e.To));
        }

        return claims;
    }

    private HashSet<string> TextTruth(PageFacts page, TextFamily family) =>
        [.. Family(page.Slug).Where(_pages.ContainsKey).SelectMany(s => TextClaims(_pages[s], family))];

    private IEnumerable<PageFacts> TextCandidates(TextFamily family) =>
        _pages.Values.Where(p => TextItem(p, family, out _));

    private HashSet<string> Synergists(string slug) =>
        [.. _graph.Outgoing(slug).Where(e => e.Kind == "synergists").Select(e => e.To),
            .. _graph.Incoming(slug).Where(e => e.Kind == "synergists").Select(e => e.From)];

    private bool TextConflict(TextFamily family, PageFacts subject, IReadOnlySet<string> claims, PageFacts candidate)
    {
        if (Family(subject.Slug).Contains(candidate.Slug))
        {
            return true;
        }

        // Synergists share an action even where the movement patterns do not name it (flexion at the hip), so a
        // synergist's function is never offered as a wrong answer.
        if (family.ByMovement && Synergists(subject.Slug).Contains(candidate.Slug))
        {
            return true;
        }

        var subjectTruth = TextTruth(subject, family);
        var candidateTruth = TextTruth(candidate, family);
        return TextClaims(candidate, family).Overlaps(subjectTruth) || claims.Overlaps(candidateTruth);
    }

    /// <summary>The structure, everything it is part of and everything that is part of it (any depth).</summary>
    private HashSet<string> Family(string slug)
    {
        if (_families.TryGetValue(slug, out var cached))
        {
            return cached;
        }

        var family = new HashSet<string>(StringComparer.Ordinal) { slug };
        Walk(s => _graph.Outgoing(s).Where(e => e.Kind == "part_of").Select(e => e.To));
        Walk(s => _graph.Incoming(s).Where(e => e.Kind == "part_of").Select(e => e.From));
        _families[slug] = family;
        return family;

        void Walk(Func<string, IEnumerable<string>> next)
        {
            var queue = new Queue<string>([slug]);
            while (queue.TryDequeue(out var current))
            {
                foreach (var found in next(current))
                {
                    if (family.Add(found))
                    {
                        queue.Enqueue(found);
                    }
                }
            }
        }
    }

    private bool Related(string a, string b) =>
        _graph.Outgoing(a).Any(e => e.To == b) || _graph.Incoming(a).Any(e => e.From == b);

    /// <summary>The page states the relation when the key fact (or the section that teaches it) links the target.</summary>
    private static bool States(PageFacts page, string factKey, string[] sections, string target) =>
        page.FactLinks(factKey).Contains(target) ||
        page.Document.Sections.Where(s => sections.Contains(s.Id)).Any(s => PageFacts.LinkedSlugs(s.Html).Contains(target));

    /// <summary>Wrong answers in a stable order: those sharing a region with the subject first, then the rest.</summary>
    private IEnumerable<GraphNode> Plausible(string subject, string key, IEnumerable<GraphNode> candidates)
    {
        var regions = _graph.RegionsOf(subject).Select(r => r.Slug).ToHashSet(StringComparer.Ordinal);
        return candidates
            .OrderBy(c => _graph.RegionsOf(c.Slug).Any(r => regions.Contains(r.Slug)) ? 0 : 1)
            .ThenBy(c => StableHash.Of(key + "|" + c.Slug));
    }

    private static PracticeQuestion Question(string key, string kind, string prompt, IReadOnlyList<PracticeChoice> choices,
        PageFacts page, string section, IReadOnlyList<string> structures, string fact, string explanation)
    {
        // Choices in a stable order that does not give the answer away (the right one is not always first).
        var ordered = choices.OrderBy(c => StableHash.Of(key + "|choice|" + c.Text)).ToList();
        return new PracticeQuestion(StableHash.Id(key), kind, prompt, ordered, StructureUrls.Section(page.Slug, section), [.. structures.Distinct()])
        {
            Explanation = explanation,
            Fact = fact,
        };
    }

    private static string Explain(PageFacts page, string factKey) =>
        $"{page.Node.Title}, {ContentSchema.KeyFactLabel(factKey).ToLowerInvariant()}: {page.FactText(factKey)}.";

    private static string ReverseLabel(string relation) => ContentSchema.FindRelationKind(relation)?.ReverseLabel ?? relation;

    private string Titles(IEnumerable<string> slugs) =>
        string.Join(", ", slugs.Select(s => _graph.Find(s)?.Title ?? s).Order(StringComparer.OrdinalIgnoreCase));

    /// <summary>How a structure is named inside a sentence: "soleus", "the tibial nerve", "the medial head of gastrocnemius".
    /// Conditions keep their title as written (some are named after people).</summary>
    internal static string Name(GraphNode node) => node.Type switch
    {
        "muscle" or "muscle-group" => Lower(node.Title),
        "condition" => node.Title,
        _ => "the " + Lower(node.Title),
    };

    /// <summary>"does the tibial nerve", "do the sural arteries".</summary>
    private static string Does(string name) =>
        name.EndsWith("arteries", StringComparison.Ordinal) || name.EndsWith("veins", StringComparison.Ordinal) || name.EndsWith("nerves", StringComparison.Ordinal) ? "do" : "does";

    private static string Lower(string title) =>
        title.Length > 1 && char.IsUpper(title[0]) && !char.IsUpper(title[1]) ? char.ToLowerInvariant(title[0]) + title[1..] : title;

    private static string Capital(string text) => text.Length == 0 ? text : char.ToUpperInvariant(text[0]) + text[1..];
}
