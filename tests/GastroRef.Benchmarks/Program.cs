using System.Diagnostics;
using System.Globalization;
using System.Runtime.InteropServices;
using GastroRef.Benchmarks;
using GastroRef.Content;

// Search benchmark: seeding time, store size and in-process search latency over a fixed query mix, on the real
// content (the baseline, measured in the same run) and on a generated corpus. See docs/benchmarks.md.
//
//   dotnet run -c Release --project tests/GastroRef.Benchmarks -- [--structures 10000] [--rounds 30] [--work DIR]
//   dotnet run -c Release --project tests/GastroRef.Benchmarks -- generate DIR [--structures 10000]
//   dotnet run -c Release --project tests/GastroRef.Benchmarks -- profile [--rounds 30]   (the HTTP mix, per query)

var options = Options.Parse(args);
var repository = FindRepository();
var realContent = Path.Combine(repository, "content");
if (options.GenerateOnly is { } generateTarget)
{
    var made = new CorpusGenerator(realContent).Generate(Path.GetFullPath(generateTarget), options.Structures);
    Console.WriteLine($"Wrote {made.Count} generated structures plus the real content to {Path.GetFullPath(generateTarget)}");
    return 0;
}

var work = options.Work ?? Path.Combine(Path.GetTempPath(), "gastroref-benchmark");
Directory.CreateDirectory(work);
if (options.Profile)
{
    return await ProfileAsync(realContent, work, Path.Combine(repository, "tests", "perf", "search-queries.txt"), options.Rounds);
}

var report = new Report();
report.Line($"# GastroRef search benchmark");
report.Line();
report.Line($"- Machine: {Environment.ProcessorCount} cores, {RuntimeInformation.OSDescription.Trim()}, {RuntimeInformation.ProcessArchitecture}, .NET {Environment.Version}");
report.Line($"- Date: {DateTime.UtcNow:yyyy-MM-dd HH:mm} UTC; corpus: {options.Structures:N0} structures; {options.Rounds} timed rounds of the query mix after {Options.WarmupRounds} warm-up rounds");
report.Line($"- Load average when starting (1, 5, 15 min): {LoadAverage()} — other work on the machine inflates wall-clock figures; CPU time per search is given too.");
report.Line();

// Baseline: the real content, same code, same query mix.
var realCount = Directory.EnumerateFiles(realContent, "*.md", SearchOption.AllDirectories).Count();
Measured baseline;
await using (var store = await BenchmarkStore.OpenAsync(realContent, Path.Combine(work, "baseline.db")))
{
    var seeding = Stopwatch.StartNew();
    await store.SeedAsync();
    seeding.Stop();
    baseline = await MeasureAsync(store, QueryMix.Build([]), options.Rounds);
    baseline.SeedMs = seeding.Elapsed.TotalMilliseconds;
    baseline.StoreBytes = await store.SizeAsync();
}

// The generated corpus.
var corpus = Path.Combine(work, "content");
var generating = Stopwatch.StartNew();
var generated = new CorpusGenerator(realContent).Generate(corpus, options.Structures);
generating.Stop();
var files = Directory.EnumerateFiles(corpus, "*.md", SearchOption.AllDirectories).ToList();
var corpusBytes = files.Sum(f => new FileInfo(f).Length);

var parsing = Stopwatch.StartNew();
var loaded = ContentLoader.Load(corpus);
parsing.Stop();
var errors = loaded.Errors.ToList();
if (errors.Count > 0)
{
    Console.Error.WriteLine($"The generated corpus has {errors.Count} errors, first: {errors[0]}");
    return 1;
}

