using GastroRef.Web.Data;
using Microsoft.Data.Sqlite;

namespace GastroRef.Web.Tests.Data;

/// <summary>Reads lease open connections that keep their prepared commands; a cleared pool never hands out, nor keeps,
/// a connection opened before the clearing (it could hold a replaced store file open).</summary>
public sealed class ReaderPoolTests : IDisposable
{
    private readonly string _path = Path.Combine(Path.GetTempPath(), $"gastroref-readers-{Guid.NewGuid():N}.db");
    private readonly ReaderPool _pool;

    public ReaderPoolTests()
    {
        using (var connection = new SqliteConnection($"Data Source={_path}"))
        {
            connection.Open();
            using var command = new SqliteCommand("CREATE TABLE Numbers (Value INTEGER); INSERT INTO Numbers VALUES (1), (2), (3);", connection);
            command.ExecuteNonQuery();
        }

        _pool = new ReaderPool(new StoreOptions("content", $"Data Source={_path}", WatchContent: false));
    }

    public void Dispose()
    {
        _pool.Dispose();
        SqliteConnection.ClearAllPools();
        File.Delete(_path);
    }

    [Fact]
    public async Task A_returned_connection_is_leased_again_with_its_commands_still_prepared()
    {
        var first = await _pool.LeaseAsync(CancellationToken.None);
        using (var transaction = first.Connection.BeginTransaction(deferred: true))
        {
            var command = first.Command("SELECT count(*) FROM Numbers WHERE Value > $v", transaction);
            command.Parameters.AddWithValue("$v", 1);
            Assert.Equal(2L, await command.ExecuteScalarAsync());
            await command.DisposeAsync();
        }

        _pool.Return(first);
        var second = await _pool.LeaseAsync(CancellationToken.None);
        using (var transaction = second.Connection.BeginTransaction(deferred: true))
        {
            var command = second.Command("SELECT count(*) FROM Numbers WHERE Value > $v", transaction);
            Assert.Empty(command.Parameters);
            command.Parameters.AddWithValue("$v", 2);
            Assert.Equal(1L, await command.ExecuteScalarAsync());
            Assert.Same(second.Command("SELECT count(*) FROM Numbers WHERE Value > $v", transaction), command);
        }

        Assert.Same(first, second);
        _pool.Return(second);
    }

    [Fact]
    public async Task A_connection_leased_before_a_clearing_is_closed_when_it_comes_back()
    {
        var leased = await _pool.LeaseAsync(CancellationToken.None);
        var idle = await _pool.LeaseAsync(CancellationToken.None);
        _pool.Return(idle);

        _pool.Clear();
        _pool.Return(leased);

        Assert.Equal(System.Data.ConnectionState.Closed, idle.Connection.State);
        Assert.Equal(System.Data.ConnectionState.Closed, leased.Connection.State);
        var fresh = await _pool.LeaseAsync(CancellationToken.None);
        Assert.NotSame(leased, fresh);
        Assert.NotSame(idle, fresh);
        Assert.Equal(System.Data.ConnectionState.Open, fresh.Connection.State);
        _pool.Return(fresh);
    }
}
