using GastroRef.Content;

namespace GastroRef.Web.Data;

/// <summary>Whether the store can be read yet, and what the last seeding found. Readers wait for
/// <see cref="Ready"/> so nobody ever sees an empty store on first start.</summary>
public sealed class StoreState
{
    private readonly TaskCompletionSource _ready = new(TaskCreationOptions.RunContinuationsAsynchronously);
    private long _version;

    // Odd while a seeding commit is being published (a sequence lock): readers that straddle one try again.
    private long _commits;

    public Task Ready => _ready.Task;

    public bool IsReady => _ready.Task.IsCompleted;

    /// <summary>Increases every time seeding changes what is served; caches key on it.</summary>
    public long Version => Interlocked.Read(ref _version);

    public IReadOnlyList<ContentProblem> Problems { get; private set; } = [];

    /// <summary>Set when the content folder itself could not be read.</summary>
    public string? ContentError { get; private set; }

    public event Action<long>? ContentChanged;

    /// <summary>Runs <paramref name="read"/>, which may make several queries, until it ran entirely between two
    /// seedings, so a page never shows part of the old content and part of the new.</summary>
    public async Task<T> ReadConsistentlyAsync<T>(Func<CancellationToken, Task<T>> read, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(read);
        while (true)
        {
            var before = Interlocked.Read(ref _commits);
            if ((before & 1) == 0)
            {
                var result = await read(cancellationToken);
                if (Interlocked.Read(ref _commits) == before)
                {
                    return result;
                }
            }

            // A commit takes milliseconds and seedings are seconds apart at the least.
            await Task.Delay(TimeSpan.FromMilliseconds(5), cancellationToken);
        }
    }

    internal void MarkReady() => _ready.TrySetResult();

    /// <summary>Brackets the commit of a seeding (see <see cref="ReadConsistentlyAsync"/>).</summary>
    internal async Task CommitAsync(Func<Task> commit)
    {
        Interlocked.Increment(ref _commits);
        try
        {
            await commit();
        }
        finally
        {
            Interlocked.Increment(ref _commits);
        }
    }

    internal void Seeded(IReadOnlyList<ContentProblem> problems, bool changed)
    {
        Problems = problems;
        ContentError = null;
        if (changed)
        {
            var version = Interlocked.Increment(ref _version);
            ContentChanged?.Invoke(version);
        }
    }

    internal void SeedingFailed(string error) => ContentError = error;
}
