using Orbitalyntra.Tests.Infrastructure;

namespace Orbitalyntra.Tests.Retention;

/// <summary>
/// A chat cluster whose silos' wall clock the tests move forward by weeks (<see cref="TravellingClock"/>), purging
/// every two seconds, under a service id of its own: its reminders are not seen by the other test clusters, and the
/// reminders table holds only its own rows under that id.
/// </summary>
public sealed class RetentionCluster : ChatCluster
{
    public RetentionCluster()
        : this(new TravellingClock())
    {
    }

    private RetentionCluster(TravellingClock clock)
        : base(clock, new Dictionary<string, string?>
        {
            ["Orleans:ServiceId"] = $"orbitalyntra-retention-{Guid.NewGuid():N}",
            ["Retention:PurgePeriod"] = TestStorage.ReminderPeriod.ToString(),
            ["Retention:AfterPolicyChange"] = TestStorage.ReminderPeriod.ToString(),
        })
    {
        Clock = clock;
    }

    public TravellingClock Clock { get; }

    /// <summary>
    /// Starts the silos again after <see cref="ChatCluster.StopSilos"/>. Orleans numbers a silo's generation from the
    /// real time but judges it against the minimum generation it derives from the silo's clock, so a silo joining with
    /// its clock weeks ahead counts itself dead: the silos join on the real time, then travel back to where they were.
    /// </summary>
    public async Task StartSilosOnTheirClock()
    {
        var travelled = Clock.Travelled;
        Clock.Travel(-travelled);
        try
        {
            await StartSilos();
        }
        finally
        {
            Clock.Travel(travelled);
        }
    }
}

[CollectionDefinition(Name)]
public sealed class RetentionClusterCollection : ICollectionFixture<RetentionCluster>
{
    public const string Name = "retention cluster";
}
