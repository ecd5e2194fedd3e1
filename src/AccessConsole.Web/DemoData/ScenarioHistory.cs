using AccessConsole.Web.Access;
using AccessConsole.Web.Access.Changes;
using AccessConsole.Web.Data;
using AccessConsole.Web.ReasonCodes;
using AccessConsole.Web.Security;
using Microsoft.EntityFrameworkCore;

namespace AccessConsole.Web.DemoData;

/// <summary>
/// The demo's past access changes, made through the access service itself at the times they are dated, so that
/// they obey the same rules and leave real, hash-chained audit events.
/// </summary>
public sealed class ScenarioHistory(IDbContextFactory<AccessConsoleDbContext> contexts, TimeProvider clock) : IDemoHistory
{
    private static readonly Actor Marcus = new("demo:marcus.osei", "Marcus Osei", [Roles.AccountManager]);
    private static readonly Actor Dana = new("demo:dana.whitfield", "Dana Whitfield", [Roles.AccountManager]);
    private static readonly Actor Priya = new("demo:priya.raman", "Priya Raman", [Roles.AccountManager, Roles.Admin]);

    public async Task ApplyAsync(DemoDataOptions options, CancellationToken cancellationToken)
    {
        var now = clock.GetUtcNow().UtcDateTime;
        var pastClock = new SettableClock(now);
        var service = new AccessChangeService(contexts, new FixedActor(Actor.System), pastClock);

        async Task ChangeAsync(int daysAgo, Actor actor, SubjectRef subject, ChangeKind kind, string reason, string justification,
            string? ticket = null, string? clause = null, Restriction? restriction = null, DateTime? until = null)
        {
            pastClock.Now = now.AddDays(-daysAgo).Date.AddHours(14).AddMinutes(daysAgo % 60);
            var version = await VersionAsync(subject, cancellationToken);
            var result = await service.ApplyAsync(new AccessChangeRequest
            {
                Subject = subject, Kind = kind, ExpectedVersion = version, ReasonCode = reason, Justification = justification,
                TicketReference = ticket, PolicyClause = clause, Restriction = restriction, Until = until,
            }, actor, null, cancellationToken);
            if (!result.Succeeded) throw new InvalidOperationException("Demo history refused: " + string.Join("; ", result.Errors.Values));
        }

        var meridian = await OrganizationAsync(DemoCatalog.DisputedOrganization, cancellationToken);
        await ChangeAsync(120, Marcus, meridian, ChangeKind.Restrict, StandardReasonCodes.Capacity,
            "Sustained bursts above the agreed Scale capacity; capped while the capacity plan is renegotiated.",
            ticket: "CAP-1042", restriction: new Restriction { RequestsPerMinute = 500, TokensPerMinute = 200_000 });

        await ChangeAsync(45, Priya, await OrganizationAsync("Ledgerline Resale", cancellationToken), ChangeKind.Restrict, StandardReasonCodes.Resale,
            "Reselling access to unapproved end customers; limited to smaller models until the reseller agreement is signed.",
            ticket: "LEGAL-881", clause: "Commercial Terms §2.3 (no resale)", restriction: new Restriction { ModelFamilies = ["haiku", "sonnet"] });

        await ChangeAsync(30, Marcus, meridian, ChangeKind.Revoke, StandardReasonCodes.NonPayment,
            "Invoices for three months unpaid after three reminders; access suspended under the payment terms.",
            ticket: "FIN-3307", clause: "Commercial Terms §7.1 (payment)");

        await ChangeAsync(10, Priya, await OrganizationAsync("Borealis Machine Learning", cancellationToken), ChangeKind.Restrict, StandardReasonCodes.Capacity,
            "Temporary cap during the regional capacity incident; lifts itself when the incident window ends.",
            ticket: "INC-5120", restriction: new Restriction { RequestsPerMinute = 1_000 }, until: now.AddDays(14).Date);

        await ChangeAsync(3, Dana, await KeyAsync("kestrel-prod", cancellationToken), ChangeKind.Revoke, StandardReasonCodes.KeyExposed,
            "Key found in a public repository commit; revoked at once, the customer was told to rotate to a new key.",
            ticket: "SEC-2291");
    }

    private async Task<SubjectRef> OrganizationAsync(string name, CancellationToken ct)
    {
        await using var db = await contexts.CreateDbContextAsync(ct);
        return new SubjectRef(SubjectKind.Organization, await db.Organizations.Where(o => o.Name == name).Select(o => o.Id).SingleAsync(ct));
    }

    private async Task<SubjectRef> KeyAsync(string name, CancellationToken ct)
    {
        await using var db = await contexts.CreateDbContextAsync(ct);
        return new SubjectRef(SubjectKind.ApiKey, await db.ApiKeys.Where(k => k.Name == name).Select(k => k.Id).SingleAsync(ct));
    }

    private async Task<int> VersionAsync(SubjectRef subject, CancellationToken ct)
    {
        await using var db = await contexts.CreateDbContextAsync(ct);
        return (await SubjectStore.LoadAsync(db, subject, ct))!.Entity.AccessVersion;
    }

    private sealed class SettableClock(DateTime now) : TimeProvider
    {
        public DateTime Now { get; set; } = now;

        public override DateTimeOffset GetUtcNow() => new(Now, TimeSpan.Zero);
    }

    private sealed class FixedActor(Actor actor) : ICurrentActor
    {
        public Task<Actor> GetAsync() => Task.FromResult(actor);
    }
}
