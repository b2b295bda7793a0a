using System.Collections.Concurrent;
using System.Net;
using System.Text.RegularExpressions;
using GastroRef.Web.Tests.Infrastructure;

namespace GastroRef.Web.Tests.Data;

/// <summary>Content changes while readers hammer the pages: no request fails, and every page shows one
/// version of the content — never the summary of one edit beside the section of another, nor a
/// connection or a breadcrumb titled from a different edit than the page around it.</summary>
public sealed partial class HotReseedTests
{
    private const int Readers = 6;

    [GeneratedRegex(@"Marker (\d+)\b")]
    private static partial Regex Marker();

    [Fact]
    public async Task Pages_read_during_reseeds_are_whole_versions_and_never_fail()
    {
        using var site = new SiteFactory();
        WriteProbe(site, 0);
        var client = await site.ReadyClientAsync();
        var failures = new ConcurrentQueue<string>();
        var seen = new ConcurrentDictionary<int, bool>();
        using var stop = new CancellationTokenSource();

        // Half the requests bypass the page cache (a new query string each time), so pages are
        // also rendered from the store while it changes, not only replayed from memory.
        var readers = StartReaders(
            client,
            (reader, i) => (i % 4) switch
            {
                0 => "/anatomy/reseed-probe",
                1 => $"/anatomy/reseed-probe?r={reader}-{i}",
                2 => "/anatomy/reseed-nerve",
                _ => $"/anatomy/reseed-nerve?r={reader}-{i}",
            },
            failures,
            seen,
            checkNerve: true,
            stop.Token);

        for (var version = 1; version <= 12; version++)
        {
            WriteProbe(site, version);
            var report = await site.ReseedAsync();
            Assert.Equal(3, report.Updated);

            // Let the readers catch up (on two busy cores the reseeds could otherwise all finish before they run),
            // so the next reseed happens while they are reading this version.
            await WaitToSeeAsync(seen, version, TimeSpan.FromSeconds(2));
        }

        await stop.CancelAsync();
        await Task.WhenAll(readers);

        Assert.Empty(failures);
        Assert.True(seen.Count >= 5, $"readers saw only versions {string.Join(", ", seen.Keys.Order())}");
    }

    [Fact]
    public async Task Editing_a_file_under_load_with_the_watcher_on_never_fails_a_request()
    {
        using var site = new SiteFactory(watchContent: true);
        WriteProbe(site, 0);
        var client = await site.ReadyClientAsync();
        var failures = new ConcurrentQueue<string>();
        var seen = new ConcurrentDictionary<int, bool>();
        using var stop = new CancellationTokenSource();

        var readers = StartReaders(
            client, (reader, i) => i % 2 == 0 ? "/anatomy/reseed-probe" : $"/anatomy/reseed-probe?r={reader}-{i}", failures, seen, checkNerve: false, stop.Token);

        // Editors save by writing a temporary file and renaming it over the old one.
        const int LastVersion = 8;
        for (var version = 1; version <= LastVersion; version++)
        {
            var path = Path.Combine(site.ContentPath, "muscles", "reseed-probe.md");
            await File.WriteAllTextAsync(path + ".tmp", Probe(version));
            File.Move(path + ".tmp", path, overwrite: true);
            await Task.Delay(450);
        }

        // The watcher waits for edits to settle, then reseeds: give a busy machine time to catch up.
        await WaitToSeeAsync(seen, LastVersion, TimeSpan.FromSeconds(20));

        await stop.CancelAsync();
        await Task.WhenAll(readers);

        Assert.Empty(failures);
        Assert.True(seen.ContainsKey(LastVersion), $"the last edit never showed; readers saw {string.Join(", ", seen.Keys.Order())}");
        Assert.True(seen.Count >= 3, $"readers saw only versions {string.Join(", ", seen.Keys.Order())}");
    }

