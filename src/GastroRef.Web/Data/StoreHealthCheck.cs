using Microsoft.Extensions.Diagnostics.HealthChecks;

namespace GastroRef.Web.Data;

/// <summary>Healthy once the store is ready, is not being rebuilt, and the content folder was readable. The reason given when it is not
/// is public: it is the error's headline, never a path or the underlying message (the log has those).</summary>
internal sealed class StoreHealthCheck(StoreState state) : IHealthCheck
{
    internal const string WithheldReason = "the content or the store cannot be read";

    public Task<HealthCheckResult> CheckHealthAsync(HealthCheckContext context, CancellationToken cancellationToken = default) =>
        Task.FromResult(
            state.StoreFault is { } fault ? HealthCheckResult.Unhealthy(PublicReason(fault))
            : state.ContentError is { } error ? HealthCheckResult.Unhealthy(PublicReason(error))
            : !state.IsReady ? HealthCheckResult.Unhealthy("starting: the store is being seeded")
            : HealthCheckResult.Healthy($"content version {state.Version}, {state.Problems.Count(p => p.IsError)} content errors"));

    internal static string PublicReason(string error)
    {
        var headline = error.Split(':', 2)[0];
        var reason = headline.Contains('/', StringComparison.Ordinal) || headline.Contains('\\', StringComparison.Ordinal) ? WithheldReason : headline;
        return $"{reason} (the site's log says why)";
    }
}
