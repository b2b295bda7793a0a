using GastroRef.Web.Discovery;
using GastroRef.Web.Infrastructure;
using Microsoft.Extensions.DependencyInjection.Extensions;

namespace GastroRef.Web.Practice;

/// <summary>Practice sets for other programs: JSON, and Anki decks. Both spend the client's request budget, since
/// each answer is built per request.</summary>
public static class PracticeApi
{
    /// <summary>A missing seed means this one, so that <c>/api/practice?structures=soleus</c> is still a fixed set.</summary>
    public const int DefaultSeed = 1;

    public sealed record PracticeSetJson(IReadOnlyList<PracticeQuestion> Questions);

    public static IServiceCollection AddPractice(this IServiceCollection services)
    {
        services.AddSingleton<PracticeBank>();
        services.TryAddSingleton<IPracticePlates, AtlasPracticePlates>();
        return services;
    }

    public static IEndpointRouteBuilder MapPracticeApi(this IEndpointRouteBuilder endpoints)
    {
        endpoints.MapGet("/api/practice", async (HttpContext context, PracticeBank bank, CancellationToken cancellationToken) =>
        {
            var snapshot = await bank.GetAsync(cancellationToken);
            var request = snapshot.Parse(context.Request.Query, DefaultSeed, out var errors);
            return request is null ? Problem(errors!) : Results.Ok(new PracticeSetJson(snapshot.Select(request)));
        }).RequireRateLimiting(RequestLimits.SearchPolicy);

        endpoints.MapGet("/api/practice/anki", async (HttpContext context, PracticeBank bank, SiteUrls urls, TimeProvider time, CancellationToken cancellationToken) =>
        {
            var snapshot = await bank.GetAsync(cancellationToken);
            var request = snapshot.Parse(context.Request.Query, DefaultSeed, out var errors);
            if (request is null)
            {
                return Problem(errors!);
            }

            // A card cannot show the plate with its shapes, and a plate question told in words gives its answer away,
            // so decks leave identify questions out (the set page says so beside the download).
            var package = AnkiPackage.Build([.. snapshot.Select(request).Where(q => q.Kind != PracticeKinds.Identify)], snapshot.Graph, urls.BaseUrl(context.Request), time.GetUtcNow());
            return Results.File(package, "application/apkg", $"gastroref-practice-{request.Seed}.apkg");
        }).RequireRateLimiting(RequestLimits.SearchPolicy);
        return endpoints;
    }

    private static IResult Problem(PracticeRequestErrors errors) =>
        Results.Problem(
            statusCode: StatusCodes.Status400BadRequest,
            title: "This practice set cannot be made.",
            detail: string.Join(" ", errors.Messages),
            extensions: new Dictionary<string, object?>
            {
                ["unknownStructures"] = errors.UnknownStructures,
                ["unknownKinds"] = errors.UnknownKinds,
                ["errors"] = errors.Messages,
            });
}
