namespace GastroRef.Benchmarks;

/// <summary>The fixed query mix: what students type (names, plain words, Latin, eponyms, typos, prefixes while
/// typing, section questions), the worst case (one very common word) and hostile input. Generated names are
/// picked at fixed positions, so every run of the same corpus asks the same questions.</summary>
public static class QueryMix
{
    public static IReadOnlyList<(string Kind, string Query)> Build(IReadOnlyList<GeneratedStructure> generated)
    {
        ArgumentNullException.ThrowIfNull(generated);
        var mix = new List<(string, string)>
        {
            ("title", "gastrocnemius"), ("title", "tibia"), ("alias or eponym", "calf muscle"), ("alias or eponym", "Achilles"),
            ("alias or eponym", "peroneal nerve"), ("alias or eponym", "heel bone"), ("latin", "caput mediale"), ("latin", "nervus tibialis"),
            ("section words", "soleus innervation"), ("section words", "deep vein thrombosis"), ("section words", "tibial nerve branches"),
            ("typo", "gastrocnemus"), ("typo", "solues"), ("typo", "poplitael fossa"),
            ("prefix", "gastroc"), ("prefix", "sol"), ("prefix", "tib"), ("prefix", "achil"),
            ("common word", "muscle"), ("common word", "nerve"), ("common word", "pain"), ("common word", "blood supply"),
            ("hostile", "\"AND OR NOT ( *"), ("hostile", "c++ body: ^soleus"), ("hostile", "🙂 soleus NEAR(a b)"),
            ("hostile", new string('x', 60) + " " + new string('y', 60)),
        };

        for (var i = 0; i < 6 && generated.Count > 0; i++)
        {
            var s = generated[i * generated.Count / 6];
            var word = s.Title.Split(' ')[1];
            mix.Add(("title", s.Title));
            if (i < 3)
            {
                mix.Add(("alias or eponym", s.Aliases[^1]));
                mix.Add(("latin", s.Latin));
            }

            if (i < 4)
            {
                mix.Add(("typo", Swap(word)));
                mix.Add(("prefix", word[..4]));
                mix.Add(("section words", $"{word} {s.Subsections[0].Split(' ')[0]}"));
            }
        }

        return mix;
    }

    /// <summary>The word with two letters in the middle swapped: the commonest typing slip.</summary>
    private static string Swap(string word)
    {
        var chars = word.ToCharArray();
        var middle = chars.Length / 2;
        (chars[middle], chars[middle + 1]) = (chars[middle + 1], chars[middle]);
        return new string(chars);
    }
}
