using Microsoft.EntityFrameworkCore;

namespace GastroRef.Web.Data;

public static class StoreSetup
{
    /// <summary>The SQLite store, the seeder that fills it from content/ and the service that runs it. Features that keep
    /// tables of their own in the store register an <see cref="IContentIndex"/>.</summary>
    public static IServiceCollection AddGastroRefStore(this IServiceCollection services, IConfiguration configuration, IHostEnvironment environment)
    {
        var options = StoreOptions.Resolve(configuration, environment);
        services.AddSingleton(options);
        services.AddDbContextFactory<GastroRefDbContext>(db => db.UseSqlite(options.ConnectionString));
        services.AddSingleton<StoreState>();
        services.AddSingleton<ReaderPool>();
        services.AddSingleton<StoreInitializer>();
        services.AddSingleton<ContentSeeder>();
        services.AddSingleton<StructureQueries>();
        services.AddHostedService<ContentSeedingService>();
        services.AddHealthChecks().AddCheck<StoreHealthCheck>("store");
        return services;
    }

    /// <summary>Holds requests until the first seeding is done, so nobody sees an empty site on first start, and answers
    /// 503 with Retry-After while the store cannot be read (it is being rebuilt), instead of an error page.</summary>
    public static IApplicationBuilder UseStoreReadiness(this IApplicationBuilder app)
    {
        var state = app.ApplicationServices.GetRequiredService<StoreState>();
        return app.Use(async (context, next) =>
        {
            try
            {
                await (state.IsReady || context.Request.Path.StartsWithSegments("/healthz") ? next(context) : WaitThenContinueAsync(context, next, state));
            }
            catch (StoreUnavailableException) when (!context.Response.HasStarted)
            {
                // Not logged per request: the seeding service logs the fault once, and /healthz reports it.
                context.Response.Clear();
                await UnavailableAsync(context, "GastroRef is rebuilding its store; try again in a few seconds.");
            }
        });
    }

    private static Task UnavailableAsync(HttpContext context, string message)
    {
        var response = context.Response;
        response.StatusCode = StatusCodes.Status503ServiceUnavailable;
        response.Headers.RetryAfter = "5";
        response.Headers.CacheControl = "no-store";
        return context.Request.Path.StartsWithSegments("/api")
            ? response.WriteAsJsonAsync(new { title = message, status = 503 }, (System.Text.Json.JsonSerializerOptions?)null, "application/problem+json")
            : response.WriteAsync(message);
    }

    private static async Task WaitThenContinueAsync(HttpContext context, RequestDelegate next, StoreState state)
    {
        try
        {
            // No point in waiting when the store could not even be prepared: /healthz says why.
            var wait = state.ContentError is null ? TimeSpan.FromSeconds(30) : TimeSpan.Zero;
            await state.Ready.WaitAsync(wait, context.RequestAborted);
        }
        catch (TimeoutException)
        {
            await UnavailableAsync(context, "GastroRef is still loading its content; try again in a few seconds.");
            return;
        }

        await next(context);
    }
}
