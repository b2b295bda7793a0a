namespace GastroRef.Web.Infrastructure;

/// <summary>Every message the site logs, source-generated so a disabled level costs nothing.</summary>
internal static partial class Log
{
    [LoggerMessage(2, LogLevel.Error, "Content problem {Problem}")]
    public static partial void ContentError(ILogger logger, string problem);

    [LoggerMessage(3, LogLevel.Warning, "Content problem {Problem}")]
    public static partial void ContentWarning(ILogger logger, string problem);

    [LoggerMessage(4, LogLevel.Information, "Seeded {Added} added, {Updated} updated, {Removed} removed, {Unchanged} unchanged, {Kept} kept from their last good version, in {Elapsed} ms")]
    public static partial void Seeded(ILogger logger, int added, int updated, int removed, int unchanged, int kept, long elapsed);

    [LoggerMessage(5, LogLevel.Information, "Watching {ContentPath} for changes")]
    public static partial void Watching(ILogger logger, string contentPath);

    [LoggerMessage(6, LogLevel.Critical, "{Message}")]
    public static partial void ContentUnreadable(ILogger logger, string message);

    [LoggerMessage(7, LogLevel.Warning, "Rebuilding the store from content: {Reason}")]
    public static partial void RebuildingStore(ILogger logger, string reason);

    [LoggerMessage(8, LogLevel.Warning, "Keeping the last good version of {Slugs}: {Why}")]
    public static partial void KeptLastGood(ILogger logger, string slugs, string why);

    [LoggerMessage(601, LogLevel.Information, "Content version {Version}: cached pages evicted")]
    public static partial void PagesEvicted(ILogger logger, long version);

    [LoggerMessage(602, LogLevel.Information, "Building the store from content: there is no store file at {Path}")]
    public static partial void CreatingStore(ILogger logger, string path);

    [LoggerMessage(603, LogLevel.Critical, "Seeding failed; the site keeps serving what the store holds: {Message}")]
    public static partial void SeedingFailed(ILogger logger, string message, Exception exception);

    [LoggerMessage(604, LogLevel.Warning, "Trying to seed from {ContentPath} again in {Delay} s")]
    public static partial void RetryingSeeding(ILogger logger, string contentPath, double delay);

    [LoggerMessage(605, LogLevel.Information, "Writing {Count} changed pages to the store")]
    public static partial void WritingPages(ILogger logger, int count);

    [LoggerMessage(606, LogLevel.Error, "Cannot watch {ContentPath} for changes: {Message}")]
    public static partial void CannotWatch(ILogger logger, string contentPath, string message);

    [LoggerMessage(607, LogLevel.Critical, "The store is lost ({Reason}): rebuilding it from content; cached pages are still served, everything else answers 503 until it is done")]
    public static partial void StoreLost(ILogger logger, string reason);

    [LoggerMessage(608, LogLevel.Warning, "The store was rebuilt from content in {Elapsed} ms")]
    public static partial void StoreRebuilt(ILogger logger, long elapsed);

    [LoggerMessage(609, LogLevel.Critical, "The content folder {ContentPath} is gone; the site keeps serving what the store holds")]
    public static partial void ContentFolderGone(ILogger logger, string contentPath);

    [LoggerMessage(610, LogLevel.Warning, "The content folder {ContentPath} is back: seeding from it")]
    public static partial void ContentFolderBack(ILogger logger, string contentPath);
}