Measured large;
double unchangedMs, oneChangedMs = 0, oneChangedAgainMs = 0;
await using (var store = await BenchmarkStore.OpenAsync(corpus, Path.Combine(work, "large.db")))
{
    var seeding = Stopwatch.StartNew();
    var first = await store.SeedAsync();
    seeding.Stop();
    if (first.Added != files.Count)
    {
        Console.Error.WriteLine($"Expected {files.Count} structures to be added, got {first.Added}");
        return 1;
    }

    var storeBytes = await store.SizeAsync();

    var unchanged = Stopwatch.StartNew();
    await store.SeedAsync();
    unchangedMs = unchanged.Elapsed.TotalMilliseconds;

    // The first edit in a process also pays for compiling the store's queries for updates; the second shows the
    // steady state of a running site. Each seeding that changes something starts loading the search vocabulary in the
    // background; the next edit is made once that is done, as edits are seconds apart, not milliseconds.
    foreach (var (index, save) in new (int, Action<double>)[] { (generated.Count / 2, ms => oneChangedMs = ms), (generated.Count / 3, ms => oneChangedAgainMs = ms) })
    {
        await store.Engine.VocabularyAsync(CancellationToken.None);
        await File.AppendAllTextAsync(Path.Combine(corpus, generated[index].RelativePath), "\nOne more sentence, added by the benchmark to change this file.\n");
        var oneChanged = Stopwatch.StartNew();
        var changed = await store.SeedAsync();
        save(oneChanged.Elapsed.TotalMilliseconds);
        if (changed.Updated != 1)
        {
            Console.Error.WriteLine($"Expected 1 structure to be updated, got {changed.Updated}");
            return 1;
        }
    }

    large = await MeasureAsync(store, QueryMix.Build(generated), options.Rounds);
    large.SeedMs = seeding.Elapsed.TotalMilliseconds;
    large.StoreBytes = storeBytes;
}

report.Line("## Seeding and store");
report.Line();
report.Line("| | real content (baseline) | generated corpus | target |");
report.Line("| --- | ---: | ---: | --- |");
report.Line($"| structures | {realCount:N0} | {files.Count:N0} | |");
report.Line($"| content size | {Mb(Directory.EnumerateFiles(realContent, "*.md", SearchOption.AllDirectories).Sum(f => new FileInfo(f).Length))} | {Mb(corpusBytes)} | |");
report.Line($"| first seeding (empty store) | {Ms(baseline.SeedMs)} | {Ms(large.SeedMs)} | under 20 s at 10,000 |");
report.Line($"| of which parsing and rendering (ContentLoader alone) | | {Ms(parsing.Elapsed.TotalMilliseconds)} | |");
report.Line($"| re-seeding, nothing changed | | {Ms(unchangedMs)} | |");
report.Line($"| re-seeding, one file changed (first edit after start) | | {Ms(oneChangedMs)} | under 1 s at 10,000 |");
report.Line($"| re-seeding, one file changed (next edits) | | {Ms(oneChangedAgainMs)} | under 1 s at 10,000 |");
report.Line($"| store size (SQLite file) | {Mb(baseline.StoreBytes)} | {Mb(large.StoreBytes)} | |");
report.Line($"| generating the corpus (not part of seeding) | | {Ms(generating.Elapsed.TotalMilliseconds)} | |");
report.Line();
report.Line("## Search latency (in process, SearchEngine.SearchAsync, limit 20)");
report.Line();
report.Line("| query kind | queries | baseline p50 | baseline p95 | p50 | p95 | p99 | max |");
report.Line("| --- | ---: | ---: | ---: | ---: | ---: | ---: | ---: |");
foreach (var kind in large.ByKind.Keys)
{
    var b = baseline.ByKind.GetValueOrDefault(kind);
    var l = large.ByKind[kind];
    report.Line($"| {kind} | {l.Count / options.Rounds} | {(b is null ? "" : Ms(b.P(50)))} | {(b is null ? "" : Ms(b.P(95)))} | {Ms(l.P(50))} | {Ms(l.P(95))} | {Ms(l.P(99))} | {Ms(l.Max)} |");
}

report.Line($"| **all** | {large.All.Count / options.Rounds} | {Ms(baseline.All.P(50))} | {Ms(baseline.All.P(95))} | **{Ms(large.All.P(50))}** | **{Ms(large.All.P(95))}** | **{Ms(large.All.P(99))}** | {Ms(large.All.Max)} |");
report.Line($"| suggestions (/api/suggest) | {large.Suggest.Count / options.Rounds} | {Ms(baseline.Suggest.P(50))} | {Ms(baseline.Suggest.P(95))} | {Ms(large.Suggest.P(50))} | {Ms(large.Suggest.P(95))} | {Ms(large.Suggest.P(99))} | {Ms(large.Suggest.Max)} |");
report.Line();
report.Line($"- Search p95 at {files.Count:N0} structures is {large.All.P(95) / baseline.All.P(95):0.0}× the baseline p95 at {realCount} structures; target: under 5 ms.");
report.Line($"- CPU time per search (process CPU over the timed rounds / searches): {Ms(large.CpuMsPerSearch)} at {files.Count:N0}, {Ms(baseline.CpuMsPerSearch)} at {realCount}. Load average during the timed rounds: {large.LoadDuring}.");
report.Line($"- Slowest queries at {files.Count:N0} (p95): {string.Join("; ", large.ByQuery.OrderByDescending(q => q.Value.P(95)).Take(6).Select(q => $"\"{Shorten(q.Key)}\" {Ms(q.Value.P(95))}"))}.");
report.Line($"- Vocabulary load after a content change (fts5vocab scan, once per content version): {Ms(large.VocabularyMs)} ({large.Terms:N0} terms); baseline {Ms(baseline.VocabularyMs)} ({baseline.Terms:N0} terms).");
report.Line($"- Samples: {large.All.Count:N0} timed searches and {large.Suggest.Count:N0} timed suggestions on the generated corpus.");
Console.WriteLine(report);
if (options.Output is { } output)
{
    await File.WriteAllTextAsync(output, report.ToString());
}

