using AccessConsole.Web.Access;
using AccessConsole.Web.Access.Changes;
using AccessConsole.Web.Data;
using AccessConsole.Web.Organizations;
using Microsoft.EntityFrameworkCore;

namespace AccessConsole.Web.Approvals;

/// <summary>What the rules need to know of one subject of a change, as it is now.</summary>
public sealed record SubjectFacts(SubjectKind Kind, string Name, Tier? Tier, AccessState State, string? ReasonCode);

/// <summary>
/// Decides which changes need a second person's approval, from configuration. Answers the rules that apply, in
/// words (none: the change needs no approval).
/// </summary>
public sealed class ApprovalRules(ApprovalSettings settings)
{
    private const int NamesShown = 3;

    public TimeSpan RequestLifetime => settings.RequestLifetime;

    public IReadOnlyList<string> Apply(ChangeKind kind, IReadOnlyCollection<SubjectFacts> subjects, bool isBulk)
    {
        var rules = new List<string>();
        if (isBulk && subjects.Count > settings.BulkSubjectsOver)
        {
            rules.Add($"a bulk change of {subjects.Count:N0} subject{(subjects.Count == 1 ? "" : "s")} (more than {settings.BulkSubjectsOver:N0})");
        }
        if (kind == ChangeKind.Revoke && settings.RevokeEnterpriseOrganization)
        {
            var enterprise = subjects.Where(s => s.Kind == SubjectKind.Organization && s.Tier == Tier.Enterprise).ToList();
            if (enterprise.Count > 0) rules.Add($"revoking an Enterprise organization ({Names(enterprise)})");
        }
        if (kind == ChangeKind.Restore && settings.RestoreRevokedUnderTerms)
        {
            var terms = subjects.Where(s => s.Kind == SubjectKind.Organization && s.State == AccessState.Revoked && IsApprovalReason(s.ReasonCode)).ToList();
            if (terms.Count > 0) rules.Add($"restoring an organization revoked under a terms reason ({Names(terms)})");
        }
        return rules;
    }

    /// <summary>The rules that apply to one change of one subject, read from the database.</summary>
    public async Task<IReadOnlyList<string>> NeededForAsync(IDbContextFactory<AccessConsoleDbContext> contexts, AccessChangeRequest request, CancellationToken ct)
    {
        await using var db = await contexts.CreateDbContextAsync(ct);
        var subject = await SubjectStore.LoadAsync(db, request.Subject, ct);
        return subject is null ? [] : Apply(request.Kind, [FactsOf(subject)], isBulk: false);
    }

    public static SubjectFacts FactsOf(LoadedSubject subject) => new(
        subject.Ref.Kind, subject.Name, subject.Ref.Kind == SubjectKind.Organization ? subject.OrganizationTier : null,
        subject.Entity.AccessState, subject.Entity.AccessReasonCode);

    public static string NeedsApprovalMessage(IReadOnlyList<string> rules) =>
        $"This change needs a second person's approval: {string.Join("; ", rules)}.";

    private bool IsApprovalReason(string? code) =>
        code is not null && settings.TermsReasonPrefixes.Any(prefix => code.StartsWith(prefix, StringComparison.OrdinalIgnoreCase));

    private static string Names(IReadOnlyList<SubjectFacts> subjects) =>
        string.Join(", ", subjects.Take(NamesShown).Select(s => s.Name)) + (subjects.Count > NamesShown ? $" and {subjects.Count - NamesShown:N0} more" : "");
}
