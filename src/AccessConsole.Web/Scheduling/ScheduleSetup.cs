using AccessConsole.Web.Bulk.Jobs;

namespace AccessConsole.Web.Scheduling;

public static class ScheduleSetup
{
    /// <summary>Scheduled changes, and the worker that releases each at its time (with the job worker, which applies it).</summary>
    public static void AddScheduledChanges(this WebApplicationBuilder builder)
    {
        var settings = builder.Configuration.GetSection(ScheduleSettings.Section).Get<ScheduleSettings>() ?? new();
        if (settings.PollInterval <= TimeSpan.Zero) throw new InvalidOperationException("ScheduledChanges:PollInterval must be positive.");
        builder.Services.AddSingleton(settings);
        builder.Services.AddSingleton<ScheduleSignal>();
        builder.Services.AddScoped<ScheduledChangeService>();
        var jobs = builder.Configuration.GetSection(ChangeJobSettings.Section).Get<ChangeJobSettings>() ?? new();
        if (jobs.RunInBackground) builder.Services.AddHostedService<ScheduledChangeWorker>();
    }
}
