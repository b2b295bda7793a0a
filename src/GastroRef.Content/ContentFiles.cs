using System.IO.Enumeration;
using System.Runtime.InteropServices;
using System.Security.Cryptography;

namespace GastroRef.Content;

/// <summary>Finds the content files under a folder and reads their bytes within limits. Only regular files count
/// (or links to regular files inside the folder): a FIFO would block the load, a link to <c>/dev/zero</c> or a huge
/// file would fill memory. Nothing is read past <see cref="ContentMarkdown.MaxFileBytes"/>.</summary>
public static class ContentFiles
{
    /// <summary>How long a file must have been left alone before its <see cref="FileStamp"/> is trusted: longer than the
    /// coarsest file-system clock (FAT's 2 s), so a write in the same tick as the read can never keep the stamp.</summary>
    private static readonly TimeSpan SettledAfter = TimeSpan.FromSeconds(3);

    /// <summary>A file found under the content folder: its bytes and their hash, or why it cannot be used. Bytes and
    /// problem are both null when the file's stamp is the one the caller knew: the caller's hash still holds.</summary>
    public sealed record FileBytes(string FullPath, string Path, byte[]? Bytes, string Hash, ContentProblem? Problem)
    {
        /// <summary>The file as stat(2) saw it before reading, when it had been left alone long enough to trust
        /// (<see cref="SettledAfter"/>); null otherwise, or where stat(2) is not used.</summary>
        public FileStamp? Stamp { get; init; }
    }

    /// <summary>What stat(2) says of a file: the same device, inode, size and modification and change times (in
    /// nanoseconds) mean the same bytes. The change time cannot be set by any program (touch -r, cp -p and
    /// rsync -t set the modification time only), and every write moves it.</summary>
    public readonly record struct FileStamp(ulong Device, ulong Inode, long Size, long ModifiedNanoseconds, long ChangedNanoseconds);

    /// <summary>The content-relative paths of every <c>*.md</c> file, in ordinal order, README.md and anything under
    /// a name starting with '.' or '_' aside. Links to folders are not followed.</summary>
    public static IReadOnlyList<(string FullPath, string Path)> Find(string root)
    {
        var options = new EnumerationOptions { RecurseSubdirectories = true, AttributesToSkip = 0, IgnoreInaccessible = true };
        var found = new FileSystemEnumerable<(string, string)>(
            root,
            (ref FileSystemEntry entry) => (entry.ToFullPath(), Relative(root, entry.ToFullPath())),
            options)
        {
            ShouldIncludePredicate = (ref FileSystemEntry entry) => !entry.IsDirectory && entry.FileName.EndsWith(".md", StringComparison.Ordinal),
            ShouldRecursePredicate = (ref FileSystemEntry entry) => (entry.Attributes & FileAttributes.ReparsePoint) == 0,
        };
        return [.. found.Where(f => !IsIgnored(f.Item2)).OrderBy(f => f.Item2, StringComparer.Ordinal)];
    }

    /// <summary>Reads one file found by <see cref="Find"/>, checking what it is and how big before reading. When the
    /// file's stamp is <paramref name="known"/>'s, it is not read again and <paramref name="known"/>'s hash is returned.</summary>
    public static FileBytes Read(string root, string fullPath, string path, (FileStamp Stamp, string Hash)? known = null)
    {
        FileBytes Refuse(string message) => new(fullPath, path, null, "", new ContentProblem(path, 1, message));

        try
        {
            var info = new FileInfo(fullPath);
            var target = fullPath;
            if (info.LinkTarget is not null)
            {
                if (info.ResolveLinkTarget(returnFinalTarget: true) is not { Exists: true } resolved)
                {
                    return Refuse("the file is a link to nothing; it was skipped");
                }

                target = resolved.FullName;
            }

            // Taken before the stat: a stamp is kept only if nothing touched the file for a while before it.
            var settledBefore = DateTimeOffset.UtcNow - SettledAfter;
            var status = Status(target);
            if (!status.Regular)
            {
                return Refuse("this is not a regular file (a pipe, device or socket); it was skipped");
            }

            if (target != fullPath && !IsInside(RealPath(root), target))
            {
                return Refuse("the file is a link to a file outside the content folder; it was skipped");
            }

            var stamp = status.Stamp is { } seen && seen.ChangedNanoseconds < UnixNanoseconds(settledBefore) ? seen : (FileStamp?)null;
            if (stamp is not null && known is { } previous && previous.Stamp == stamp)
            {
                return new(fullPath, path, null, previous.Hash, null) { Stamp = stamp };
            }

            var length = new FileInfo(target).Length;
            if (length > ContentMarkdown.MaxFileBytes)
            {
                return Refuse(TooBig(length));
            }

            // The file may grow between the check and the read: never read more than one byte past the limit.
            using var stream = new FileStream(target, FileMode.Open, FileAccess.Read, FileShare.ReadWrite | FileShare.Delete, 1, FileOptions.SequentialScan);
            using var copy = new MemoryStream((int)length);
            var chunk = new byte[64 * 1024];
            int read;
            while (copy.Length <= ContentMarkdown.MaxFileBytes &&
                   (read = stream.Read(chunk, 0, (int)Math.Min(chunk.Length, ContentMarkdown.MaxFileBytes + 1 - copy.Length))) > 0)
            {
                copy.Write(chunk, 0, read);
            }

            if (copy.Length > ContentMarkdown.MaxFileBytes)
            {
                return Refuse(TooBig(copy.Length));
            }

            var buffer = copy.ToArray();
            return new(fullPath, path, buffer, Convert.ToHexStringLower(SHA256.HashData(buffer)), null) { Stamp = stamp };
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            return Refuse($"the file cannot be read: {e.Message}");
        }
    }

