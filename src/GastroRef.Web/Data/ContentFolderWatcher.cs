using GastroRef.Web.Infrastructure;

namespace GastroRef.Web.Data;

/// <summary>Watches the content folder by its configured path, not as a folder object: a watcher follows the folder it
/// was opened on (on Linux, its inode), so a folder moved away keeps being watched where it went, and a deleted one is
/// never watched again. The parent folder is watched as well; when the content folder is deleted, moved or replaced,
/// the watcher is opened again on whatever folder now has the path (see <see cref="Follow"/>).</summary>
public sealed class ContentFolderWatcher : IDisposable
{
    private readonly string _path;
    private readonly Action _changed;
    private readonly ILogger _logger;
    private readonly Lock _lock = new();
    private FileSystemWatcher? _content;
    private FileSystemWatcher? _parent;
    private volatile bool _replaced;
    private bool _disposed;
    private bool _failing;

    public ContentFolderWatcher(string path, Action changed, ILogger logger)
    {
        _path = Path.TrimEndingDirectorySeparator(Path.GetFullPath(path));
        _changed = changed;
        _logger = logger;
        Follow();
    }

    /// <summary>Opens the watchers again where needed: called on every periodic check, and cheap when nothing changed.</summary>
    public void Follow()
    {
        lock (_lock)
        {
            if (_disposed)
            {
                return;
            }

            _parent ??= WatchParent();
            if (_replaced || (_content is not null && !Directory.Exists(_path)))
            {
                _replaced = false;
                _content?.Dispose();
                _content = null;
            }

            if (_content is null && Directory.Exists(_path))
            {
                _content = WatchContent();
                if (_content is not null)
                {
                    // Anything saved before the watcher was open is seeded now.
                    _changed();
                }
            }
        }
    }

    public void Dispose()
    {
        lock (_lock)
        {
            _disposed = true;
            _content?.Dispose();
            _parent?.Dispose();
        }
    }

    private FileSystemWatcher? WatchContent()
    {
        try
        {
            var watcher = new FileSystemWatcher(_path)
            {
                IncludeSubdirectories = true,
                NotifyFilter = NotifyFilters.FileName | NotifyFilters.DirectoryName | NotifyFilters.LastWrite | NotifyFilters.Size,
            };
            watcher.Changed += (_, _) => _changed();
            watcher.Created += (_, _) => _changed();
            watcher.Deleted += (_, _) => _changed();
            watcher.Renamed += (_, _) => _changed();

            // Lost events (a full buffer): reseed, which compares everything anyway.
            watcher.Error += (_, _) => _changed();
            watcher.EnableRaisingEvents = true;
            Log.Watching(_logger, _path);
            _failing = false;
            return watcher;
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException or ArgumentException)
        {
            // E.g. the inotify instance limit: the site still serves; the next check tries again (logged once).
            if (!_failing)
            {
                Log.CannotWatch(_logger, _path, e.Message);
                _failing = true;
            }

            return null;
        }
    }

    /// <summary>Events for the content folder's own name in its parent: it was deleted, moved away, created or moved in.</summary>
    private FileSystemWatcher? WatchParent()
    {
        var parent = Path.GetDirectoryName(_path);
        if (parent is null || !Directory.Exists(parent))
        {
            return null;
        }

        try
        {
            var name = Path.GetFileName(_path);
            var watcher = new FileSystemWatcher(parent, name) { IncludeSubdirectories = false, NotifyFilter = NotifyFilters.DirectoryName };
            watcher.Created += (_, _) => Replaced();
            watcher.Deleted += (_, _) => Replaced();
            watcher.Renamed += (_, _) => Replaced();
            watcher.Error += (_, _) => Replaced();
            watcher.EnableRaisingEvents = true;
            return watcher;
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException or ArgumentException)
        {
            // Without it, a folder replaced under the same path is noticed only if it disappears for a periodic check.
            Log.CannotWatch(_logger, parent, e.Message);
            return null;
        }
    }

    private void Replaced()
    {
        _replaced = true;
        _changed();
    }
}
