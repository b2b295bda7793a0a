namespace GastroRef.Content.Tests;

/// <summary>A file whose stat(2) stamp is unchanged is not read again; any write, even one that keeps the size and
/// puts the modification time back (as touch -r, cp -p and rsync -t do), changes the stamp.</summary>
public sealed class FileStampTests
{
    [Fact]
    public async Task An_untouched_settled_file_is_not_read_again_and_a_same_size_write_with_its_old_time_is_seen()
    {
        if (!OperatingSystem.IsLinux())
        {
            return; // stamps come from stat(2), on Linux only
        }

        using var folder = new ContentFolder().With("muscles/test-muscle.md", ContentFolder.Muscle(body: "## Origin\n\nFrom here.\n"));
        var full = Path.Combine(folder.Root, "muscles", "test-muscle.md");
        var modified = File.GetLastWriteTimeUtc(full);

        // A stamp is kept only for a file nothing has touched for a few seconds.
        Assert.Null(ContentFiles.Read(folder.Root, full, "muscles/test-muscle.md").Stamp);
        await Task.Delay(TimeSpan.FromSeconds(3.5));
        var first = ContentFiles.Read(folder.Root, full, "muscles/test-muscle.md");
        Assert.NotNull(first.Stamp);

        // Same stamp: the known hash is taken and the bytes are not read.
        var again = ContentFiles.Read(folder.Root, full, "muscles/test-muscle.md", (first.Stamp.Value, "known"));
        Assert.Null(again.Bytes);
        Assert.Null(again.Problem);
        Assert.Equal("known", again.Hash);

        // The same number of bytes, the old modification time: the change time still moves.
        await File.WriteAllTextAsync(full, ContentFolder.Muscle(body: "## Origin\n\nFrom there\n"));
        File.SetLastWriteTimeUtc(full, modified);
        var changed = ContentFiles.Read(folder.Root, full, "muscles/test-muscle.md", (first.Stamp.Value, "known"));
        Assert.NotNull(changed.Bytes);
        Assert.NotEqual(first.Hash, changed.Hash);
        Assert.Null(changed.Stamp);
    }

    [Fact]
    public async Task A_cached_load_sees_a_same_size_edit_that_keeps_the_old_modification_time()
    {
        using var folder = new ContentFolder().With("muscles/test-muscle.md", ContentFolder.Muscle(body: "## Origin\n\nFrom here.\n"));
        var full = Path.Combine(folder.Root, "muscles", "test-muscle.md");
        var modified = File.GetLastWriteTimeUtc(full);
        await Task.Delay(TimeSpan.FromSeconds(3.5));
        var cache = new ContentCache();
        Assert.Single(ContentLoader.Load(folder.Root, cache).Documents);
        Assert.Single(ContentLoader.Load(folder.Root, cache).Unchanged);

        await File.WriteAllTextAsync(full, ContentFolder.Muscle(body: "## Origin\n\nFrom there\n"));
        File.SetLastWriteTimeUtc(full, modified);
        var edited = Assert.Single(ContentLoader.Load(folder.Root, cache).Documents);
        Assert.Contains("From there", edited.Sections[0].Text, StringComparison.Ordinal);
    }
}
