using GastroRef.Web.Infrastructure;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Server.Kestrel.Transport.Sockets;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Options;

namespace GastroRef.Web.Tests.Infrastructure;

/// <summary>Request code may run on the socket threads, but only up to the page cache: whatever goes past it
/// (rendering, SQLite, files) must be on the thread pool, or one slow request would hold up every connection
/// on its socket thread.</summary>
public sealed class ServerSchedulingTests
{
    [Fact]
    public async Task A_request_arriving_on_a_socket_thread_goes_on_on_the_thread_pool()
    {
        var ranOnPool = await RunFromDedicatedThreadAsync();

        Assert.True(ranOnPool);
    }

    [Fact]
    public async Task A_request_already_on_the_thread_pool_goes_on_where_it_is()
    {
        // Where it is: on the same thread, before the pipeline returns. A middleware that always hops would
        // still run on the pool, but later (and maybe on another thread), so it fails here.
        var (ranInline, ranOnPool) = await Task.Run(() =>
        {
            var pipeline = Pipeline(out var ran);
            var thread = Environment.CurrentManagedThreadId;
            var request = pipeline(new DefaultHttpContext());
            var inline = request.IsCompletedSuccessfully && ran.Thread == thread;
            return (inline, ran.OnPool);
        });

        Assert.True(ranOnPool);
        Assert.True(ranInline, "the request hopped to another thread or went on later");
    }

    [Fact]
    public void Inline_scheduling_is_on_by_default_and_can_be_turned_off()
    {
        using var inline = new SiteFactory();
        using var pooled = new SiteFactory();
        pooled.Settings[ServerScheduling.InlineSchedulingKey] = "false";

        Assert.True(inline.Services.GetRequiredService<IOptions<SocketTransportOptions>>().Value.UnsafePreferInlineScheduling);
        Assert.False(pooled.Services.GetRequiredService<IOptions<SocketTransportOptions>>().Value.UnsafePreferInlineScheduling);
        Assert.Equal("1", Environment.GetEnvironmentVariable(ServerScheduling.InlineCompletionsVariable));
    }

    private sealed class Ran
    {
        public int? Thread { get; set; }

        public bool OnPool { get; set; }
    }

    private static RequestDelegate Pipeline(out Ran ran)
    {
        var services = new ServiceCollection().BuildServiceProvider();
        var app = new ApplicationBuilder(services);
        var where = new Ran();
        app.UseThreadPoolFromHere();
        app.Run(_ =>
        {
            where.Thread = Environment.CurrentManagedThreadId;
            where.OnPool = Thread.CurrentThread.IsThreadPoolThread;
            return Task.CompletedTask;
        });
        ran = where;
        return app.Build();
    }

    /// <summary>Runs a request from a thread outside the pool, as a socket thread is.</summary>
    private static async Task<bool> RunFromDedicatedThreadAsync()
    {
        var pipeline = Pipeline(out var ran);
        Task? request = null;
        var thread = new Thread(() => request = pipeline(new DefaultHttpContext()));
        thread.Start();
        thread.Join();
        await request!;
        return ran.OnPool;
    }
}
