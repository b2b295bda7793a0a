using System.Diagnostics;

namespace GastroRef.Web.Tests.Infrastructure;

/// <summary>tests/run.sh must never look like a pass when something it needs is missing. Each case gives it a PATH
/// with only some tools, so it stops before building anything.</summary>
public sealed class RunScriptTests : IDisposable
{
    private readonly string _bin = Directory.CreateTempSubdirectory("gastroref-path").FullName;

    public void Dispose() => Directory.Delete(_bin, recursive: true);

    [Fact]
    public async Task Without_dotnet_and_python3_it_fails_naming_both()
    {
        var (exitCode, output) = await RunAsync();

        Assert.NotEqual(0, exitCode);
        Assert.Contains("missing prerequisites: the .NET 10 SDK (dotnet), python3", output, StringComparison.Ordinal);
        Assert.EndsWith("0 passed, 1 failed", output.TrimEnd(), StringComparison.Ordinal);
    }

    [Fact]
    public async Task Without_chromium_and_npm_and_no_way_to_install_them_it_fails_naming_them()
    {
        Link("dotnet", "python3", "id"); // no apt-get, no sudo: installing is impossible

        var (exitCode, output) = await RunAsync();

        Assert.NotEqual(0, exitCode);
        Assert.Contains("missing prerequisites: chromium npm, and installing them with apt-get failed", output, StringComparison.Ordinal);
        Assert.DoesNotContain("passed, 0 failed", output, StringComparison.Ordinal);
    }

    private void Link(params string[] tools)
    {
        foreach (var tool in tools)
        {
            var found = Environment.GetEnvironmentVariable("PATH")!.Split(Path.PathSeparator)
                .Select(dir => Path.Combine(dir, tool))
                .First(File.Exists);
            File.CreateSymbolicLink(Path.Combine(_bin, tool), found);
        }
    }

    private async Task<(int ExitCode, string Output)> RunAsync()
    {
        var start = new ProcessStartInfo("/bin/bash")
        {
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
        };
        start.ArgumentList.Add(Path.Combine(RepositoryPaths.Root, "tests", "run.sh"));
        start.Environment.Clear();
        start.Environment["PATH"] = _bin;
        using var process = Process.Start(start)!;
        var stdout = process.StandardOutput.ReadToEndAsync();
        var stderr = process.StandardError.ReadToEndAsync();
        using var timeout = new CancellationTokenSource(TimeSpan.FromSeconds(60));
        await process.WaitForExitAsync(timeout.Token);
        return (process.ExitCode, await stderr + await stdout);
    }
}
