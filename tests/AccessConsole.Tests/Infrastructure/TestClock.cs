namespace AccessConsole.Tests.Infrastructure;

/// <summary>A clock a test sets by hand.</summary>
public sealed class TestClock(DateTime utcNow) : TimeProvider
{
    public DateTime UtcNow { get; set; } = DateTime.SpecifyKind(utcNow, DateTimeKind.Utc);

    public static TestClock AtRealNow() => new(DateTime.UtcNow);

    public override DateTimeOffset GetUtcNow() => new(UtcNow, TimeSpan.Zero);
}
