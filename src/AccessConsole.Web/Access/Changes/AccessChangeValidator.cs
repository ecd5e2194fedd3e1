using AccessConsole.Web.Shared;

namespace AccessConsole.Web.Access.Changes;

/// <summary>
/// Checks a change's own fields (not the database): every problem gets a message at its field.
/// </summary>
public static class AccessChangeValidator
{
    public const int JustificationMin = 10;
    public const int JustificationMax = 2000;
    public const int TicketMax = 100;
    public const int PolicyClauseMax = 200;
    public const int CapMax = 1_000_000_000;
    public static readonly TimeSpan UntilMax = TimeSpan.FromDays(3 * 365);

    public static Dictionary<string, string> Validate(AccessChangeRequest request, DateTime now)
    {
        var errors = new Dictionary<string, string>();
        if (string.IsNullOrWhiteSpace(request.ReasonCode)) errors[ChangeFields.Reason] = "Choose a reason.";

        var justification = request.Justification?.Trim() ?? "";
        if (justification.Length == 0) errors[ChangeFields.Justification] = "Write a justification.";
        else if (justification.Length < JustificationMin) errors[ChangeFields.Justification] = $"Write at least {JustificationMin} characters.";
        else if (justification.Length > JustificationMax) errors[ChangeFields.Justification] = $"Keep it to {JustificationMax:N0} characters (it has {justification.Length:N0}).";
        else if (FreeText.Problem(justification, multiline: true) is { } problem) errors[ChangeFields.Justification] = problem;

        CheckOptionalText(errors, ChangeFields.Ticket, request.TicketReference, TicketMax);
        CheckOptionalText(errors, ChangeFields.PolicyClause, request.PolicyClause, PolicyClauseMax);
        Notices.NoticeOutbox.Check(errors, request.Notice);

        if (request.Until is { } until)
        {
            if (until <= now) errors[ChangeFields.Until] = "Choose a time in the future.";
            else if (until - now > UntilMax) errors[ChangeFields.Until] = "Choose a time within three years.";
        }

        if (request.Kind == ChangeKind.Restrict) CheckRestriction(errors, request.Restriction);
        if (request.Kind == ChangeKind.Restore && request.Until is not null)
        {
            errors[ChangeFields.Until] = "A restore is permanent; it cannot lift itself.";
        }
        return errors;
    }

    private static void CheckRestriction(Dictionary<string, string> errors, Restriction? restriction)
    {
        if (restriction is null || restriction.IsEmpty)
        {
            errors[ChangeFields.Restriction] = "Choose at least one limit: purposes, models, clients, credential kinds or caps.";
            return;
        }
        if (restriction.Purposes is { Count: 0 }) errors[ChangeFields.Purposes] = "Allow at least one purpose, or revoke instead.";
        if (restriction.ModelFamilies is { Count: 0 }) errors[ChangeFields.ModelFamilies] = "Allow at least one model family, or revoke instead.";
        else if (restriction.ModelFamilies?.FirstOrDefault(m => !ModelFamilies.All.Contains(m)) is { } unknown)
        {
            errors[ChangeFields.ModelFamilies] = $"Unknown model family '{unknown}'.";
        }
        if (restriction.Integrations is { Count: 0 }) errors[ChangeFields.Clients] = "Allow at least one client, or revoke instead.";
        if (restriction.CredentialKinds is { Count: 0 }) errors[ChangeFields.CredentialKinds] = "Allow at least one credential kind, or revoke instead.";
        if (restriction.Purposes?.Any(p => !Enum.IsDefined(p)) == true) errors[ChangeFields.Purposes] = "Unknown purpose.";
        if (restriction.CredentialKinds?.Any(k => !Enum.IsDefined(k)) == true) errors[ChangeFields.CredentialKinds] = "Unknown credential kind.";
        CheckCap(errors, ChangeFields.RequestsPerMinute, restriction.RequestsPerMinute);
        CheckCap(errors, ChangeFields.TokensPerMinute, restriction.TokensPerMinute);
    }

    private static void CheckCap(Dictionary<string, string> errors, string field, int? cap)
    {
        if (cap is null) return;
        if (cap <= 0) errors[field] = "A cap must be at least 1; to stop all calls, revoke instead.";
        else if (cap > CapMax) errors[field] = $"A cap must be at most {CapMax:N0}.";
    }

    private static void CheckOptionalText(Dictionary<string, string> errors, string field, string? text, int max)
    {
        if (text is null) return;
        var trimmed = text.Trim();
        if (trimmed.Length > max) errors[field] = $"Keep it to {max} characters (it has {trimmed.Length:N0}).";
        else if (FreeText.Problem(trimmed) is { } problem) errors[field] = problem;
    }
}
