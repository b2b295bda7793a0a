using System.Collections.Concurrent;
using Microsoft.Data.Sqlite;

namespace GastroRef.Web.Data;

/// <summary>Open read connections to the store, each kept with the commands it has prepared. Microsoft.Data.Sqlite
/// pools connections but prepares every command again, and preparing (parsing and planning the SQL) cost a search
/// about as much as running its FTS5 query did (docs/benchmarks.md). <see cref="Clear"/> goes with
/// <see cref="SqliteConnection.ClearAllPools"/>: a kept connection would hold a replaced store file open.</summary>
public sealed class ReaderPool(StoreOptions options) : IDisposable
{
    /// <summary>Idle connections kept; more are closed when returned.</summary>
    private const int MaxIdle = 16;

    private readonly ConcurrentBag<PooledReader> _idle = [];
    private readonly string _connectionString = options.ReaderConnectionString;
    private int _generation;

    /// <summary>An open connection to the store, idle or new.</summary>
    internal async Task<PooledReader> LeaseAsync(CancellationToken cancellationToken)
    {
        if (_idle.TryTake(out var kept))
        {
            return kept;
        }

        var connection = new SqliteConnection(_connectionString);
        try
        {
            await connection.OpenAsync(cancellationToken);
        }
        catch
        {
            await connection.DisposeAsync();
            throw;
        }

        return new PooledReader(connection, Volatile.Read(ref _generation));
    }

    /// <summary>Keeps <paramref name="reader"/> for the next lease, unless the pool was cleared since it was opened.</summary>
    internal void Return(PooledReader reader)
    {
        if (reader.Generation == Volatile.Read(ref _generation) && _idle.Count < MaxIdle)
        {
            _idle.Add(reader);
            if (reader.Generation != Volatile.Read(ref _generation))
            {
                // Cleared meanwhile: take back what may have been added after the clearing.
                Drain();
            }

            return;
        }

        reader.Dispose();
    }

    /// <summary>Closes every kept connection, and those leased now when they come back; then clears Microsoft.Data.Sqlite's pools.</summary>
    public void Clear()
    {
        Interlocked.Increment(ref _generation);
        Drain();
        SqliteConnection.ClearAllPools();
    }

    public void Dispose()
    {
        Interlocked.Increment(ref _generation);
        Drain();
    }

    private void Drain()
    {
        while (_idle.TryTake(out var reader))
        {
            reader.Dispose();
        }
    }
}

/// <summary>A connection of the <see cref="ReaderPool"/> and the commands prepared on it, by SQL text.</summary>
internal sealed class PooledReader(SqliteConnection connection, int generation) : IDisposable
{
    /// <summary>Commands kept per connection; SQL beyond them (texts built per request) is prepared each time.</summary>
    private const int MaxKeptCommands = 32;

    private readonly Dictionary<string, KeptCommand> _commands = new(StringComparer.Ordinal);

    public SqliteConnection Connection { get; } = connection;

    public int Generation { get; } = generation;

    /// <summary>The command for <paramref name="sql"/> in <paramref name="transaction"/>, without parameters: prepared the
    /// first time, kept prepared after. Disposing it does not finalize it; it belongs to this connection.</summary>
    public SqliteCommand Command(string sql, SqliteTransaction transaction)
    {
        if (!_commands.TryGetValue(sql, out var command))
        {
            if (_commands.Count >= MaxKeptCommands)
            {
                return new SqliteCommand(sql, Connection, transaction);
            }

            command = new KeptCommand { Connection = Connection, CommandText = sql };
            _commands[sql] = command;
        }

        command.Transaction = transaction;
        command.Parameters.Clear();
        return command;
    }

    public void Dispose()
    {
        foreach (var command in _commands.Values)
        {
            command.Release();
        }

        _commands.Clear();
        Connection.Dispose();
    }

    /// <summary>A command whose Dispose leaves its prepared statements alone, so callers can dispose what they are handed.</summary>
    private sealed class KeptCommand : SqliteCommand
    {
        private bool _released;

        public void Release()
        {
            _released = true;
            Dispose();
        }

        [System.Diagnostics.CodeAnalysis.SuppressMessage("Usage", "CA2215", Justification = "Kept with the connection until Release.")]
        protected override void Dispose(bool disposing)
        {
            if (_released)
            {
                base.Dispose(disposing);
            }
        }
    }
}
