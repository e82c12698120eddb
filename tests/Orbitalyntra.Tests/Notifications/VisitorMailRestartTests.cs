using Orbitalyntra.Notifications;
using Orbitalyntra.Tests.Infrastructure;

namespace Orbitalyntra.Tests.Notifications;

/// <summary>Stops and restarts the whole cluster while a reply waits to be mailed, so it has a cluster of its own.</summary>
public sealed class VisitorMailRestartTests : IAsyncLifetime
{
    private readonly ChatCluster chat = new();

    public Task InitializeAsync() => chat.InitializeAsync();

    public Task DisposeAsync() => chat.DisposeAsync();

    [Fact]
    public async Task A_reply_watched_when_the_cluster_stops_is_mailed_once_after_it_starts_again()
    {
        var visitor = await MailVisitor.Start(chat, delaySeconds: 5);
        await visitor.Say("Hello, anyone?");
        await visitor.GiveConfirmedAddress(MailLanguages.English);
        var reply = await visitor.Reply("Answered just before the restart.");
        await Eventually.Succeeds(async () => Assert.Single(await visitor.Mail.Watches()));

        await chat.StopSilos();
        await chat.StartSilos();

        // No timer survives the restart: the reminder brings the watch back (test silos check every 2 s).
        await visitor.Received(NotificationKind.UnseenReply, reply.Text);
        await Eventually.Succeeds(async () => Assert.Empty(await visitor.Mail.Watches()));
        var outbox = chat.Client.GetGrain<INotificationOutboxGrain>(visitor.Tenant.TenantId);
        await Eventually.Succeeds(async () => Assert.Empty(await outbox.Pending()));
        Assert.Single(await visitor.All(NotificationKind.UnseenReply));
    }
}
