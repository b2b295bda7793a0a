namespace GastroRef.Web.Search;

/// <summary>The search feature's log messages (event ids 4xx).</summary>
internal static partial class SearchLog
{
    [LoggerMessage(401, LogLevel.Warning, "Search expression {Expression} was rejected by FTS5: {Message}")]
    public static partial void QueryRejected(ILogger logger, string expression, string message);
}
