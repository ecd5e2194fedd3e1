namespace AccessConsole.Web.Approvals;

/// <summary>The <c>Approvals</c> configuration section: which changes need a second person, and for how long a request waits.</summary>
public sealed class ApprovalSettings
{
    public const string Section = "Approvals";

    /// <summary>Revoking an organization on the Enterprise tier needs approval.</summary>
    public bool RevokeEnterpriseOrganization { get; set; } = true;

    /// <summary>A bulk change of more subjects than this needs approval (0: every bulk change).</summary>
    public int BulkSubjectsOver { get; set; } = 25;

    /// <summary>Restoring an organization revoked under a terms reason (see <see cref="TermsReasonsStartWith"/>) needs approval.</summary>
    public bool RestoreRevokedUnderTerms { get; set; } = true;

    /// <summary>
    /// Reason codes that start with one of these are terms reasons; unset means <c>terms-</c>. A configured list replaces
    /// the default (a default array here would have configured items appended to it, not put in its place).
    /// </summary>
    public string[]? TermsReasonsStartWith { get; set; }

    public IReadOnlyList<string> TermsReasonPrefixes => TermsReasonsStartWith is { Length: > 0 } configured ? configured : ["terms-"];

    /// <summary>A request not decided within this time expires and does nothing.</summary>
    public TimeSpan RequestLifetime { get; set; } = TimeSpan.FromHours(72);

    public IEnumerable<string> Problems()
    {
        if (BulkSubjectsOver < 0) yield return $"{Section}:{nameof(BulkSubjectsOver)} must be 0 or more.";
        if (RequestLifetime <= TimeSpan.Zero || RequestLifetime > TimeSpan.FromDays(30))
        {
            yield return $"{Section}:{nameof(RequestLifetime)} must be more than zero and at most 30 days.";
        }
        if (TermsReasonPrefixes.Any(string.IsNullOrWhiteSpace))
        {
            yield return $"{Section}:{nameof(TermsReasonsStartWith)} must not hold an empty prefix (it would match every reason).";
        }
    }
}
