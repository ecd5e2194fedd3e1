namespace AccessConsole.Web.Audit.Search;

public sealed record DailyActionCount(DateTime Day, string Action, int Count)
{
    /// <summary>The day as a chart category: text, so that each day gets a band of its own.</summary>
    public string Label => Day.ToString("MM-dd", System.Globalization.CultureInfo.InvariantCulture);
}

/// <summary>The days of a chart, the counts per day and action, and whether earlier days were left out.</summary>
public sealed record ChangesPerDay(IReadOnlyList<DateTime> Days, IReadOnlyList<DailyActionCount> Counts, bool Truncated)
{
    public IEnumerable<string> Actions => Counts.Select(c => c.Action).Distinct().Order();

    /// <summary>One point per day for an action, zero where it had none, so stacked series line up.</summary>
    public IReadOnlyList<DailyActionCount> SeriesOf(string action)
    {
        var byDay = Counts.Where(c => c.Action == action).ToDictionary(c => c.Day.Date, c => c.Count);
        return Days.Select(d => new DailyActionCount(d, action, byDay.GetValueOrDefault(d.Date))).ToList();
    }
}
