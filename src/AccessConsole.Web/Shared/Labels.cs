using System.ComponentModel.DataAnnotations;
using System.Reflection;
using System.Text;

namespace AccessConsole.Web.Shared;

/// <summary>
/// The words people read for the codes the console stores: enum values and audit actions. The code itself stays
/// visible in a tooltip or the event drawer, for those who search by it.
/// </summary>
public static class Labels
{
    /// <summary>An enum value's <see cref="DisplayAttribute"/> name, or else its name as words in sentence case.</summary>
    public static string Label(this Enum value)
    {
        var name = value.ToString();
        var field = value.GetType().GetField(name, BindingFlags.Public | BindingFlags.Static);
        return field?.GetCustomAttribute<DisplayAttribute>()?.GetName() ?? Spelled.GetValueOrDefault(value) ?? Words(name);
    }

    // Values whose words the name cannot give (acronyms), for enums declared where a Display attribute is not wanted.
    private static readonly Dictionary<Enum, string> Spelled = new()
    {
        [Access.CredentialKind.ApiKey] = "API key",
        [Access.CredentialKind.SubscriptionOAuth] = "Subscription OAuth",
    };

    /// <summary>An audit action (<c>access.revoke</c>) as a person says it.</summary>
    public static string Action(string action) => action switch
    {
        "access.revoke" => "Revoked",
        "access.restrict" => "Restricted",
        "access.restore" => "Restored",
        "access.lift" => "Restriction ended",
        "approval.request" => "Approval requested",
        "approval.approve" => "Approved",
        "approval.reject" => "Rejected",
        "approval.expire" => "Approval expired",
        "bulk.submit" => "Bulk change submitted",
        "schedule.submit" => "Change scheduled",
        "schedule.cancel" => "Scheduled change cancelled",
        "notice.send" => "Notice sent ahead of the change",
        "notice.template-change" => "Notice template changed",
        "audit.export" => "Audit exported",
        "audit.export-undelivered" => "Audit export not delivered",
        "reason-code.add" => "Reason code added",
        "reason-code.retire" => "Reason code retired",
        "service-credential.create" => "Service credential created",
        "service-credential.revoke" => "Service credential revoked",
        "rule.create" => "Rule created",
        "rule.change" => "Rule changed",
        "rule.suspend" => "Rule suspended",
        "rule.resume" => "Rule resumed",
        "rule.remove" => "Rule removed",
        _ => action,
    };

    /// <summary>An audit event's subject kind (<c>OrganizationIntegration</c>, <c>ServiceCredential</c>) as words.</summary>
    public static string SubjectKind(string kind) =>
        Enum.TryParse<Access.SubjectKind>(kind, ignoreCase: false, out var known) && Enum.IsDefined(known) ? known.Label() : Words(kind);

    /// <summary>"FirstPartyClient" as "First party client".</summary>
    private static string Words(string pascalCase)
    {
        var words = new StringBuilder(pascalCase.Length + 4);
        for (var i = 0; i < pascalCase.Length; i++)
        {
            var c = pascalCase[i];
            if (i > 0 && char.IsUpper(c) && !char.IsUpper(pascalCase[i - 1]))
            {
                words.Append(' ').Append(char.ToLowerInvariant(c));
            }
            else words.Append(c);
        }
        return words.ToString();
    }
}
