using System.Threading.Channels;
using GastroRef.Web.Infrastructure;

namespace GastroRef.Web.Data;

/// <summary>Prepares the store and seeds it at start-up, then (when watching) reseeds whenever a
/// content file changes, so editors see their edit on the next refresh.
/// Nothing here stops the process: a store or content folder that cannot be read is logged, reported by
/// /healthz and tried again, so a bad deployment never turns into a crash loop.</summary>
public sealed class ContentSeedingService(
    StoreInitializer initializer,
    ContentSeeder seeder,
    StoreOptions options,
    StoreState state,
    ILogger<ContentSeedingService> logger) : BackgroundService
{
    private static readonly TimeSpan Debounce = TimeSpan.FromMilliseconds(300);
    private static readonly TimeSpan LongestRetryDelay = TimeSpan.FromMinutes(5);

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        var changes = Channel.CreateBounded<bool>(new BoundedChannelOptions(1) { FullMode = BoundedChannelFullMode.DropWrite });
        void Changed() => changes.Writer.TryWrite(true);

        // Watch before the first seeding: an edit saved while it runs, or the moment after, is seeded next instead
        // of waiting for another edit. If the folder cannot be watched yet (it may not exist), try again once seeded.
        var watcher = options.WatchContent ? Watch(Changed) : null;
        try
        {
            await PrepareAsync(stoppingToken);
            if (!options.WatchContent || (watcher ??= Watch(Changed)) is null)
            {
                return;
            }

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
        finally
        {
            watcher?.Dispose();
        }
    }

    /// <summary>Initializes the store and seeds it, trying again with a growing delay until both work.
    /// Readers are let in as soon as the store exists, seeded or not: they get what it holds.</summary>
    private async Task PrepareAsync(CancellationToken stoppingToken)
    {
        var delay = options.SeedRetryDelay;
        var initialized = false;
        while (true)
        {
            try
            {
                if (!initialized)
                {
                    await initializer.InitializeAsync(state.Version, stoppingToken);
                    await seeder.PublishStoredAsync(stoppingToken);
                    initialized = true;
                }

                if (await SeedOnceAsync(stoppingToken))
                {
                    state.MarkReady();
                    return;
                }
            }
            catch (Exception e) when (e is not OperationCanceledException)
            {
                var message = $"The store cannot be prepared: {e.Message}";
                state.SeedingFailed(message);
                Log.SeedingFailed(logger, message, e);
            }

            if (initialized)
            {
                state.MarkReady();
            }

            Log.RetryingSeeding(logger, options.ContentPath, delay.TotalSeconds);
            await Task.Delay(delay, stoppingToken);
            delay = TimeSpan.FromTicks(Math.Min(delay.Ticks * 2, LongestRetryDelay.Ticks));
        }
    }

    private FileSystemWatcher? Watch(Action changed)
    {
        try
        {
            var watcher = new FileSystemWatcher(options.ContentPath)
            {
                IncludeSubdirectories = true,
                NotifyFilter = NotifyFilters.FileName | NotifyFilters.DirectoryName | NotifyFilters.LastWrite | NotifyFilters.Size,
            };
            watcher.Changed += (_, _) => changed();
            watcher.Created += (_, _) => changed();
            watcher.Deleted += (_, _) => changed();
            watcher.Renamed += (_, _) => changed();

            // Lost events (a full buffer): reseed, which compares everything anyway.
            watcher.Error += (_, _) => changed();
            watcher.EnableRaisingEvents = true;
            Log.Watching(logger, options.ContentPath);
            return watcher;
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException or ArgumentException)
        {
            // E.g. the inotify instance limit: the site still serves, edits need a restart.
            Log.CannotWatch(logger, options.ContentPath, e.Message);
            return null;
        }
    }

    /// <summary>One seeding; false (logged, and reported by /healthz) when it could not be done.</summary>
    private async Task<bool> SeedOnceAsync(CancellationToken cancellationToken)
    {
        try
        {
            await seeder.SeedAsync(cancellationToken);
            return true;
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            // The site keeps serving what the store has; /healthz says what is wrong.
            var message = $"The content folder {options.ContentPath} cannot be read: {e.Message}";
            state.SeedingFailed(message);
            Log.ContentUnreadable(logger, message);
            return false;
        }
        catch (Exception e) when (e is not OperationCanceledException)
        {
            // The seeding transaction was rolled back: the store is as it was before.
            var message = $"Seeding from {options.ContentPath} failed: {e.Message}";
            state.SeedingFailed(message);
            Log.SeedingFailed(logger, message, e);
            return false;
        }
    }
}