    /// <summary><see cref="Readers"/> tasks, each requesting <paramref name="path"/>(reader, request number) until stopped.</summary>
    private static List<Task> StartReaders(
        HttpClient client, Func<int, int, string> path, ConcurrentQueue<string> failures, ConcurrentDictionary<int, bool> seen, bool checkNerve, CancellationToken stop) =>
        [.. Enumerable.Range(0, Readers).Select(reader => Task.Run(async () =>
        {
            for (var i = 0; !stop.IsCancellationRequested; i++)
            {
                await CheckAsync(client, path(reader, i), failures, seen, checkNerve);
            }
        }))];

    /// <summary>Returns once a reader has seen <paramref name="version"/>, or after <paramref name="within"/>.</summary>
    private static async Task WaitToSeeAsync(ConcurrentDictionary<int, bool> seen, int version, TimeSpan within)
    {
        var waited = System.Diagnostics.Stopwatch.StartNew();
        while (!seen.ContainsKey(version) && waited.Elapsed < within)
        {
            await Task.Delay(10);
        }
    }

    private static async Task CheckAsync(HttpClient client, string path, ConcurrentQueue<string> failures, ConcurrentDictionary<int, bool> seen, bool checkNerve = true)
    {
        var response = await client.GetAsync(new Uri(path, UriKind.Relative));
        if (response.StatusCode != HttpStatusCode.OK)
        {
            failures.Enqueue($"{path}: {(int)response.StatusCode}");
            return;
        }

        var page = await Html.ParseAsync(response);
        var isProbe = path.StartsWith("/anatomy/reseed-probe", StringComparison.Ordinal);
        var parts = new Dictionary<string, string?>
        {
            ["title"] = page.QuerySelector("h1")?.TextContent,
            ["summary"] = page.QuerySelector(".article-summary")?.TextContent,
        };
        if (isProbe)
        {
            parts["section"] = page.QuerySelector("#origin")?.TextContent;
            parts["key fact"] = page.QuerySelector("#key-facts")?.TextContent;
        }

        if (checkNerve)
        {
            parts["connection"] = page.QuerySelector("#connections")?.TextContent;
            if (isProbe)
            {
                // The breadcrumb comes from the structure graph, the text from the page's stored document.
                parts["breadcrumb"] = page.QuerySelector("nav.breadcrumbs")?.TextContent;
            }
        }

        var markers = parts.ToDictionary(p => p.Key, p => p.Value is null ? null : Marker().Match(p.Value) is { Success: true } m ? m.Groups[1].Value : null);
        if (markers.Values.Distinct().Count() != 1 || markers.Values.First() is null)
        {
            failures.Enqueue($"{path}: mixed versions {string.Join(", ", markers.Select(m => $"{m.Key}={m.Value ?? "none"}"))}");
            return;
        }

        seen[int.Parse(markers.Values.First()!, System.Globalization.CultureInfo.InvariantCulture)] = true;
    }

    private static void WriteProbe(SiteFactory site, int version)
    {
        site.WriteContent("muscles/reseed-probe.md", Probe(version));
        site.WriteContent("nerves/reseed-nerve.md", $"""
            ---
            title: Reseed nerve Marker {version}
            type: nerve
            summary: Marker {version} nerve of the reseed test.
            sources: ["One.", "Two."]
            ---

            ## Course

            Runs somewhere.
            """);
        site.WriteContent("regions/reseed-region.md", $"""
            ---
            title: Reseed region Marker {version}
            type: region
            summary: Marker {version} region of the reseed test.
            sources: ["One.", "Two."]
            ---

            ## Boundaries

            Somewhere.
            """);
    }

    private static string Probe(int version) => $"""
        ---
        title: Reseed probe Marker {version}
        type: muscle
        summary: Marker {version} is the version of this page.
        key_facts:
          origin: "Marker {version} origin"
        relations:
          innervated_by: [reseed-nerve]
          related: [reseed-region]
        sources: ["One.", "Two."]
        ---

        Opening words.

        ## Origin

        Marker {version} arises somewhere.
        """;
}
