using Microsoft.AspNetCore.Diagnostics;
using Microsoft.AspNetCore.Http.Features;

namespace GastroRef.Web.Infrastructure;

/// <summary>What a request gets when it cannot get what it asked for. Pages: the error page for exceptions and
/// the not-found page for 404s only (416, 412, 405… pass through with their own status). The API: problem+json
/// for every error. Every method but GET and HEAD: 405 with Allow.</summary>
public static class ErrorResponses
{
    public const string NotFoundPath = "/not-found";

    public const string ErrorPath = "/error";

    /// <summary>The methods every address answers (nothing on the site takes a body).</summary>
    public const string AllowedMethods = "GET, HEAD";

    public static IApplicationBuilder UseGastroRefErrorResponses(this IApplicationBuilder app)
    {
        ArgumentNullException.ThrowIfNull(app);
        app.UseExceptionHandler(ErrorPath);
        app.UseWhen(IsApi, api => api.UseExceptionHandler(new ExceptionHandlerOptions
        {
            ExceptionHandler = context => ProblemAsync(context, StatusCodes.Status500InternalServerError, "Something went wrong on the server; it has been logged."),
        }));
        app.UseStatusCodePages(new StatusCodePagesOptions { HandleAsync = HandleStatusAsync });
        app.Use((context, next) =>
        {
            var method = context.Request.Method;

            // OPTIONS reaches the API for CORS preflights; anywhere else it is refused like any other method.
            if (HttpMethods.IsGet(method) || HttpMethods.IsHead(method) || (HttpMethods.IsOptions(method) && IsApi(context)))
            {
                return next(context);
            }

            context.Response.StatusCode = StatusCodes.Status405MethodNotAllowed;
            context.Response.Headers.Allow = AllowedMethods;
            var message = $"{method} is not allowed here: this site only answers {AllowedMethods}.";
            return IsApi(context) ? ProblemAsync(context, StatusCodes.Status405MethodNotAllowed, message) : context.Response.WriteAsync(message, context.RequestAborted);
        });
        return app;
    }

    /// <summary>Routing in which HEAD finds the endpoint GET finds (RFC 9110: HEAD is GET without the body), so
    /// GET-only endpoints (the API, health) answer HEAD too. The method is HEAD again before the endpoint runs,
    /// so the server sends no body.</summary>
    public static IApplicationBuilder UseGastroRefRouting(this IApplicationBuilder app)
    {
        ArgumentNullException.ThrowIfNull(app);
        app.Use((context, next) =>
        {
            if (HttpMethods.IsHead(context.Request.Method))
            {
                context.Request.Method = HttpMethods.Get;
                context.Items[HeadRequest.Instance] = HeadRequest.Instance;
            }

            return next(context);
        });
        app.UseRouting();
        app.Use((context, next) =>
        {
            if (context.Items.Remove(HeadRequest.Instance))
            {
                context.Request.Method = HttpMethods.Head;
            }

            return next(context);
        });
        return app;
    }

    internal static bool IsApi(HttpContext context) => context.Request.Path.StartsWithSegments("/api", StringComparison.OrdinalIgnoreCase);

    internal static Task ProblemAsync(HttpContext context, int statusCode, string? title = null)
    {
        context.Response.StatusCode = statusCode;
        return Results.Problem(statusCode: statusCode, title: title).ExecuteAsync(context);
    }

    /// <summary>Only for responses that have no body yet (the status-code pages middleware checks).</summary>
    private static Task HandleStatusAsync(StatusCodeContext status)
    {
        var context = status.HttpContext;
        var statusCode = context.Response.StatusCode;
        if (IsApi(context))
        {
            return ProblemAsync(context, statusCode, statusCode == StatusCodes.Status404NotFound ? "There is nothing at this address in the API." : null);
        }

        return statusCode == StatusCodes.Status404NotFound ? ShowNotFoundPageAsync(status) : Task.CompletedTask;
    }

    /// <summary>Runs the not-found page in place of the original address, as UseStatusCodePagesWithReExecute does.</summary>
    private static async Task ShowNotFoundPageAsync(StatusCodeContext status)
    {
        var context = status.HttpContext;
        var request = context.Request;
        var routeValues = context.Features.Get<IRouteValuesFeature>()?.RouteValues;
        var (path, pathBase, query) = (request.Path, request.PathBase, request.QueryString);
        context.Features.Set<IStatusCodeReExecuteFeature>(new StatusCodeReExecuteFeature
        {
            OriginalPath = path.Value ?? "",
            OriginalPathBase = pathBase.Value ?? "",
            OriginalQueryString = query.HasValue ? query.Value : null,
            Endpoint = context.GetEndpoint(),
            RouteValues = routeValues is null ? null : new(routeValues),
        });
        context.SetEndpoint(null);
        routeValues?.Clear();
        request.Path = NotFoundPath;
        request.QueryString = QueryString.Empty;
        try
        {
            await status.Next(context);
        }
        finally
        {
            request.Path = path;
            request.QueryString = query;
            context.Features.Set<IStatusCodeReExecuteFeature?>(null);
        }
    }

    private sealed class HeadRequest
    {
        public static HeadRequest Instance { get; } = new();
    }
}