return 0;

static async Task<Measured> MeasureAsync(BenchmarkStore store, IReadOnlyList<(string Kind, string Query)> mix, int rounds)
{
    var measured = new Measured();
    await store.Engine.VocabularyAsync(CancellationToken.None);
    var vocabulary = Stopwatch.StartNew();
    var words = await store.Engine.LoadVocabularyAsync(-1, CancellationToken.None);
    measured.VocabularyMs = vocabulary.Elapsed.TotalMilliseconds;
    measured.Terms = words.TermCount;
    var suggestMix = mix.Where(q => q.Kind is "prefix" or "title").Select(q => q.Query).ToList();
    var cpu = TimeSpan.Zero;
    for (var round = 0; round < Options.WarmupRounds + rounds; round++)
    {
        var timed = round >= Options.WarmupRounds;
        if (round == Options.WarmupRounds)
        {
            measured.LoadDuring = LoadAverage();
        }

        var cpuBefore = Process.GetCurrentProcess().TotalProcessorTime;
        foreach (var (kind, query) in mix)
        {
            var watch = Stopwatch.StartNew();
            await store.Engine.SearchAsync(query, null, 20, correct: true, CancellationToken.None);
            if (timed)
            {
                measured.Add(kind, query, watch.Elapsed.TotalMilliseconds);
            }
        }

        if (timed)
        {
            cpu += Process.GetCurrentProcess().TotalProcessorTime - cpuBefore;
        }

        foreach (var query in suggestMix)
        {
            var watch = Stopwatch.StartNew();
            await store.Engine.SuggestAsync(query, 8, CancellationToken.None);
            if (timed)
            {
                measured.Suggest.Add(watch.Elapsed.TotalMilliseconds);
            }
        }
    }

    measured.CpuMsPerSearch = cpu.TotalMilliseconds / Math.Max(1, measured.All.Count);
    return measured;
}

// The HTTP search mix (tests/perf/search-queries.txt) on the real content, in process: CPU and wall time per query,
// each query run `rounds` × 20 times in a row, to see which queries and which changes cost what.
static async Task<int> ProfileAsync(string content, string work, string queryFile, int rounds)
{
    var queries = File.ReadAllLines(queryFile).Where(l => l.Length > 0 && !l.StartsWith('#')).ToList();
    await using var store = await BenchmarkStore.OpenAsync(content, Path.Combine(work, "profile.db"));
    await store.SeedAsync();
    await store.Engine.VocabularyAsync(CancellationToken.None);
    foreach (var query in queries)
    {
        await store.Engine.SearchAsync(query, null, 10, correct: true, CancellationToken.None);
    }

    var repeat = rounds * 20;
    var all = new Samples();
    Console.WriteLine($"| query | CPU µs per search | KB allocated per search | wall p50 µs | wall p95 µs |");
    Console.WriteLine("| --- | ---: | ---: | ---: | ---: |");
    var totalCpu = TimeSpan.Zero;
    var totalAllocated = 0L;
    foreach (var query in queries)
    {
        var wall = new Samples();
        var cpuBefore = Process.GetCurrentProcess().TotalProcessorTime;
        var allocatedBefore = GC.GetTotalAllocatedBytes(precise: true);
        for (var i = 0; i < repeat; i++)
        {
            var watch = Stopwatch.StartNew();
            await store.Engine.SearchAsync(query, null, 10, correct: true, CancellationToken.None);
            wall.Add(watch.Elapsed.TotalMilliseconds * 1000);
            all.Add(watch.Elapsed.TotalMilliseconds * 1000);
        }

        var allocated = GC.GetTotalAllocatedBytes(precise: true) - allocatedBefore;
        var cpu = Process.GetCurrentProcess().TotalProcessorTime - cpuBefore;
        totalCpu += cpu;
        totalAllocated += allocated;
        Console.WriteLine($"| {query} | {cpu.TotalMilliseconds * 1000 / repeat:0} | {allocated / 1024.0 / repeat:0} | {wall.P(50):0} | {wall.P(95):0} |");
    }

    Console.WriteLine($"| **all** | **{totalCpu.TotalMilliseconds * 1000 / all.Count:0}** | **{totalAllocated / 1024.0 / all.Count:0}** | **{all.P(50):0}** | **{all.P(95):0}** |");
    Console.WriteLine($"Load average: {LoadAverage()}");
    return 0;
}

