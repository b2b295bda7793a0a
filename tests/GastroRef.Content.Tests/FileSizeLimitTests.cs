namespace GastroRef.Content.Tests;

/// <summary>Counts every byte the process allocates while content loads, so it runs with no other test beside it:
/// tests running in parallel would add their allocations to the count.</summary>
[CollectionDefinition(Name, DisableParallelization = true)]
public sealed class AllocationMeasurements
{
    public const string Name = "Allocation measurements";
}

/// <summary>A file far over the size limit is refused from its size, without being read.</summary>
[Collection(AllocationMeasurements.Name)]
public sealed class FileSizeLimitTests
{
    [Fact]
    public void A_file_over_the_limit_is_refused_from_its_size()
    {
        using var folder = new ContentFolder().With("muscles/good.md", ContentFolder.Muscle("Good"));
        using (var huge = File.Create(Path.Combine(folder.Root, "muscles", "huge.md")))
        {
            huge.SetLength(3L * 1024 * 1024 * 1024); // sparse: takes no disk, and reading it would take 3 GB
        }

        var before = GC.GetTotalAllocatedBytes(precise: true);
        var content = folder.Load();
        var allocated = GC.GetTotalAllocatedBytes(precise: true) - before;

        Assert.Contains(content.Errors, p => p.Path == "muscles/huge.md" && p.Message.Contains("the limit is 512 KiB", StringComparison.Ordinal));
        Assert.True(allocated < 64L * 1024 * 1024, $"allocated {allocated / 1024 / 1024} MiB");
        Assert.Single(content.Documents);
    }
}
