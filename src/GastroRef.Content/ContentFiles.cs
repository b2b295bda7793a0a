using System.IO.Enumeration;
using System.Runtime.InteropServices;
using System.Security.Cryptography;

namespace GastroRef.Content;

/// <summary>Finds the content files under a folder and reads their bytes within limits. Only regular files count
/// (or links to regular files inside the folder): a FIFO would block the load, a link to <c>/dev/zero</c> or a huge
/// file would fill memory. Nothing is read past <see cref="ContentMarkdown.MaxFileBytes"/>.</summary>
public static class ContentFiles
{
    /// <summary>A file found under the content folder: its bytes and their hash, or why it cannot be used.</summary>
    public sealed record FileBytes(string FullPath, string Path, byte[]? Bytes, string Hash, ContentProblem? Problem);

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

    /// <summary>Reads one file found by <see cref="Find"/>, checking what it is and how big before reading.</summary>
    public static FileBytes Read(string root, string fullPath, string path)
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

            if (!IsRegularFile(target))
            {
                return Refuse("this is not a regular file (a pipe, device or socket); it was skipped");
            }

            if (target != fullPath && !IsInside(RealPath(root), target))
            {
                return Refuse("the file is a link to a file outside the content folder; it was skipped");
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
            return new(fullPath, path, buffer, Convert.ToHexStringLower(SHA256.HashData(buffer)), null);
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

    /// <summary>.NET tells no file type but "directory" on Unix (a FIFO looks like an empty file, and opening one
    /// blocks), so on Linux ask stat(2) itself; elsewhere there are no such files in practice.</summary>
    private static bool IsRegularFile(string path)
    {
        if (!OperatingSystem.IsLinux())
        {
            return File.Exists(path);
        }

        // struct stat is 144 bytes on x86-64 and 128 on arm64; st_mode sits at byte 24 and 16 respectively.
        var modeOffset = RuntimeInformation.ProcessArchitecture switch
        {
            Architecture.X64 => 24,
            Architecture.Arm64 => 16,
            _ => -1,
        };
        if (modeOffset < 0)
        {
            return File.Exists(path);
        }

        var buffer = new byte[256];
        if (Stat(path, buffer) != 0)
        {
            return false;
        }

        const uint fileTypeMask = 0xF000, regularFile = 0x8000;
        return (BitConverter.ToUInt32(buffer, modeOffset) & fileTypeMask) == regularFile;
    }

    [DllImport("libc", EntryPoint = "stat", CharSet = CharSet.Ansi, BestFitMapping = false, ThrowOnUnmappableChar = true)]
    [DefaultDllImportSearchPaths(DllImportSearchPath.SafeDirectories)]
    private static extern int Stat(string path, [Out] byte[] buffer);
}