    internal static bool IsIgnored(string relative) =>
        relative.Split('/').Any(part => part.StartsWith('.') || part.StartsWith('_')) ||
        string.Equals(Path.GetFileName(relative), "README.md", StringComparison.OrdinalIgnoreCase);

    private static string TooBig(long bytes) =>
        $"the file is {bytes / 1024} KiB or more; the limit is {ContentMarkdown.MaxFileBytes / 1024} KiB";

    private static string Relative(string root, string full) => Path.GetRelativePath(root, full).Replace('\\', '/');

    private static string RealPath(string folder)
    {
        var full = Path.GetFullPath(folder);
        return new DirectoryInfo(full).ResolveLinkTarget(returnFinalTarget: true)?.FullName ?? full;
    }

    private static bool IsInside(string folder, string file)
    {
        var relative = Path.GetRelativePath(folder, file);
        return relative != ".." && !relative.StartsWith("../", StringComparison.Ordinal) && !Path.IsPathRooted(relative);
    }

    private static long UnixNanoseconds(DateTimeOffset time) => (time - DateTimeOffset.UnixEpoch).Ticks * 100;

    /// <summary>.NET tells no file type but "directory" on Unix (a FIFO looks like an empty file, and opening one
    /// blocks), nor a file's change time or inode, so on Linux ask stat(2) itself. Elsewhere there are no such files
    /// in practice, and no stamp: every file is read.</summary>
    private static (bool Regular, FileStamp? Stamp) Status(string path)
    {
        if (!OperatingSystem.IsLinux())
        {
            return (File.Exists(path), null);
        }

        // struct stat is 144 bytes on x86-64 and 128 on arm64; st_mode sits at byte 24 and 16 respectively. Both put
        // st_dev at 0, st_ino at 8, st_size at 48, st_mtim at 88 and st_ctim at 104 (seconds, then nanoseconds).
        var modeOffset = RuntimeInformation.ProcessArchitecture switch
        {
            Architecture.X64 => 24,
            Architecture.Arm64 => 16,
            _ => -1,
        };
        if (modeOffset < 0)
        {
            return (File.Exists(path), null);
        }

        var buffer = new byte[256];
        if (Stat(path, buffer) != 0)
        {
            return (false, null);
        }

        const uint fileTypeMask = 0xF000, regularFile = 0x8000;
        if ((BitConverter.ToUInt32(buffer, modeOffset) & fileTypeMask) != regularFile)
        {
            return (false, null);
        }

        return (true, new FileStamp(
            BitConverter.ToUInt64(buffer, 0), BitConverter.ToUInt64(buffer, 8), BitConverter.ToInt64(buffer, 48), Nanoseconds(buffer, 88), Nanoseconds(buffer, 104)));

        static long Nanoseconds(byte[] stat, int offset) => (BitConverter.ToInt64(stat, offset) * 1_000_000_000) + BitConverter.ToInt64(stat, offset + 8);
    }

    [DllImport("libc", EntryPoint = "stat", CharSet = CharSet.Ansi, BestFitMapping = false, ThrowOnUnmappableChar = true)]
    [DefaultDllImportSearchPaths(DllImportSearchPath.SafeDirectories)]
    private static extern int Stat(string path, [Out] byte[] buffer);
}
