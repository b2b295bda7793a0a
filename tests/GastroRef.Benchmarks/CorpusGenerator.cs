using System.Globalization;
using System.Text;
using System.Text.RegularExpressions;
using GastroRef.Content;

namespace GastroRef.Benchmarks;

/// <summary>One generated structure, kept so the query mix can name real titles, aliases and Latin names.</summary>
public sealed record GeneratedStructure(string Slug, string Title, string Type, string Folder, string Latin, IReadOnlyList<string> Aliases, IReadOnlyList<string> Subsections)
{
    public string RelativePath => $"{Folder}/{Slug}.md";
}

/// <summary>Writes a synthetic content folder of valid structure files: the real content plus generated
/// structures up to the wanted count. Names are made from Latin-like syllables; body text is generated
/// from a word-pair model of the real articles, so word frequencies and lengths are like the real ones.
/// In generated text the names of real structures (gastrocnemius, tibial, Achilles…) are replaced by generated
/// names, so that, as in a real reference, a structure's name is common near it and rare elsewhere, while
/// everyday words (muscle, nerve, calf, pain) stay common everywhere. The same seed always gives the same corpus.</summary>
public sealed partial class CorpusGenerator(string realContentPath, int seed = 20261121)
{
    private static readonly (string Type, string Folder, string Noun, double Weight)[] Kinds =
    [
        ("muscle", "muscles", "muscle", 28), ("muscle-head", "muscles", "head", 3), ("muscle-group", "muscles", "group", 2),
        ("nerve", "nerves", "nerve", 13), ("artery", "vessels", "artery", 12), ("vein", "vessels", "vein", 10),
        ("bone", "bones", "bone", 8), ("tendon", "tendons", "tendon", 4), ("joint", "joints", "joint", 6),
        ("region", "regions", "region", 4), ("condition", "conditions", "syndrome", 10),
    ];

    private static readonly string[] Positions =
        ["medial", "lateral", "anterior", "posterior", "superior", "inferior", "deep", "superficial", "accessory", "common", "long", "short", "middle", "transverse", "oblique"];

    private static readonly string[] LatinPositions =
        ["medialis", "lateralis", "anterior", "posterior", "superior", "inferior", "profundus", "superficialis", "accessorius", "communis", "longus", "brevis", "medius", "transversus", "obliquus"];

    private static readonly string[] Onsets = ["ta", "fe", "po", "sa", "gra", "cu", "pe", "ro", "ti", "na", "ve", "lu", "mi", "ca", "bra", "de", "pli", "sce", "tro", "gu", "ha", "spe", "cre", "vo"];
    private static readonly string[] Middles = ["lo", "ri", "ne", "ta", "mo", "phi", "cu", "la", "sti", "do", "ga", "ser", "pan", "til", "mar", "ven", "cor"];
    private static readonly string[] Endings = ["lis", "ris", "eus", "ius", "oid", "ensis", "atus", "inus", "ulus", "alis", "aris", "ium"];
    private static readonly string[] Surnames = ["Hartmann", "Okafor", "Lindqvist", "Moreau", "Castellanos", "Whitcombe", "Nakamura", "Petrov", "Adeyemi", "Fitzgerald", "Havelka", "Quintero", "Ostrowski", "Brennan", "Sorensen", "Tanaka"];

    private readonly Random _random = new(seed);
    private readonly HashSet<string> _names = new(StringComparer.Ordinal);
    private static readonly HashSet<string> EverydayWords = new(StringComparer.OrdinalIgnoreCase)
    {
        "muscle", "muscles", "nerve", "nerves", "artery", "arteries", "vein", "veins", "bone", "bones", "tendon", "tendons",
        "joint", "joints", "head", "heads", "of", "the", "and", "a", "in", "to", "leg", "knee", "ankle", "foot", "calf", "heel",
        "back", "long", "short", "deep", "lateral", "medial", "posterior", "anterior", "superficial", "common", "great", "small",
        "greater", "lesser", "internal", "external", "inferior", "superior", "muscular", "group", "compartment", "region", "space",
        "pit", "cord", "thigh", "shin", "toe", "toes", "big", "flexor", "upper", "lower", "twin", "inner", "outer", "complex",
        "musculus", "nervus", "arteria", "arteriae", "vena", "tendo", "articulatio", "caput", "os", "longus", "brevis",
        "medialis", "lateralis", "communis", "magna", "parva", "superficialis", "profundus", "muscle's", "calf's",
    };

