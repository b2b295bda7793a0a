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
        var ranOnPool = await RunFromHereAsync(onDedicatedThread: true);

        Assert.True(ranOnPool);
    }

    [Fact]
    public async Task A_request_already_on_the_thread_pool_goes_on_where_it_is()
    {
        var ranOnPool = await RunFromHereAsync(onDedicatedThread: false);

        Assert.True(ranOnPool);
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

    private static async Task<bool> RunFromHereAsync(bool onDedicatedThread)
    {
        var services = new ServiceCollection().BuildServiceProvider();
        var app = new ApplicationBuilder(services);
        var ranOnPool = false;
        app.UseThreadPoolFromHere();
        app.Run(_ =>
        {
            ranOnPool = Thread.CurrentThread.IsThreadPoolThread;
            return Task.CompletedTask;
        });
        var pipeline = app.Build();

        Task? request = null;
        if (onDedicatedThread)
        {
            var thread = new Thread(() => request = pipeline(new DefaultHttpContext()));
            thread.Start();
            thread.Join();
        }
        else
        {
            request = Task.Run(() => pipeline(new DefaultHttpContext()));
        }

        await request!;
        return ranOnPool;
    }
}
