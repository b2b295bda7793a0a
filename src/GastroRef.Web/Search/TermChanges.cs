using System.Runtime.CompilerServices;
using Microsoft.Data.Sqlite;

namespace GastroRef.Web.Search;

/// <summary>The terms whose document counts a seeding may have changed: every term of the full-text rows it deleted
/// or wrote, noted by <see cref="SearchIndexWriter"/> for the transaction that wrote them. The vocabulary of the new
/// version then asks <c>fts5vocab</c> for those terms only and takes every other count from the vocabulary of
/// <see cref="StartVersion"/>, instead of scanning the whole index (a quarter of a second at 10,000 structures).</summary>
/// <param name="StartVersion">The content version the transaction started from: the counts it changed are relative to it.</param>
/// <param name="Terms">A superset of the terms whose counts changed.</param>
internal sealed record TermChanges(long StartVersion, IReadOnlyCollection<string> Terms)
{
    /// <summary>Beyond this many written or removed pages, nothing is noted and the vocabulary is read whole.</summary>
    public const int PageLimit = 50;

    // Keyed by the transaction object, so a note can only be read by the transaction that made it, and goes with it.
    private static readonly ConditionalWeakTable<SqliteTransaction, TermChanges> Noted = [];

    public static void Note(SqliteTransaction transaction, TermChanges changes) => Noted.AddOrUpdate(transaction, changes);

    /// <summary>What was noted in <paramref name="transaction"/>, or null when it changed too much or no index was written.</summary>
    public static TermChanges? In(SqliteTransaction transaction) => Noted.TryGetValue(transaction, out var changes) ? changes : null;
}
