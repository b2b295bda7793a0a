using GastroRef.Content;

namespace GastroRef.Web.Data;

/// <summary>Whether the store can be read yet, and what the last seeding found. Readers wait for
/// <see cref="Ready"/> so nobody ever sees an empty store on first start.</summary>
public sealed class StoreState
{
    private readonly TaskCompletionSource _ready = new(TaskCreationOptions.RunContinuationsAsynchronously);
    private long _version;

    public Task Ready => _ready.Task;

    public bool IsReady => _ready.Task.IsCompleted;

    /// <summary>Increases every time seeding changes what is served; caches key on it.</summary>
    public long Version => Interlocked.Read(ref _version);

    public IReadOnlyList<ContentProblem> Problems { get; private set; } = [];

    /// <summary>Set when the content folder itself could not be read.</summary>
    public string? ContentError { get; private set; }

    public event Action<long>? ContentChanged;

    internal void MarkReady() => _ready.TrySetResult();

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