    private readonly Dictionary<string, List<string>> _next = new(StringComparer.Ordinal);
    private readonly List<string> _starts = [];
    private readonly HashSet<string> _realNames = new(StringComparer.OrdinalIgnoreCase);
    private readonly List<string> _generatedNames = [];

    public IReadOnlyList<GeneratedStructure> Generate(string target, int structures)
    {
        ArgumentNullException.ThrowIfNull(target);
        if (Directory.Exists(target))
        {
            Directory.Delete(target, recursive: true);
        }

        var realFiles = CopyRealContent(target);
        LearnText(realFiles);
        var count = Math.Max(0, structures - realFiles.Count);
        var generated = new List<GeneratedStructure>(count);
        var slugs = new HashSet<string>(realFiles.Select(f => Path.GetFileNameWithoutExtension(f)), StringComparer.Ordinal);
        for (var i = 0; i < count; i++)
        {
            generated.Add(NewStructure(slugs));
        }

        _generatedNames.AddRange(generated.Select(g => g.Title.Split(' ')[1]));

        var byType = generated.GroupBy(g => g.Type).ToDictionary(g => g.Key, g => g.ToList());
        for (var i = 0; i < generated.Count; i++)
        {
            var path = Path.Combine(target, generated[i].RelativePath);
            Directory.CreateDirectory(Path.GetDirectoryName(path)!);
            File.WriteAllText(path, Write(generated, byType, i));
        }

        return generated;
    }

    private List<string> CopyRealContent(string target)
    {
        var files = new List<string>();
        foreach (var file in Directory.EnumerateFiles(realContentPath, "*", SearchOption.AllDirectories))
        {
            var destination = Path.Combine(target, Path.GetRelativePath(realContentPath, file));
            Directory.CreateDirectory(Path.GetDirectoryName(destination)!);
            File.Copy(file, destination);
            if (file.EndsWith(".md", StringComparison.Ordinal) && !file.EndsWith("README.md", StringComparison.OrdinalIgnoreCase))
            {
                files.Add(file);
            }
        }

        return files;
    }

    /// <summary>Builds the word-pair model from the prose of the real articles (links reduced to their text).</summary>
    private void LearnText(List<string> files)
    {
        foreach (var file in files)
        {
            var text = File.ReadAllText(file);
            var front = text[..text.IndexOf("\n---", 4, StringComparison.Ordinal)];
            foreach (var line in front.Split('\n').Where(l => l.StartsWith("title:", StringComparison.Ordinal) || l.StartsWith("latin:", StringComparison.Ordinal) || l.StartsWith("aliases:", StringComparison.Ordinal)))
            {
                foreach (Match word in Token().Matches(line[(line.IndexOf(':', StringComparison.Ordinal) + 1)..]))
                {
                    if (word.Value.Length > 2 && char.IsLetter(word.Value[0]) && !EverydayWords.Contains(word.Value))
                    {
                        _realNames.Add(word.Value.TrimEnd('\'', '’'));
                    }
                }
            }

            var body = text[(text.IndexOf("\n---", 4, StringComparison.Ordinal) + 4)..];
            foreach (var line in body.Split('\n'))
            {
                if (line.Length == 0 || line.StartsWith('#') || line.StartsWith(":::", StringComparison.Ordinal) || line.Contains('|', StringComparison.Ordinal))
                {
                    continue;
                }

                var prose = Citation().Replace(line, "");
                prose = Link().Replace(prose, "$1");
                prose = prose.Replace("*", "", StringComparison.Ordinal).Replace("_", " ", StringComparison.Ordinal).TrimStart('-', ' ');
                var previous = ".";
                foreach (Match token in Token().Matches(prose))
                {
                    var word = token.Value;
                    if (previous == ".")
                    {
                        _starts.Add(word);
                    }

                    if (!_next.TryGetValue(previous, out var followers))
                    {
                        _next[previous] = followers = [];
                    }

                    followers.Add(word);
                    previous = word;
                }
            }
        }
    }

