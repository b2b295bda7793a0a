namespace GastroRef.Content;

public enum ProblemSeverity
{
    Warning,
    Error,
}

/// <summary>One thing wrong with a content file, printed as <c>path:line: message</c> so editors and editors' tools can jump to it.</summary>
public sealed record ContentProblem(string Path, int Line, string Message, ProblemSeverity Severity = ProblemSeverity.Error)
{
    public bool IsError => Severity == ProblemSeverity.Error;

    public override string ToString() =>
        Severity == ProblemSeverity.Error ? $"{Path}:{Line}: {Message}" : $"{Path}:{Line}: warning: {Message}";
}
