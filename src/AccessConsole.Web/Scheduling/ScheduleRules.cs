using AccessConsole.Web.Access.Changes;

namespace AccessConsole.Web.Scheduling;

/// <summary>Checks the time a change takes effect, with a message at its field.</summary>
public static class ScheduleRules
{
    public static readonly TimeSpan Furthest = TimeSpan.FromDays(365);

    public static void Check(Dictionary<string, string> errors, DateTime? takesEffect, DateTime? until, DateTime now)
    {
        if (takesEffect is not { } at) return;
        if (at <= now) errors[ChangeFields.TakesEffect] = $"Choose a time after now ({now:yyyy-MM-dd HH:mm} UTC), or leave it empty to change now.";
        else if (at - now > Furthest) errors[ChangeFields.TakesEffect] = "Choose a time within a year.";
        if (until is { } end && end <= at && !errors.ContainsKey(ChangeFields.Until))
        {
            errors[ChangeFields.Until] = "Choose an end after the time the change takes effect.";
        }
    }
}