    private string Sentence()
    {
        var words = new List<string>();
        var word = _starts[_random.Next(_starts.Count)];
        while (words.Count < 34)
        {
            if (word == ".")
            {
                break;
            }

            // Real structures' names become generated ones: the real names stay near the real pages.
            words.Add(_realNames.Contains(word.TrimEnd('\'', '’')) && _generatedNames.Count > 0 ? _generatedNames[_random.Next(_generatedNames.Count)] : word);
            if (!_next.TryGetValue(word, out var followers))
            {
                break;
            }

            word = followers[_random.Next(followers.Count)];
        }

        var text = new StringBuilder();
        foreach (var w in words)
        {
            if (text.Length > 0 && w is not ("," or ";" or ":" or "%"))
            {
                text.Append(' ');
            }

            text.Append(w);
        }

        var sentence = text.ToString().TrimEnd(',', ';', ':', ' ');
        return sentence.Length == 0 ? "The structure varies between people." : char.ToUpperInvariant(sentence[0]) + sentence[1..] + ".";
    }

    private GeneratedStructure NewStructure(HashSet<string> slugs)
    {
        var total = Kinds.Sum(k => k.Weight);
        var pick = _random.NextDouble() * total;
        var kind = Kinds[^1];
        foreach (var k in Kinds)
        {
            if ((pick -= k.Weight) < 0)
            {
                kind = k;
                break;
            }
        }

        while (true)
        {
            var position = _random.Next(Positions.Length);
            var word = PseudoWord();
            var title = kind.Type == "condition"
                ? $"{Surnames[_random.Next(Surnames.Length)]} {word} {kind.Noun}"
                : $"{Capitalize(Positions[position])} {word} {kind.Noun}";
            var slug = ArticleParser.Slugify(title);
            if (!_names.Add(title) || !slugs.Add(slug))
            {
                continue;
            }

            var latinNoun = kind.Type switch
            {
                "nerve" => "Nervus", "artery" => "Arteria", "vein" => "Vena", "bone" => "Os", "joint" => "Articulatio",
                "tendon" => "Tendo", "region" => "Regio", "condition" => "Morbus", "muscle-head" => "Caput", _ => "Musculus",
            };
            var latin = $"{latinNoun} {word} {LatinPositions[position]}";
            var aliases = new List<string> { $"{word} {kind.Noun}" };
            if (_random.Next(3) == 0)
            {
                aliases.Add($"{Surnames[_random.Next(Surnames.Length)]}'s {kind.Noun}");
            }

            if (_random.Next(4) == 0)
            {
                aliases.Add($"{Positions[_random.Next(Positions.Length)]} {PseudoWord()}");
            }

            var subsections = Enumerable.Range(0, 1 + _random.Next(3)).Select(_ => Capitalize(PseudoWord()) + " " + (_random.Next(2) == 0 ? "injury" : "variant")).Distinct().ToList();
            return new GeneratedStructure(slug, title, kind.Type, kind.Folder, latin, aliases, subsections);
        }
    }

