using System.Diagnostics;
using System.Security.Cryptography;
using System.Text;
using System.Text.Json;
using GastroRef.Content;
using GastroRef.Web.Infrastructure;
using Microsoft.EntityFrameworkCore;

namespace GastroRef.Web.Data;

public sealed record SeedReport(int Added, int Updated, int Removed, int Kept, int Unchanged, IReadOnlyList<ContentProblem> Problems)
{
    public bool Changed => Added + Updated + Removed > 0;
}

/// <summary>Reads content/ into the store in one transaction, so readers see the old store or the new one,
/// never a mix. Unchanged pages are not rewritten; a file with errors keeps its last good version.</summary>
public sealed class ContentSeeder(
    IDbContextFactory<GastroRefDbContext> dbFactory,
    StoreOptions options,
    StoreState state,
    SearchIndex searchIndex,
    ILogger<ContentSeeder> logger) : IDisposable
{
    // One writer at a time: SQLite 3.50 can corrupt WAL with two writers checkpointing at once.
    private readonly SemaphoreSlim _writer = new(1, 1);

    public async Task<SeedReport> SeedAsync(CancellationToken cancellationToken = default)
    {
        await _writer.WaitAsync(cancellationToken);
        try
        {
            var stopwatch = Stopwatch.StartNew();
            var content = ContentLoader.Load(options.ContentPath);
            foreach (var problem in content.Problems)
            {
                if (problem.IsError)
                {
                    Log.ContentError(logger, problem.ToString());
                }
                else
                {
                    Log.ContentWarning(logger, problem.ToString());
                }
            }

            var report = await WriteAsync(content, cancellationToken);
            state.Seeded(content.Problems, report.Changed);
            Log.Seeded(logger, report.Added, report.Updated, report.Removed, report.Unchanged, report.Kept, stopwatch.ElapsedMilliseconds);
            return report;
        }
        finally
        {
            _writer.Release();
        }
    }

    public void Dispose() => _writer.Dispose();

    private async Task<SeedReport> WriteAsync(ContentSet content, CancellationToken cancellationToken)
    {
        await using var db = await dbFactory.CreateDbContextAsync(cancellationToken);
        await using var transaction = await db.Database.BeginTransactionAsync(cancellationToken);
        var stored = await db.Structures.AsNoTracking()
            .Select(s => new { s.Slug, s.SourcePath, s.Fingerprint })
            .ToDictionaryAsync(s => s.Slug, StringComparer.Ordinal, cancellationToken);

        var rejected = content.RejectedPaths.ToHashSet(StringComparer.Ordinal);
        var incoming = content.Documents.ToDictionary(d => d.Slug, StringComparer.Ordinal);

        // A page whose file is broken now keeps its last good version, even if its slug could not be read.
        var kept = stored.Values.Where(s => !incoming.ContainsKey(s.Slug) && rejected.Contains(s.SourcePath)).Select(s => s.Slug).ToList();
        if (kept.Count > 0)
        {
            Log.KeptLastGood(logger, string.Join(", ", kept));
        }

        var removed = stored.Keys.Where(slug => !incoming.ContainsKey(slug) && !kept.Contains(slug)).ToList();
        var written = new List<StructureDocument>();
        int added = 0, updated = 0;
        foreach (var document in content.Documents)
        {
            var record = ToRecord(document);
            if (!stored.TryGetValue(document.Slug, out var existing))
            {
                db.Structures.Add(record);
                added++;
            }
            else if (existing.Fingerprint != record.Fingerprint)
            {
                db.Structures.Update(record);
                updated++;
            }
            else
            {
                continue;
            }

            written.Add(document);
        }

        var touched = written.Select(d => d.Slug).Concat(removed).ToList();
        if (touched.Count > 0)
        {
            Log.WritingPages(logger, touched.Count);
            await db.Relations.Where(r => touched.Contains(r.FromSlug)).ExecuteDeleteAsync(cancellationToken);
            await db.Redirects.Where(r => touched.Contains(r.Slug)).ExecuteDeleteAsync(cancellationToken);
            await db.Structures.Where(s => removed.Contains(s.Slug)).ExecuteDeleteAsync(cancellationToken);
            db.Relations.AddRange(written.SelectMany(RelationsOf));
            var redirects = written.SelectMany(d => d.RedirectFrom.Select(old => new RedirectRecord { OldSlug = old, Slug = d.Slug })).ToList();
            await db.Redirects.Where(r => redirects.Select(x => x.OldSlug).Contains(r.OldSlug)).ExecuteDeleteAsync(cancellationToken);
            db.Redirects.AddRange(redirects);
            await db.SaveChangesAsync(cancellationToken);
        }

        await searchIndex.UpdateAsync(db, written, removed, content.Synonyms, cancellationToken);
        await state.CommitAsync(() => transaction.CommitAsync(cancellationToken));
        return new(added, updated, removed.Count, kept.Count, content.Documents.Count - written.Count, content.Problems);
    }

    private static IEnumerable<RelationRecord> RelationsOf(StructureDocument document) =>
        document.Relations
            .Select(r => new RelationRecord { FromSlug = document.Slug, Kind = r.Kind, ToSlug = r.TargetSlug })
            .Concat(document.LinkedSlugs.Select(slug => new RelationRecord { FromSlug = document.Slug, Kind = RelationRecord.BodyLink, ToSlug = slug }));

    internal static StructureRecord ToRecord(StructureDocument document)
    {
        var json = StoredDocument.From(document).ToJson();
        return new StructureRecord
        {
            Slug = document.Slug,
            Title = document.Title,
            Type = document.Type,
            Latin = document.Latin,
            Pronunciation = document.Pronunciation,
            Summary = document.Summary,
            Ta2 = document.Ta2,
            Fma = document.Fma,
            Updated = document.Updated,
            SourcePath = document.SourcePath,
            ContentHash = document.ContentHash,
            Fingerprint = Convert.ToHexStringLower(SHA256.HashData(Encoding.UTF8.GetBytes(JsonSerializer.Serialize(document)))),
            WordCount = document.WordCount,
            DocumentJson = json,
        };
    }
}
