using System.Diagnostics;
using System.Text.RegularExpressions;

namespace GastroRef.Web.Tests.Infrastructure;

/// <summary>The built site run as its own process, started from an empty working folder (so no appsettings.json
/// is found, as with a published site started from elsewhere), with stdout redirected to a pipe the test reads
/// only as far as it wants.</summary>
public sealed partial class ChildSite : IDisposable
{
    private readonly string _root = Path.Combine(Path.GetTempPath(), "gastroref-child", Guid.NewGuid().ToString("N"));
    private readonly Process _process;

    private ChildSite(IReadOnlyDictionary<string, string> environment)
    {
        var workingFolder = Path.Combine(_root, "cwd");
        Directory.CreateDirectory(workingFolder);
        var start = new ProcessStartInfo("dotnet")
        {
            WorkingDirectory = workingFolder,
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
        };
        start.ArgumentList.Add(SiteAssembly);
        start.ArgumentList.Add("--urls");
        start.ArgumentList.Add("http://127.0.0.1:0");
        start.Environment["ASPNETCORE_ENVIRONMENT"] = "Production";
        start.Environment.Remove("ASPNETCORE_URLS");
        start.Environment["GastroRef__ContentPath"] = RepositoryPaths.Content;
        start.Environment["GastroRef__WatchContent"] = "false";
        start.Environment["ConnectionStrings__GastroRef"] = $"Data Source={Path.Combine(_root, "store.db")}";
        foreach (var (name, value) in environment)
        {
            start.Environment[name] = value;
        }

        _process = Process.Start(start)!;
        _process.ErrorDataReceived += (_, _) => { };
        _process.BeginErrorReadLine();
    }

    public Uri BaseAddress { get; private set; } = new("http://127.0.0.1/");

    /// <summary>The lines read so far, up to and including the one that said where the site listens.</summary>
    public List<string> StartLines { get; } = [];

    /// <summary>The site's stdout, for tests that read on; a test that stops reading stalls the pipe.</summary>
    public StreamReader Output => _process.StandardOutput;

    /// <summary>The site compiled next to the tests (same configuration).</summary>
    private static string SiteAssembly
    {
        get
        {
            var configuration = new DirectoryInfo(AppContext.BaseDirectory.TrimEnd(Path.DirectorySeparatorChar)).Parent!.Name;
            return Path.Combine(RepositoryPaths.Root, "src", "GastroRef.Web", "bin", configuration, "net10.0", "GastroRef.Web.dll");
        }
    }

    /// <summary>Starts the site and reads its output until it says where it listens.</summary>
    public static async Task<ChildSite> StartAsync(IReadOnlyDictionary<string, string>? environment = null)
    {
        var site = new ChildSite(environment ?? new Dictionary<string, string>());
        try
        {
            using var timeout = new CancellationTokenSource(TimeSpan.FromSeconds(60));
            while (await site.Output.ReadLineAsync(timeout.Token) is { } line)
            {
                site.StartLines.Add(line);
                if (ListeningOn().Match(line) is { Success: true } listening)
                {
                    site.BaseAddress = new Uri(listening.Value);
                    return site;
                }
            }

            throw new InvalidOperationException("The site ended before it listened:\n" + string.Join("\n", site.StartLines));
        }
        catch
        {
            site.Dispose();
            throw;
        }
    }

    /// <summary>A client for the site, once its first seeding is done.</summary>
    public async Task<HttpClient> ReadyClientAsync()
    {
        var client = new HttpClient { BaseAddress = BaseAddress, Timeout = TimeSpan.FromSeconds(10) };
        for (var attempt = 0; attempt < 300; attempt++)
        {
            var health = await client.GetAsync(new Uri("/healthz", UriKind.Relative));
            if (health.IsSuccessStatusCode)
            {
                return client;
            }

            await Task.Delay(100);
        }

        throw new InvalidOperationException("The site never became healthy.");
    }

    public void Dispose()
    {
        if (!_process.HasExited)
        {
            _process.Kill(entireProcessTree: true);
            _process.WaitForExit(10_000);
        }

        _process.Dispose();
        try
        {
            Directory.Delete(_root, recursive: true);
        }
        catch (IOException)
        {
            // A temp folder left behind is harmless.
        }
    }

    [GeneratedRegex(@"http://127\.0\.0\.1:\d+")]
    private static partial Regex ListeningOn();
}