    private string Write(List<GeneratedStructure> all, Dictionary<string, List<GeneratedStructure>> byType, int index)
    {
        var s = all[index];
        var text = new StringBuilder();
        text.Append("---\n");
        text.Append(CultureInfo.InvariantCulture, $"title: {s.Title}\ntype: {s.Type}\nlatin: {s.Latin}\n");
        text.Append("aliases: [").Append(string.Join(", ", s.Aliases.Select(a => $"\"{a}\""))).Append("]\n");
        text.Append(CultureInfo.InvariantCulture, $"summary: \"{Sentence().Replace("\"", "'", StringComparison.Ordinal)}\"\n");
        text.Append("key_facts:\n");
        foreach (var key in ContentSchema.KeyFactsByType[s.Type].Take(4))
        {
            var other = Any(all);
            text.Append(CultureInfo.InvariantCulture, $"  {key}: \"{Sentence().TrimEnd('.').Replace("\"", "'", StringComparison.Ordinal)}; see [{other.Title.ToLowerInvariant()}]({LinkTo(s, other)})\"\n");
        }

        text.Append("relations:\n");
        if (s.Type is "muscle" or "muscle-head" or "muscle-group")
        {
            text.Append(CultureInfo.InvariantCulture, $"  innervated_by: [{Pick(byType, "nerve").Slug}]\n  supplied_by: [{Pick(byType, "artery").Slug}]\n");
        }
        else if (s.Type is "nerve" or "artery" && byType[s.Type].IndexOf(s) is > 0 and var position)
        {
            text.Append(CultureInfo.InvariantCulture, $"  branch_of: [{byType[s.Type][_random.Next(position)].Slug}]\n");
        }
        else
        {
            text.Append(CultureInfo.InvariantCulture, $"  related: [{Other(all, s).Slug}]\n");
        }

        text.Append("sources:\n  - \"Standring S, ed. Gray's Anatomy. 42nd ed. Elsevier; 2020.\"\n  - \"Moore KL, Dalley AF, Agur AMR. Clinically Oriented Anatomy. 9th ed. Wolters Kluwer; 2023.\"\n");
        text.Append("updated: 2026-11-21\n---\n\n");
        text.Append(Paragraph(all, s, 3)).Append("\n\n");
        foreach (var id in ContentSchema.RequiredSectionsByType[s.Type])
        {
            text.Append("## ").Append(Capitalize(id.Replace('-', ' '))).Append("\n\n");
            var paragraphs = 1 + _random.Next(3);
            for (var p = 0; p < paragraphs; p++)
            {
                text.Append(Paragraph(all, s, 3 + _random.Next(3))).Append("\n\n");
            }

            if (id is "clinical-notes" or "management")
            {
                foreach (var subsection in s.Subsections)
                {
                    text.Append("### ").Append(subsection).Append("\n\n").Append(Paragraph(all, s, 3 + _random.Next(3))).Append("\n\n");
                }
            }
        }

        return text.ToString();
    }

    private string Paragraph(List<GeneratedStructure> all, GeneratedStructure self, int sentences)
    {
        var text = new StringBuilder();
        for (var i = 0; i < sentences; i++)
        {
            if (i > 0)
            {
                text.Append(' ');
            }

            var sentence = Sentence();
            if (_random.Next(4) == 0)
            {
                // A link to another structure, sometimes to one of its sections, as the real articles do.
                var other = Other(all, self);
                var section = other.Type != "condition" && _random.Next(3) == 0 ? "#clinical-notes" : "";
                sentence = sentence.TrimEnd('.') + $", as with the [{other.Title.ToLowerInvariant()}]({LinkTo(self, other)}{section}).";
            }

            text.Append(sentence);
        }

        return text.ToString();
    }

    private static string LinkTo(GeneratedStructure from, GeneratedStructure to) =>
        from.Folder == to.Folder ? $"{to.Slug}.md" : $"../{to.Folder}/{to.Slug}.md";

    private GeneratedStructure Any(List<GeneratedStructure> all) => all[_random.Next(all.Count)];

    private GeneratedStructure Other(List<GeneratedStructure> all, GeneratedStructure self)
    {
        while (true)
        {
            var other = Any(all);
            if (other.Slug != self.Slug)
            {
                return other;
            }
        }
    }

    private GeneratedStructure Pick(Dictionary<string, List<GeneratedStructure>> byType, string type) =>
        byType[type][_random.Next(byType[type].Count)];

    private string PseudoWord()
    {
        var middle = _random.Next(3) == 0 ? "" : Middles[_random.Next(Middles.Length)];
        return Onsets[_random.Next(Onsets.Length)] + middle + Middles[_random.Next(Middles.Length)] + Endings[_random.Next(Endings.Length)];
    }

    private static string Capitalize(string text) => char.ToUpperInvariant(text[0]) + text[1..];

    [GeneratedRegex(@"\s*\[\d+\]\(#source-\d+\)")]
    private static partial Regex Citation();

    [GeneratedRegex(@"!?\[([^\]]*)\]\([^)]*\)")]
    private static partial Regex Link();

    [GeneratedRegex(@"[A-Za-z0-9À-ž'’–-]+|[,.;:%]")]
    private static partial Regex Token();
}
