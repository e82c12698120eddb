using Microsoft.Extensions.DependencyInjection;
using Orbitalyntra.Privacy;
using Orbitalyntra.Retention;
using Orbitalyntra.Tests.Infrastructure;
using Orbitalyntra.Tests.Privacy;

namespace Orbitalyntra.Tests.Retention;

/// <summary>
/// A chat cluster whose silos' wall clock the tests move forward by weeks (<see cref="TravellingClock"/>), purging
/// every two seconds, under a service id of its own: its reminders are not seen by the other test clusters, and the
/// reminders table holds only its own rows under that id. Its silos also know the holder that exists only in the tests
/// (<see cref="TestNoteGrain"/>): its export section and its purge count are registered as a feature's would be.
/// </summary>
public sealed class RetentionCluster : ChatCluster
{
    public RetentionCluster()
        : this(new TravellingClock())
    {
    }

    private RetentionCluster(TravellingClock clock)
        : base(services => services
            .AddSingleton<TimeProvider>(clock)
            .AddSingleton(new ExportSection(TestNoteGrain.Section))
            .AddSingleton(new PurgeCounter(TestNoteGrain.Section)), new Dictionary<string, string?>
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
