namespace GastroRef.Content;

/// <summary>Where the repository keeps its content, for the site and the editors' tool started anywhere inside it.</summary>
public static class RepositoryContent
{
    /// <summary>The content/ folder beside GastroRef.sln in <paramref name="start"/> or the nearest folder above it
    /// (the solution file tells the repository from any other folder that happens to be called content); null if none.</summary>
    public static string? Find(string start)
    {
        for (var dir = new DirectoryInfo(start); dir is not null; dir = dir.Parent)
        {
            var content = Path.Combine(dir.FullName, "content");
            if (File.Exists(Path.Combine(dir.FullName, "GastroRef.sln")) && Directory.Exists(content))
            {
                return content;
            }
        }

        return null;
    }
}
