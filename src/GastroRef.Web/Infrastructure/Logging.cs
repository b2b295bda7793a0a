using Serilog;
using Serilog.Events;
using Serilog.Formatting.Compact;
using Serilog.Sinks.Async;

namespace GastroRef.Web.Infrastructure;

/// <summary>Serilog behind Microsoft.Extensions.Logging: console output with defaults set here, so a site started
/// without its appsettings.json still logs; the "Serilog" section may change levels or add sinks.</summary>
public static class Logging
{
    /// <summary>"text" (the default) for people, "json" for log shippers (compact JSON, one event per line).</summary>
    public const string FormatKey = "GastroRef:LogFormat";

    /// <summary>Events waiting for the console. When the reader of stdout stalls, events past this are dropped
    /// (and counted) rather than blocking requests.</summary>
    public const int ConsoleBufferSize = 10_000;

    internal const string TextTemplate = "[{Timestamp:HH:mm:ss} {Level:u3}] {SourceContext}: {Message:lj}{NewLine}{Exception}";

    public static WebApplicationBuilder AddGastroRefLogging(this WebApplicationBuilder builder)
    {
        ArgumentNullException.ThrowIfNull(builder);
        var console = new ConsoleLogBuffer();
        builder.Services.AddSingleton(console);

        // Serilog replaces the framework's logger factory; more sinks can be registered as ILogEventSink services.
        // The static Log.Logger is left alone: request events go through the logger given to the middleware.
        builder.Services.AddSerilog(
            (services, logger) => Configure(logger, services, console),
            preserveStaticLogger: true);
        return builder;
    }

    /// <summary>One event per request (method, path, status, elapsed ms), written when it completes.
    /// Requests for static files and 304s are logged at Debug, so content errors are not buried under them.</summary>
    public static IApplicationBuilder UseGastroRefRequestLogging(this IApplicationBuilder app)
    {
        ArgumentNullException.ThrowIfNull(app);
        var logger = app.ApplicationServices.GetRequiredService<Serilog.ILogger>();
        return app.UseSerilogRequestLogging(options =>
        {
            options.Logger = logger;
            options.GetLevel = RequestLevel;
        });
    }

    internal static LogEventLevel RequestLevel(HttpContext context, double elapsed, Exception? error)
    {
        var status = context.Response.StatusCode;
        if (error is not null || status >= StatusCodes.Status500InternalServerError)
        {
            return LogEventLevel.Error;
        }

        return status == StatusCodes.Status304NotModified || IsStaticAsset(context) ? LogEventLevel.Debug : LogEventLevel.Information;
    }

    private static bool IsStaticAsset(HttpContext context) =>
        context.GetEndpoint()?.Metadata.GetMetadata<Microsoft.AspNetCore.StaticAssets.StaticAssetDescriptor>() is not null;

    private static void Configure(LoggerConfiguration logger, IServiceProvider services, ConsoleLogBuffer console)
    {
        var configuration = services.GetRequiredService<IConfiguration>();
        logger
            .MinimumLevel.Information()
            .MinimumLevel.Override("Microsoft", LogEventLevel.Warning)
            .MinimumLevel.Override("Microsoft.Hosting.Lifetime", LogEventLevel.Information)
            .Enrich.FromLogContext()
            .ReadFrom.Configuration(configuration)
            .ReadFrom.Services(services);

        var json = string.Equals(configuration[FormatKey], "json", StringComparison.OrdinalIgnoreCase);
        logger.WriteTo.Async(
            sink =>
            {
                if (json)
                {
                    sink.Console(new CompactJsonFormatter());
                }
                else
                {
                    sink.Console(outputTemplate: TextTemplate, formatProvider: System.Globalization.CultureInfo.InvariantCulture);
                }
            },
            bufferSize: ConsoleBufferSize,
            blockWhenFull: false,
            monitor: console);
    }
}

/// <summary>The state of the console's log buffer: how many events were dropped because stdout was not read fast enough.</summary>
public sealed class ConsoleLogBuffer : IAsyncLogEventSinkMonitor
{
    private IAsyncLogEventSinkInspector? _inspector;

    public long Dropped => _inspector?.DroppedMessagesCount ?? 0;

    public int Waiting => _inspector?.Count ?? 0;

    void IAsyncLogEventSinkMonitor.StartMonitoring(IAsyncLogEventSinkInspector inspector) => _inspector = inspector;

    void IAsyncLogEventSinkMonitor.StopMonitoring(IAsyncLogEventSinkInspector inspector) => _inspector = null;
}
