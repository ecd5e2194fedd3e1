using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Diagnostics.HealthChecks;

namespace AccessConsole.Web.Data;

/// <summary>Ready when the database answers a query against the schema.</summary>
public sealed class DatabaseHealthCheck(IDbContextFactory<AccessConsoleDbContext> contexts) : IHealthCheck
{
    public async Task<HealthCheckResult> CheckHealthAsync(HealthCheckContext context, CancellationToken cancellationToken = default)
    {
        try
        {
            await using var db = await contexts.CreateDbContextAsync(cancellationToken);
            await db.ReasonCodes.AnyAsync(cancellationToken);
            return HealthCheckResult.Healthy("database reachable");
        }
        catch (Exception e)
        {
            return HealthCheckResult.Unhealthy("database unreachable: " + e.GetType().Name);
        }
    }
}
