using GastroRef.Content;

namespace GastroRef.Web.Data;

/// <summary>What the site serves: the published <see cref="ContentSnapshot"/>, whether the store can be read yet, and
/// what the last seeding found. Readers wait for <see cref="Ready"/> so nobody ever sees an empty store on first start.</summary>
public sealed class StoreState
{
    private readonly TaskCompletionSource _ready = new(TaskCreationOptions.RunContinuationsAsynchronously);

    private volatile ContentSnapshot _snapshot = ContentSnapshot.Empty;

    // The snapshot of a seeding between its commit and its publication: a read transaction that already sees the
    // commit takes this one, so it never pairs the new store with the old snapshot (see ContentRead).
    private volatile ContentSnapshot? _committing;

    private volatile string? _storeFault;

    public Task Ready => _ready.Task;

    public bool IsReady => _ready.Task.IsCompleted;

    /// <summary>The content served now: one immutable object, replaced with a single write after each seeding.</summary>
    public ContentSnapshot Snapshot => _snapshot;

    /// <summary>The version of <see cref="Snapshot"/>; caches key on it.</summary>
    public long Version => _snapshot.Version;

    public IReadOnlyList<ContentProblem> Problems { get; private set; } = [];

    /// <summary>Set when the content folder itself could not be read, or seeding failed.</summary>
    public string? ContentError { get; private set; }

    /// <summary>Set while the store file cannot be read (deleted, replaced or damaged under the running site) and is being
    /// rebuilt: everything that is not in the page cache answers 503 until then.</summary>
    public string? StoreFault => _storeFault;

    /// <summary>Raised once a snapshot with a new version is published.</summary>
    public event Action<long>? ContentChanged;

    /// <summary>Raised when a reader finds the store unreadable, so the seeding service checks it at once.</summary>
    internal event Action? StoreFaultSuspected;

    /// <summary>The published snapshot, or the one being committed, whose version is <paramref name="version"/>.</summary>
    internal ContentSnapshot? SnapshotAt(long version)
    {
        var published = _snapshot;
        if (published.Version == version)
        {
            return published;
        }

        var committing = _committing;
        return committing?.Version == version ? committing : null;
    }

    internal void MarkReady() => _ready.TrySetResult();

    /// <summary>Call just before the commit that makes <paramref name="snapshot"/>'s version visible.</summary>
    internal void Committing(ContentSnapshot snapshot) => _committing = snapshot;

    internal void CommitFailed() => _committing = null;

    /// <summary>Serves <paramref name="snapshot"/> from now on.</summary>
    internal void Publish(ContentSnapshot snapshot)
    {
        var changed = snapshot.Version != _snapshot.Version;
        _snapshot = snapshot;
        _committing = null;
        if (changed)
        {
            ContentChanged?.Invoke(snapshot.Version);

            // The old snapshot and every kept page are now garbage, mostly old enough to sit in gen2, which the server
            // GC's roomy budgets (DATAS off, see the project file) leave to pile up while editors save often: collect
            // them now, in the background.
            GC.Collect(2, GCCollectionMode.Forced, blocking: false);
        }
    }

    internal void Seeded(IReadOnlyList<ContentProblem> problems)
    {
        Problems = problems;
        ContentError = null;
    }

    internal void SeedingFailed(string error) => ContentError = error;

    internal void StoreFaulted(string fault) => _storeFault = fault;

    internal void StoreRestored() => _storeFault = null;

    /// <summary>A reader could not open the store: have it checked now rather than at the next periodic check.</summary>
    internal void SuspectStoreFault() => StoreFaultSuspected?.Invoke();
}
