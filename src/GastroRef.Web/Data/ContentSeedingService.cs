using System.Diagnostics;
using System.Threading.Channels;
using GastroRef.Web.Infrastructure;
using Microsoft.Data.Sqlite;

namespace GastroRef.Web.Data;

/// <summary>Prepares the store and seeds it at start-up, then keeps it right without a restart: reseeds when a content
/// file changes (when watching), retries a failed seeding on a back-off, rebuilds the store from content when its file
/// is deleted or damaged under the running site, and follows the content folder by its path when it is deleted, moved
/// or replaced. Nothing here stops the process: what cannot be read is logged, reported by /healthz and tried again,
/// so a bad deployment never turns into a crash loop.</summary>
public sealed class ContentSeedingService(
    StoreInitializer initializer,
    ContentSeeder seeder,
    StoreOptions options,
    StoreState state,
    ReaderPool readers,
    ILogger<ContentSeedingService> logger) : BackgroundService
{
    private static readonly TimeSpan Debounce = TimeSpan.FromMilliseconds(300);

    /// <summary>Failed seedings are retried sooner at first, then every this often at most.</summary>
    private static readonly TimeSpan LongestRetryDelay = TimeSpan.FromSeconds(30);

    /// <summary>How often the store file and the content folder are looked at, besides the watchers' events.</summary>
    private static readonly TimeSpan CheckInterval = TimeSpan.FromSeconds(1);

    private readonly Channel<bool> _signals = Channel.CreateBounded<bool>(new BoundedChannelOptions(1) { FullMode = BoundedChannelFullMode.DropWrite });
    private TimeSpan _retryDelay = options.SeedRetryDelay;
    private TimeSpan _lastRetryDelay = options.SeedRetryDelay;
    private long? _retryAt;
    private int _checkStore;

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        // Watch before the first seeding: an edit saved while it runs, or the moment after, is seeded next.
        using var folder = options.WatchContent ? new ContentFolderWatcher(options.ContentPath, Signal, logger) : null;
        state.StoreFaultSuspected += SuspectStore;
        try
        {
            await PrepareAsync(stoppingToken);
            var folderWasThere = Directory.Exists(options.ContentPath);
            while (!stoppingToken.IsCancellationRequested)
            {
                var signalled = await WaitAsync(stoppingToken);
                var problem = StoreProblem();
                if (problem is null && Interlocked.Exchange(ref _checkStore, 0) == 1)
                {
                    problem = await initializer.CheckAsync(stoppingToken);
                }

                if (problem is not null)
                {
                    await RebuildStoreAsync(problem, stoppingToken);
                    continue;
                }

                var folderIsThere = Directory.Exists(options.ContentPath);
                folder?.Follow();
                if (folderIsThere != folderWasThere)
                {
                    folderWasThere = folderIsThere;
                    if (folderIsThere)
                    {
                        Log.ContentFolderBack(logger, options.ContentPath);
                    }
                    else
                    {
                        Log.ContentFolderGone(logger, options.ContentPath);
                    }

                    // Seeding says what is wrong (/healthz is 503 while the folder is gone) or takes the folder back.
                    signalled = true;
                }

                if (signalled)
                {
                    // Editors' saves come in bursts (temp file, rename, attributes): wait for them to settle.
                    await Task.Delay(Debounce, stoppingToken);
                    _signals.Reader.TryRead(out _);
                    await SeedAndScheduleRetryAsync(stoppingToken);
                }
                else if (_retryAt is { } due && Stopwatch.GetTimestamp() >= due)
                {
                    await SeedAndScheduleRetryAsync(stoppingToken);
                }
            }
        }
        catch (OperationCanceledException) when (stoppingToken.IsCancellationRequested)
        {
        }
        finally
        {
            state.StoreFaultSuspected -= SuspectStore;
        }
    }

    private void Signal() => _signals.Writer.TryWrite(true);

    private void SuspectStore()
    {
        Interlocked.Exchange(ref _checkStore, 1);
        Signal();
    }

    /// <summary>Waits for a watcher's signal or the next periodic check; true when signalled by a content change.</summary>
    private async Task<bool> WaitAsync(CancellationToken stoppingToken)
    {
        try
        {
            await _signals.Reader.WaitToReadAsync(stoppingToken).AsTask().WaitAsync(CheckInterval, stoppingToken);
        }
        catch (TimeoutException)
        {
            return false;
        }

        return _signals.Reader.TryRead(out _);
    }

    /// <summary>Why the store file cannot be what the site serves (null when it looks fine): cheap enough to ask every second.</summary>
    private string? StoreProblem() =>
        options.DatabasePath is { } path && !File.Exists(path) ? $"the store file {path} was deleted" : null;

    /// <summary>Builds the store again from content, while requests that need it answer 503 (see <see cref="StoreState.StoreFault"/>).</summary>
    private async Task RebuildStoreAsync(string reason, CancellationToken stoppingToken)
    {
        state.StoreFaulted($"The store is being rebuilt from content: {reason}.");
        Log.StoreLost(logger, reason);
        var stopwatch = Stopwatch.StartNew();
        try
        {
            // Pooled connections still hold the lost file open; new ones must find the new file, and not the old
            // file's write-ahead log or shared memory.
            readers.Clear();
            if (options.DatabasePath is { } path && !File.Exists(path))
            {
                foreach (var leftover in new[] { path + "-wal", path + "-shm", path + "-journal" })
                {
                    File.Delete(leftover);
                }
            }

            await initializer.InitializeAsync(state.Version, stoppingToken);
            seeder.Forget();
            if (await SeedAndScheduleRetryAsync(stoppingToken))
            {
                state.StoreRestored();
                Log.StoreRebuilt(logger, stopwatch.ElapsedMilliseconds);
                return;
            }
        }
        catch (Exception e) when (e is not OperationCanceledException)
        {
            var message = $"The store cannot be rebuilt: {e.Message}";
            state.SeedingFailed(message);
            Log.SeedingFailed(logger, message, e);
            ScheduleRetry();
        }

        // Still faulted: the next check finds the problem again and tries once more.
        Interlocked.Exchange(ref _checkStore, 1);
    }

    /// <summary>Initializes the store and seeds it, trying again with a growing delay until both work.
    /// Readers are let in as soon as the store exists, seeded or not: they get what it holds.</summary>
    private async Task PrepareAsync(CancellationToken stoppingToken)
    {
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

                if (await SeedAndScheduleRetryAsync(stoppingToken))
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
                ScheduleRetry();
            }

            if (initialized)
            {
                // The store can be served as it is; the main loop goes on retrying the seeding.
                state.MarkReady();
                return;
            }

            await Task.Delay(_lastRetryDelay, stoppingToken);
        }
    }

    /// <summary>One seeding; on failure (logged, and reported by /healthz) the next attempt is scheduled on a back-off,
    /// so a fault that clears by itself (a store made writable again, a folder restored) heals without an edit.</summary>
    private async Task<bool> SeedAndScheduleRetryAsync(CancellationToken cancellationToken)
    {
        try
        {
            await seeder.SeedAsync(cancellationToken);
            _retryAt = null;
            _retryDelay = options.SeedRetryDelay;
            return true;
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            // The site keeps serving what the store has; /healthz says what is wrong.
            var message = $"The content folder {options.ContentPath} cannot be read: {e.Message}";
            state.SeedingFailed(message);
            Log.ContentUnreadable(logger, message);
        }
        catch (Exception e) when (e is not OperationCanceledException)
        {
            // The seeding transaction was rolled back: the store is as it was before.
            var message = $"Seeding from {options.ContentPath} failed: {e.Message}";
            state.SeedingFailed(message);
            Log.SeedingFailed(logger, message, e);
            if (e is SqliteException)
            {
                // A pooled connection may have opened the file read-only, or a file since deleted: start afresh,
                // and have the store itself checked.
                readers.Clear();
                Interlocked.Exchange(ref _checkStore, 1);
            }
        }

        ScheduleRetry();
        return false;
    }

    private void ScheduleRetry()
    {
        _lastRetryDelay = _retryDelay;
        _retryAt = Stopwatch.GetTimestamp() + (long)(_retryDelay.TotalSeconds * Stopwatch.Frequency);
        Log.RetryingSeeding(logger, options.ContentPath, _retryDelay.TotalSeconds);
        _retryDelay = TimeSpan.FromTicks(Math.Min(_retryDelay.Ticks * 2, LongestRetryDelay.Ticks));
    }
}
