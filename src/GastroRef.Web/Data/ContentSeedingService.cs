using System.Threading.Channels;
using GastroRef.Web.Infrastructure;

namespace GastroRef.Web.Data;

/// <summary>Prepares the store and seeds it at start-up, then (when watching) reseeds whenever a
/// content file changes, so editors see their edit on the next refresh.</summary>
public sealed class ContentSeedingService(
    StoreInitializer initializer,
    ContentSeeder seeder,
    StoreOptions options,
    StoreState state,
    ILogger<ContentSeedingService> logger) : BackgroundService
{
    private static readonly TimeSpan Debounce = TimeSpan.FromMilliseconds(300);

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        await initializer.InitializeAsync(stoppingToken);
        await SeedOnceAsync(stoppingToken);
        state.MarkReady();
        if (!options.WatchContent || !Directory.Exists(options.ContentPath))
        {
            return;
        }

        var changes = Channel.CreateBounded<bool>(new BoundedChannelOptions(1) { FullMode = BoundedChannelFullMode.DropWrite });
        using var watcher = new FileSystemWatcher(options.ContentPath)
        {
            IncludeSubdirectories = true,
            NotifyFilter = NotifyFilters.FileName | NotifyFilters.DirectoryName | NotifyFilters.LastWrite | NotifyFilters.Size,
        };
        FileSystemEventHandler changed = (_, _) => changes.Writer.TryWrite(true);
        watcher.Changed += changed;
        watcher.Created += changed;
        watcher.Deleted += changed;
        watcher.Renamed += (_, _) => changes.Writer.TryWrite(true);
        watcher.EnableRaisingEvents = true;
        Log.Watching(logger, options.ContentPath);

        await foreach (var _ in changes.Reader.ReadAllAsync(stoppingToken))
        {
            // Editors' saves come in bursts (temp file, rename, attributes): wait for them to settle.
            await Task.Delay(Debounce, stoppingToken);
            while (changes.Reader.TryRead(out var _))
            {
            }

            await SeedOnceAsync(stoppingToken);
        }
    }

    private async Task SeedOnceAsync(CancellationToken cancellationToken)
    {
        try
        {
            await seeder.SeedAsync(cancellationToken);
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            // The site keeps serving what the store has; /healthz says what is wrong.
            var message = $"The content folder {options.ContentPath} cannot be read: {e.Message}";
            state.SeedingFailed(message);
            Log.ContentUnreadable(logger, message);
        }
    }
}
