using Microsoft.OpenApi;

namespace GastroRef.Web.Api;

/// <summary>What makes the JSON API usable from elsewhere: its OpenAPI description at <c>/openapi/v1.json</c>, and
/// CORS so a page on another site can read it (the API is public, read-only and carries no cookies).</summary>
public static class ApiSetup
{
    public const string DocumentPath = "/openapi/v1.json";

    private static readonly PathString ApiPaths = "/api";

    public static IServiceCollection AddGastroRefApi(this IServiceCollection services)
    {
        services.AddCors();
        services.AddOpenApi(options => options.AddDocumentTransformer((document, _, _) =>
        {
            document.Info = new OpenApiInfo
            {
                Title = "GastroRef API",
                Version = "v1",
                Description = "Read-only JSON for the structures GastroRef describes, and search over them. No key is needed; "
                    + "each client may make a burst of requests, then about ten a second (429 with Retry-After beyond that). "
                    + "The human guide is at /api.",
            };
            return Task.CompletedTask;
        }));
        return services;
    }

    /// <summary>Any origin may read GET and HEAD answers under /api (preflights included); nothing else changes.</summary>
    public static IApplicationBuilder UseApiCors(this IApplicationBuilder app)
    {
        return app.UseWhen(context => context.Request.Path.StartsWithSegments(ApiPaths, StringComparison.OrdinalIgnoreCase),
            api => api.UseCors(policy => policy.AllowAnyOrigin().WithMethods("GET", "HEAD").AllowAnyHeader().WithExposedHeaders("Retry-After", "ETag")));
    }

    public static IEndpointRouteBuilder MapApiDescription(this IEndpointRouteBuilder endpoints)
    {
        endpoints.MapOpenApi(DocumentPath);
        return endpoints;
    }
}
