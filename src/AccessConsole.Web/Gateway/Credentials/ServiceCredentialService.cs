using AccessConsole.Web.Shared;
using System.Security.Cryptography;
using System.Text.Json;
using AccessConsole.Web.Audit;
using AccessConsole.Web.Data;
using AccessConsole.Web.Security;
using Microsoft.EntityFrameworkCore;

namespace AccessConsole.Web.Gateway.Credentials;

public sealed record ServiceCredentialRow(Guid Id, string Name, string DisplayPrefix, DateTime CreatedAt, string CreatedBy, DateTime? LastUsedAt, DateTime? RevokedAt, string? RevokedBy);

/// <summary>The secret of a new credential: shown to the Admin once, never stored.</summary>
public sealed record CreatedCredential(Guid Id, string Secret);

/// <summary>Admins create and revoke the gateways' credentials; both are audited.</summary>
public sealed class ServiceCredentialService(IDbContextFactory<AccessConsoleDbContext> contexts, ICurrentActor currentActor, TimeProvider clock, ServiceCredentialCache cache)
{
    public const string SecretMarker = "acgw_";

    public async Task<IReadOnlyList<ServiceCredentialRow>> ListAsync(CancellationToken cancellationToken = default)
    {
        (await currentActor.GetAsync()).Require(Policies.Administer);
        await using var db = await contexts.CreateDbContextAsync(cancellationToken);
        return await db.ServiceCredentials.OrderBy(c => c.RevokedAt != null).ThenBy(c => c.Name)
            .Select(c => new ServiceCredentialRow(c.Id, c.Name, c.DisplayPrefix, c.CreatedAt, c.CreatedBy, c.LastUsedAt, c.RevokedAt, c.RevokedBy))
            .ToListAsync(cancellationToken);
    }

    /// <summary>Creates a credential; answers the secret, or a message when the name is not acceptable.</summary>
    public async Task<(CreatedCredential? Created, string? Error)> CreateAsync(string? name, CancellationToken cancellationToken = default)
    {
        var actor = await currentActor.GetAsync();
        actor.Require(Policies.Administer);
        name = name?.Trim() ?? "";
        if (name.Length is < 3 or > 100) return (null, "Name the gateway in 3 to 100 characters.");
        if (FreeText.Problem(name) is { } problem) return (null, problem);

        var secret = SecretMarker + Convert.ToBase64String(RandomNumberGenerator.GetBytes(32)).Replace('+', '-').Replace('/', '_').TrimEnd('=');
        var now = clock.GetUtcNow().UtcDateTime;
        var credential = new ServiceCredential
        {
            Id = Guid.NewGuid(), Name = name, DisplayPrefix = secret[..12], SecretHash = Hash(secret), CreatedAt = now, CreatedBy = actor.Name,
        };
        await AuditLog.WriteAsync(contexts, async db =>
        {
            db.ServiceCredentials.Add(credential);
            await AuditLog.AppendAsync(db, [Event(actor, now, "service-credential.create", credential)], cancellationToken);
        }, cancellationToken);
        return (new CreatedCredential(credential.Id, secret), null);
    }

    public async Task<bool> RevokeAsync(Guid id, CancellationToken cancellationToken = default)
    {
        var actor = await currentActor.GetAsync();
        actor.Require(Policies.Administer);
        var revokedHash = await AuditLog.WriteAsync(contexts, async db =>
        {
            var credential = await db.ServiceCredentials.SingleOrDefaultAsync(c => c.Id == id, cancellationToken);
            if (credential is null || credential.IsRevoked) return ((string?)null, false);
            var now = clock.GetUtcNow().UtcDateTime;
            credential.RevokedAt = now;
            credential.RevokedBy = actor.Name;
            await AuditLog.AppendAsync(db, [Event(actor, now, "service-credential.revoke", credential)], cancellationToken);
            return (credential.SecretHash, true);
        }, cancellationToken);
        if (revokedHash is null) return false;
        cache.Forget(revokedHash);
        return true;
    }

    public static string Hash(string secret) => Convert.ToHexStringLower(SHA256.HashData(System.Text.Encoding.UTF8.GetBytes(secret)));

    private static AuditEvent Event(Actor actor, DateTime now, string action, ServiceCredential credential) => new(actor, now, action)
    {
        SubjectKind = "ServiceCredential",
        SubjectId = credential.Id.ToString("D"),
        SubjectName = credential.Name,
        Details = JsonSerializer.Serialize(new { credential.Name, credential.DisplayPrefix }),
    };
}
