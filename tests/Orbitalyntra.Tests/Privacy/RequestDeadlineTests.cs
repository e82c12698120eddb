using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Orbitalyntra.Privacy;
using Orbitalyntra.Tests.Infrastructure;

namespace Orbitalyntra.Tests.Privacy;

/// <summary>A silo whose clock the tests move forward by weeks, and a client of it.</summary>
public sealed class TravellingCluster : IAsyncLifetime
{
    private IHost silo = null!;
    private IHost client = null!;

    public TravellingClock Clock { get; } = new();

    public IClusterClient Client => client.Client();

    public async Task InitializeAsync()
    {
        var clusterId = TestStorage.NewClusterId();
        silo = await TestSilo.Start(clusterId, services => services.AddSingleton<TimeProvider>(Clock));
        client = await TestClient.Start(clusterId);
    }

    public async Task DisposeAsync()
    {
        await client.StopAsync();
        client.Dispose();
        await silo.StopAsync();
        silo.Dispose();
    }
}

[CollectionDefinition(Name)]
public sealed class TravellingClusterCollection : ICollectionFixture<TravellingCluster>
{
    public const string Name = "travelling cluster";
}

/// <summary>Data-subject requests are due one month after receipt; the deadline reminder flags the late ones.</summary>
[Collection(TravellingClusterCollection.Name)]
public sealed class RequestDeadlineTests(TravellingCluster cluster)
{
    private static readonly Actor Admin = new("admin", "deadline-test");

    [Fact]
    public async Task An_open_request_past_its_month_is_flagged_overdue_and_an_extended_one_is_not()
    {
        var tenantId = $"t-{Guid.NewGuid():N}"[..20];
        var desk = cluster.Client.GetGrain<IPrivacyRequestsGrain>(tenantId);
        var late = await desk.Receive("visitor-late", RequestKind.Access, Admin);
        var extended = await desk.Receive("visitor-extended", RequestKind.Portability, Admin);
        var answered = await desk.Receive("visitor-answered", RequestKind.Access, Admin);
        Assert.Equal(late.ReceivedAt.AddMonths(1), late.DueAt);
        await desk.Extend(extended.RequestId, extended.ReceivedAt.AddMonths(3), "Many conversations to review.", Admin);
        await desk.Close(answered.RequestId, RequestStatus.Completed, "Export sent.", Admin);

        cluster.Clock.Travel(TimeSpan.FromDays(32));

        var flagged = await Eventually.Succeeds(async () =>
        {
            var open = await desk.List(openOnly: true);
            Assert.True(open.Single(r => r.RequestId == late.RequestId).Overdue);
            return open;
        }, TimeSpan.FromSeconds(30));
        Assert.False(flagged.Single(r => r.RequestId == extended.RequestId).Overdue);
        Assert.DoesNotContain(flagged, r => r.RequestId == answered.RequestId);
        var trail = await cluster.Client.GetGrain<IAuditTrailGrain>(tenantId).Read(null, 100);
        Assert.Equal(["visitor-late"], trail.Where(e => e.Action == "request.overdue").Select(e => e.SubjectId));

        // Once the first month has passed, it is too late to extend.
        var tooLate = await Assert.ThrowsAsync<ArgumentException>(() => desk.Extend(late.RequestId, late.ReceivedAt.AddMonths(2), "Too late.", Admin));
        Assert.Contains("first deadline has passed", tooLate.Message);
    }

    [Fact]
    public async Task A_deadline_is_extended_once_by_at_most_two_months_with_a_reason()
    {
        var desk = cluster.Client.GetGrain<IPrivacyRequestsGrain>($"t-{Guid.NewGuid():N}"[..20]);
        var request = await desk.Receive("visitor-1", RequestKind.Rectification, Admin);

        var tooFar = await Assert.ThrowsAsync<ArgumentException>(() => desk.Extend(request.RequestId, request.ReceivedAt.AddMonths(3).AddDays(1), "Busy.", Admin));
        Assert.Contains("at most two months", tooFar.Message);
        var noReason = await Assert.ThrowsAsync<ArgumentException>(() => desk.Extend(request.RequestId, request.ReceivedAt.AddMonths(2), " ", Admin));
        Assert.Contains("reason", noReason.Message);
        Assert.Null((await desk.List(openOnly: true)).Single().Extension);

        var extended = (await desk.Extend(request.RequestId, request.ReceivedAt.AddMonths(2), "Waiting for the subject's corrected address.", Admin))!;
        Assert.Equal(request.ReceivedAt.AddMonths(2), extended.Deadline);
        var twice = await Assert.ThrowsAsync<ArgumentException>(() => desk.Extend(request.RequestId, request.ReceivedAt.AddMonths(3), "Again.", Admin));
        Assert.Contains("once", twice.Message);
    }
}