static string LoadAverage() => File.Exists("/proc/loadavg") ? string.Join(", ", File.ReadAllText("/proc/loadavg").Split(' ').Take(3)) : "unknown";

static string Shorten(string text) => text.Length <= 30 ? text : text[..30] + "…";

static string Ms(double ms) => ms >= 1000 ? $"{ms / 1000:0.00} s" : $"{ms:0.00} ms";

static string Mb(long bytes) => $"{bytes / 1024.0 / 1024.0:0.0} MiB";

static string FindRepository()
{
    for (var dir = new DirectoryInfo(AppContext.BaseDirectory); dir is not null; dir = dir.Parent)
    {
        if (File.Exists(Path.Combine(dir.FullName, "GastroRef.sln")))
        {
            return dir.FullName;
        }
    }

    throw new InvalidOperationException("GastroRef.sln not found above the benchmark binaries.");
}

internal sealed record Options(int Structures, int Rounds, string? Work, string? Output, string? GenerateOnly, bool Profile = false)
{
    public const int WarmupRounds = 5;

    public static Options Parse(string[] args)
    {
        var structures = 10_000;
        var rounds = 30;
        string? work = null, output = null, generate = null;
        var profile = false;
        for (var i = 0; i < args.Length; i++)
        {
            switch (args[i])
            {
                case "--structures": structures = int.Parse(args[++i], CultureInfo.InvariantCulture); break;
                case "--rounds": rounds = int.Parse(args[++i], CultureInfo.InvariantCulture); break;
                case "--work": work = args[++i]; break;
                case "--output": output = args[++i]; break;
                case "generate": generate = args[++i]; break;
                case "profile": profile = true; break;
                default: throw new ArgumentException($"Unknown argument '{args[i]}'. Use --structures N, --rounds N, --work DIR, --output FILE, generate DIR or profile.");
            }
        }

        return new(structures, rounds, work, output, generate, profile);
    }
}

internal sealed class Samples
{
    private readonly List<double> _values = [];

    public int Count => _values.Count;

    public double Max => _values.Count == 0 ? 0 : _values.Max();

    public void Add(double value) => _values.Add(value);

    /// <summary>Nearest-rank percentile.</summary>
    public double P(double percentile)
    {
        if (_values.Count == 0)
        {
            return 0;
        }

        var sorted = _values.Order().ToList();
        var rank = (int)Math.Ceiling(percentile / 100 * sorted.Count);
        return sorted[Math.Clamp(rank - 1, 0, sorted.Count - 1)];
    }
}

internal sealed class Measured
{
    public Dictionary<string, Samples> ByKind { get; } = new(StringComparer.Ordinal);

    public Samples All { get; } = new();

    public Samples Suggest { get; } = new();

    public double SeedMs { get; set; }

    public long StoreBytes { get; set; }

    public double VocabularyMs { get; set; }

    public int Terms { get; set; }

    public double CpuMsPerSearch { get; set; }

    public string LoadDuring { get; set; } = "";

    public Dictionary<string, Samples> ByQuery { get; } = new(StringComparer.Ordinal);

    public void Add(string kind, string query, double ms)
    {
        if (!ByKind.TryGetValue(kind, out var samples))
        {
            ByKind[kind] = samples = new Samples();
        }

        if (!ByQuery.TryGetValue(query, out var perQuery))
        {
            ByQuery[query] = perQuery = new Samples();
        }

        samples.Add(ms);
        perQuery.Add(ms);
        All.Add(ms);
    }
}

internal sealed class Report
{
    private readonly System.Text.StringBuilder _text = new();

    public void Line(string text = "") => _text.AppendLine(text);

    public override string ToString() => _text.ToString();
}
