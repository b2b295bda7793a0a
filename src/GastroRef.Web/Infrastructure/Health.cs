using System.Globalization;
using Microsoft.AspNetCore.Diagnostics.HealthChecks;
using Microsoft.Extensions.Diagnostics.HealthChecks;

namespace GastroRef.Web.Infrastructure;

/// <summary><c>/healthz</c> on ASP.NET Core's health checks: 200 with "ok: …" when every check passes (a degraded
/// one included), 503 with the failing checks' public reasons otherwise; GET and HEAD, never cached.</summary>
public static class Health
{
    public const string Path = "/healthz";

    public static IServiceCollection AddGastroRefHealthChecks(this IServiceCollection services)
    {
        services.AddHealthChecks().AddCheck<ConsoleLogHealthCheck>("log");
        return services;
    }

    public static IEndpointConventionBuilder MapGastroRefHealthChecks(this IEndpointRouteBuilder endpoints) =>
        endpoints.MapHealthChecks(Path, new HealthCheckOptions { ResponseWriter = WriteAsync });

    private static Task WriteAsync(HttpContext context, HealthReport report)
    {
        context.Response.ContentType = "text/plain; charset=utf-8";
        var failing = report.Entries.Values.Where(e => e.Status == HealthStatus.Unhealthy).Select(e => e.Description).ToList();
        var text = failing.Count > 0
            ? string.Join("; ", failing)
            : "ok: " + string.Join("; ", report.Entries.Values.Select(e => e.Description));
        return context.Response.WriteAsync(text, context.RequestAborted);
    }

    /// <summary>Degraded (still 200) once the console dropped events because stdout was not read fast enough.</summary>
    private sealed class ConsoleLogHealthCheck(ConsoleLogBuffer console) : IHealthCheck
    {
        public Task<HealthCheckResult> CheckHealthAsync(HealthCheckContext context, CancellationToken cancellationToken = default)
        {
            var dropped = console.Dropped;
            var description = string.Create(CultureInfo.InvariantCulture, $"{dropped} log events dropped");
            var data = new Dictionary<string, object> { ["dropped"] = dropped, ["waiting"] = console.Waiting };
            return Task.FromResult(dropped == 0
                ? HealthCheckResult.Healthy(description, data)
                : HealthCheckResult.Degraded(description + " (stdout is read too slowly)", data: data));
        }
    }
}
