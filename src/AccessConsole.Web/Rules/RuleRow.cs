using AccessConsole.Web.Approvals;
using AccessConsole.Web.Bulk.Jobs;

namespace AccessConsole.Web.Rules;

/// <summary>
/// A rule as the list and its page show it: the rule, its scope in words, and its changes waiting for their time.
/// A rule created with a later Takes effect is listed before it exists, from its proposal (<see cref="Creation"/>).
/// </summary>
public sealed record RuleRow(RuleView Rule, string ScopeText, IReadOnlyList<ScheduledRuleChange> Scheduled, ScheduledRuleChange? Creation = null)
{
    public const string ScheduledState = "Scheduled";

    public string StateText => Creation is null ? Rule.State.ToString() : ScheduledState;

    /// <summary>The rule's page, or for a rule not created yet its request's.</summary>
    public string Href => Creation is { } creation ? RequestLinks.Of(JobOrigin.Rule, creation.JobId) : $"/policies/{Rule.Id}";

    public string? ApproverText => Creation is { Approved: false } ? "awaiting approval" : Rule.ApproverName;

    /// <summary>When the rule takes effect (not created yet) or ends, and what is scheduled for it, in words.</summary>
    public IReadOnlyList<string> WhenTexts
    {
        get
        {
            var texts = new List<string>();
            if (Creation is { } creation) texts.Add($"takes effect {creation.TakesEffectAt:yyyy-MM-dd HH:mm} UTC");
            if (Rule.EndsText is { } ends) texts.Add(ends);
            texts.AddRange(Scheduled.Select(c => c.Text));
            return texts;
        }
    }

    /// <summary>In force first, then those scheduled to be created, suspended, removed.</summary>
    public int Order => Creation is not null ? 1 : Rule.State switch { RuleState.Active => 0, RuleState.Suspended => 2, _ => 3 };
}
