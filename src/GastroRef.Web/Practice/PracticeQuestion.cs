using System.Text.Json.Serialization;

namespace GastroRef.Web.Practice;

/// <summary>The kinds of question, as named in URLs and JSON.</summary>
public static class PracticeKinds
{
    public const string Recall = "recall";
    public const string Reverse = "reverse";
    public const string Lesion = "lesion";
    public const string Matching = "matching";
    public const string Identify = "identify";

    public static readonly IReadOnlyList<string> All = [Recall, Reverse, Lesion, Matching, Identify];

    public static string Label(string kind) => kind switch
    {
        Recall => "Recall (one of four)",
        Reverse => "Select all that apply",
        Lesion => "Nerve lesions",
        Matching => "Matching",
        Identify => "Identify on a plate",
        _ => kind,
    };
}

public sealed record PracticeChoice(string Text, bool Correct);

/// <summary>One pair of a matching question: the item and the answer that belongs to it.</summary>
public sealed record PracticePair(string Item, string Answer);

/// <summary>A generated question. <see cref="Id"/> depends only on what is asked (kind, structure, fact and answer),
/// never on the set it appears in, so progress and Anki notes follow the question from set to set.</summary>
public sealed record PracticeQuestion(
    string Id,
    string Kind,
    string Prompt,
    IReadOnlyList<PracticeChoice> Choices,
    string LearnMore,
    IReadOnlyList<string> Structures)
{
    /// <summary>Why the right answers are right, in the words of the pages.</summary>
    public string Explanation { get; init; } = "";

    /// <summary>True when more than one choice may be right (select all that apply).</summary>
    public bool SelectAll { get; init; }

    /// <summary>Matching questions: the items and their answers (the choices list every combination).</summary>
    [JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)]
    public IReadOnlyList<PracticePair>? Pairs { get; init; }

    /// <summary>Identify questions: the plate shown and the structure highlighted on it.</summary>
    [JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)]
    public string? Plate { get; init; }

    [JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)]
    public string? Highlight { get; init; }

    public const string ClickAnswer = "click";

    /// <summary>How an identify question is answered: null to choose a name (the highlighted structure), or
    /// <see cref="ClickAnswer"/> to click the named structure's shape (the choices then say which shape is right).</summary>
    [JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)]
    public string? Answer { get; init; }

    /// <summary>The prompt on paper, where a shape is circled rather than clicked; null when it is the same.</summary>
    [JsonIgnore]
    public string? PrintPrompt { get; init; }

    [JsonIgnore]
    public bool IsClick => Answer == ClickAnswer;

    /// <summary>The structure the question is about (the first of <see cref="Structures"/>); sets are chosen by it.</summary>
    [JsonIgnore]
    public string Subject => Structures[0];

    /// <summary>The fact asked about (<c>innervated_by</c>, <c>insertion</c>, <c>roots</c>…), for tags and tests.</summary>
    [JsonIgnore]
    public string Fact { get; init; } = "";

    [JsonIgnore]
    public IEnumerable<string> CorrectAnswers => Choices.Where(c => c.Correct).Select(c => c.Text);
}
