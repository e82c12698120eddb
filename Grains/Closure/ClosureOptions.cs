namespace Orbitalyntra.Closure;

/// <summary>Closing tenants (configuration section <c>Closure</c>), per deployment.</summary>
public sealed class ClosureOptions
{
    public const string Section = "Closure";

    /// <summary>How long a closed tenant can be exported and reopened before everything of it is deleted.</summary>
    public TimeSpan GracePeriod { get; set; } = TimeSpan.FromDays(30);

    /// <summary>
    /// How often a closed tenant's reminder checks whether its grace period is over, and then how often a deletion pass
    /// runs until one finds nothing left.
    /// </summary>
    public TimeSpan CheckPeriod { get; set; } = TimeSpan.FromHours(1);
}
