namespace Orbitalyntra.Retention;

/// <summary>How often retention runs (configuration section <c>Retention</c>).</summary>
public sealed class RetentionOptions
{
    public const string Section = "Retention";

    /// <summary>How often each tenant's purge runs: hourly, so that expired data goes within a day of its bucket.</summary>
    public TimeSpan PurgePeriod { get; set; } = TimeSpan.FromHours(1);

    /// <summary>How soon a purge runs after a tenant changed its policy.</summary>
    public TimeSpan AfterPolicyChange { get; set; } = TimeSpan.FromMinutes(1);

    /// <summary>How soon the erasures a lifted legal hold released are tried again when carrying them out failed.</summary>
    public TimeSpan HeldErasureRetryPeriod { get; set; } = TimeSpan.FromMinutes(1);

    /// <summary>How many purge reports a tenant keeps.</summary>
    public int ReportsKept { get; set; } = 50;
}
