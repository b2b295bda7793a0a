using Microsoft.EntityFrameworkCore;

namespace GastroRef.Web.Data;

/// <summary>The store: everything in it is derived from content/ and can be rebuilt from it,
/// except the last good version of a file that is broken now.</summary>
public sealed class GastroRefDbContext(DbContextOptions<GastroRefDbContext> options) : DbContext(options)
{
    public DbSet<StructureRecord> Structures => Set<StructureRecord>();

    public DbSet<RelationRecord> Relations => Set<RelationRecord>();

    public DbSet<RedirectRecord> Redirects => Set<RedirectRecord>();

    public DbSet<PlateRecord> Plates => Set<PlateRecord>();

    protected override void OnModelCreating(ModelBuilder modelBuilder)
    {
        ArgumentNullException.ThrowIfNull(modelBuilder);
        modelBuilder.Entity<StructureRecord>(e =>
        {
            e.ToTable("Structures");
            e.HasKey(s => s.Slug);
            e.HasIndex(s => s.Type);
            e.HasIndex(s => s.SourcePath);
        });
        modelBuilder.Entity<RelationRecord>(e =>
        {
            e.ToTable("Relations");
            e.HasKey(r => r.Id);
            e.HasIndex(r => r.FromSlug);
            e.HasIndex(r => r.ToSlug);
        });
        modelBuilder.Entity<RedirectRecord>(e =>
        {
            e.ToTable("Redirects");
            e.HasKey(r => r.OldSlug);
        });
        modelBuilder.Entity<PlateRecord>(e =>
        {
            e.ToTable("Plates");
            e.HasKey(p => p.Slug);
        });
    }
}

public sealed class StructureRecord
{
    public required string Slug { get; set; }
    public required string Title { get; set; }
    public required string Type { get; set; }
    public string? Latin { get; set; }
    public string? Pronunciation { get; set; }
    public string? Summary { get; set; }

    /// <summary>The aliases, one per line (<see cref="JoinAliases"/>): lists and the graph read them for every structure,
    /// and pulling them out of <see cref="DocumentJson"/> cost more than the rest of a content version's snapshot at
    /// 10,000 structures.</summary>
    public string Aliases { get; set; } = "";
    public string? Ta2 { get; set; }
    public string? Fma { get; set; }
    public DateOnly? Updated { get; set; }

    /// <summary>Where a region comes among its siblings; null for the rest (they follow, by title).</summary>
    public int? Order { get; set; }
    public required string SourcePath { get; set; }

    /// <summary>SHA-256 of what is stored for the page; it changes whenever the served page changes (ETag).</summary>
    public required string Fingerprint { get; set; }

    /// <summary>The rendered document (<see cref="StoredDocument"/>) as JSON: read whole, never queried into.</summary>
    public required string DocumentJson { get; set; }

    /// <summary>The aliases as a list.</summary>
    public IReadOnlyList<string> AliasList() => SplitAliases(Aliases);

    /// <summary>Aliases are single lines of front matter, so a line break can separate them.</summary>
    public static string JoinAliases(IEnumerable<string> aliases) => string.Join('\n', aliases);

    public static IReadOnlyList<string> SplitAliases(string aliases) => aliases.Length == 0 ? [] : aliases.Split('\n');
}

/// <summary>One typed edge of the structure graph, stated on <see cref="FromSlug"/>'s page.
/// Body links are kept as kind <c>links_to</c>.</summary>
public sealed class RelationRecord
{
    public const string BodyLink = "links_to";

    public int Id { get; set; }
    public required string FromSlug { get; set; }
    public required string Kind { get; set; }
    public required string ToSlug { get; set; }
}

public sealed class RedirectRecord
{
    public required string OldSlug { get; set; }
    public required string Slug { get; set; }
}
