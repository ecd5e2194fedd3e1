using AccessConsole.Web.Shared;
using System.Text.Json;
using System.Text.RegularExpressions;
using AccessConsole.Web.Audit;
using AccessConsole.Web.Data;
using AccessConsole.Web.Security;
using Microsoft.EntityFrameworkCore;

namespace AccessConsole.Web.ReasonCodes;

public sealed record ReasonCodeRow(string Code, string Label, bool IsRetired);

/// <summary>The managed list of reasons. Admins add and retire them; every change to the list is audited.</summary>
public sealed partial class ReasonCodeService(IDbContextFactory<AccessConsoleDbContext> contexts, ICurrentActor currentActor, TimeProvider clock)
{
    public async Task<IReadOnlyList<ReasonCodeRow>> ListAsync(bool includeRetired, CancellationToken cancellationToken = default)
    {
        (await currentActor.GetAsync()).Require(Policies.ViewCustomers);
        await using var db = await contexts.CreateDbContextAsync(cancellationToken);
        return await db.ReasonCodes.Where(r => includeRetired || !r.IsRetired)
            .OrderBy(r => r.IsRetired).ThenBy(r => r.Label)
            .Select(r => new ReasonCodeRow(r.Code, r.Label, r.IsRetired))
            .ToListAsync(cancellationToken);
    }

    /// <summary>Adds a reason; answers the messages per field, empty when it was added.</summary>
    public async Task<IReadOnlyDictionary<string, string>> AddAsync(string? code, string? label, CancellationToken cancellationToken = default)
    {
        var actor = await currentActor.GetAsync();
        actor.Require(Policies.Administer);
        var errors = new Dictionary<string, string>();
        code = code?.Trim().ToLowerInvariant() ?? "";
        label = label?.Trim() ?? "";
        if (!CodeShape().IsMatch(code)) errors["Code"] = "Use 3 to 64 lower-case letters, digits and dashes.";
        if (label.Length is < 3 or > 200) errors["Label"] = "Write a label of 3 to 200 characters.";
        else if (FreeText.Problem(label) is { } problem) errors["Label"] = problem;
        if (errors.Count > 0) return errors;

        return await AuditLog.WriteAsync<IReadOnlyDictionary<string, string>>(contexts, async db =>
        {
            if (await db.ReasonCodes.AnyAsync(r => r.Code == code, cancellationToken))
            {
                return (new Dictionary<string, string> { ["Code"] = "This code exists already." }, false);
            }
            var now = clock.GetUtcNow().UtcDateTime;
            db.ReasonCodes.Add(new ReasonCode { Code = code, Label = label, CreatedAt = now });
            await AuditLog.AppendAsync(db, [Event(actor, now, "reason-code.add", code, label)], cancellationToken);
            return (errors, true);
        }, cancellationToken);
    }

    /// <summary>Retires a reason: it can no longer be chosen, and stays readable on the events that cite it.</summary>
    public async Task<bool> RetireAsync(string code, CancellationToken cancellationToken = default)
    {
        var actor = await currentActor.GetAsync();
        actor.Require(Policies.Administer);
        return await AuditLog.WriteAsync(contexts, async db =>
        {
            var reason = await db.ReasonCodes.SingleOrDefaultAsync(r => r.Code == code, cancellationToken);
            if (reason is null || reason.IsRetired) return (false, false);
            var now = clock.GetUtcNow().UtcDateTime;
            reason.IsRetired = true;
            await AuditLog.AppendAsync(db, [Event(actor, now, "reason-code.retire", reason.Code, reason.Label)], cancellationToken);
            return (true, true);
        }, cancellationToken);
    }

    private static AuditEvent Event(Actor actor, DateTime now, string action, string code, string label) => new(actor, now, action)
    {
        SubjectKind = "ReasonCode",
        SubjectId = code,
        SubjectName = label,
        Details = JsonSerializer.Serialize(new { code, label }),
    };

    [GeneratedRegex("^[a-z0-9][a-z0-9-]{2,63}$")]
    private static partial Regex CodeShape();
}
