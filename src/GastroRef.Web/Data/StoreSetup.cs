using Microsoft.EntityFrameworkCore;

namespace GastroRef.Web.Data;

public static class StoreSetup
{
    /// <summary>The SQLite store, the seeder that fills it from content/ and the service that runs it.</summary>
    public static IServiceCollection AddGastroRefStore(this IServiceCollection services, IConfiguration configuration, IHostEnvironment environment)
    {
        var options = StoreOptions.Resolve(configuration, environment);
        services.AddSingleton(options);
        services.AddDbContextFactory<GastroRefDbContext>(db => db.UseSqlite(options.ConnectionString));
        services.AddSingleton<StoreState>();
        services.AddSingleton<StoreInitializer>();
        services.AddSingleton<SearchIndex>();
        services.AddSingleton<IContentSnapshotPart>(provider => provider.GetRequiredService<SearchIndex>().Engine);
        services.AddSingleton<ContentSeeder>();
        services.AddSingleton<StructureQueries>();
        services.AddHostedService<ContentSeedingService>();
        return services;
    }

    /// <summary>Holds requests until the first seeding is done, so nobody sees an empty site on first start.</summary>
    public static IApplicationBuilder UseStoreReadiness(this IApplicationBuilder app)
    {
        var state = app.ApplicationServices.GetRequiredService<StoreState>();
        return app.Use((context, next) =>
            state.IsReady || context.Request.Path.StartsWithSegments("/healthz") ? next(context) : WaitThenContinueAsync(context, next, state));
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
            context.Response.StatusCode = StatusCodes.Status503ServiceUnavailable;
            context.Response.Headers.RetryAfter = "5";
            await context.Response.WriteAsync("GastroRef is still loading its content; try again in a few seconds.");
            return;
        }

        await next(context);
    }

    /// <summary>200 once the store is ready and the content folder was readable; 503 with the reason otherwise.</summary>
    public static IEndpointRouteBuilder MapHealthz(this IEndpointRouteBuilder endpoints)
    {
        endpoints.MapGet("/healthz", (StoreState state) =>
            state.ContentError is { } error ? Results.Text(error, statusCode: StatusCodes.Status503ServiceUnavailable)
            : !state.IsReady ? Results.Text("starting: the store is being seeded", statusCode: StatusCodes.Status503ServiceUnavailable)
            : Results.Text($"ok: content version {state.Version}, {state.Problems.Count(p => p.IsError)} content errors"));
        return endpoints;
    }
}
