using Orbitalyntra.Benchmarks.Ceiling;
using Orbitalyntra.Benchmarks.Load;
using Orbitalyntra.Tests.Infrastructure;
using Orbitalyntra.Benchmarks.Targets;

namespace Orbitalyntra.Tests.Benchmarks;

/// <summary>
/// A seconds-long run of the benchmark's load generator (no thresholds), so that the benchmark never rots: against the
/// real stack on Azurite and against the ceiling relay, with new conversations starting during the run, every message
/// is delivered once.
/// </summary>
[Collection(ChatClusterCollection.Name)]
public sealed class LoadGeneratorSmokeTests(ChatCluster chat)
{
    private static readonly LoadOptions Smoke = new(4, 20, TimeSpan.FromMilliseconds(500), TimeSpan.FromSeconds(2), NewConversationsPerSecond: 2);

    [Fact]
    public async Task The_load_generator_drives_the_real_stack_without_losing_or_duplicating()
    {
        var result = await new LoadGenerator(chat.Web.Address).Run(Smoke);

        AssertExact(result);
    }

    [Fact]
    public async Task The_load_generator_drives_the_ceiling_relay_without_losing_or_duplicating()
    {
        var url = $"http://127.0.0.1:{FreePort.Next()}";
        await using var relay = CeilingRelay.Build(url);
        await relay.StartAsync();

        var result = await new LoadGenerator(new Uri(url + "/")).Run(Smoke);

        AssertExact(result);
    }

    private static void AssertExact(LoadResult result)
    {
        Assert.True(result.Sent > 30, $"sent {result.Sent}");
        Assert.Equal(result.Sent, result.Acknowledged);
        Assert.Equal(0, result.FailedSends);
        Assert.Equal(0, result.Lost);
        Assert.Equal(0, result.Duplicated);
        Assert.True(result.ConversationsStarted > 0, $"started {result.ConversationsStarted}");
        Assert.Equal(0, result.FailedStarts);
        Assert.True(result.DeliveredPerSecond > 0);
    }
}
