using Orbitalyntra.Accounts;
using Orbitalyntra.Chat;
using Orbitalyntra.Notifications;
using Orbitalyntra.Privacy;
using Orbitalyntra.Tests.Infrastructure;

namespace Orbitalyntra.Tests.Notifications;

/// <summary>A visitor's erasure while their mail waits (the silo's SMTP server never answers), and what storage and logs hold meanwhile.</summary>
public sealed class VisitorMailErasureTests
{
    [Fact]
    public async Task An_erasure_cancels_the_visitors_pending_mail_and_destroys_their_address_which_no_storage_or_log_ever_holds()
    {
        var clusterId = TestStorage.NewClusterId();
        using var silo = await TestSilo.Start(clusterId, null, new Dictionary<string, string?> { ["Notifications:Smtp:Port"] = ClosedPort.Next().ToString() });
        using var clientHost = await TestClient.Start(clusterId);
        var client = clientHost.Client();
        var tenantId = $"t-{Guid.NewGuid():N}"[..20];
        var tenant = client.GetGrain<ITenantGrain>(tenantId);
        await Eventually.Succeeds(() => tenant.Create(new NewTenant("Mail Test", "contact@example.test", null, null)));
        Assert.True(await tenant.UpdateSettings((await tenant.GetSettings())! with { UnseenReplyMailDelaySeconds = 1 }));

        var visitorId = $"v{Guid.NewGuid():N}"[..25];
        var visitor = new Sender(SenderRole.Visitor, visitorId);
        var subject = new SubjectKey(tenantId, visitorId);
        var email = MailVisitor.NewAddress();
        var key = new ConversationKey(tenantId, Guid.NewGuid());
        var conversation = client.Conversation(key);
        await conversation.Start(visitorId);
        await conversation.Post(new PostMessage("q1", visitor, "Where is my parcel?"));
        var mail = client.VisitorMail(subject);
        Assert.False((await mail.GiveAddress(email, MailLanguages.English))!.Confirmed);
        // What the confirmation link does once the visitor follows it (this silo's mail never leaves it).
        Assert.True(await client.DataSubject(subject).ConfirmMailAddress(email, new Actor("visitor", visitorId)));
        await conversation.Post(new PostMessage("a1", new Sender(SenderRole.Agent, Guid.NewGuid().ToString("N")), "It left this morning."));
        Assert.Equal(TranscriptRequestOutcome.Queued, await mail.RequestTranscript(key.ConversationId));

        var outbox = client.GetGrain<INotificationOutboxGrain>(tenantId);
        await Eventually.Succeeds(async () => Assert.Equal(
            [NotificationKind.VisitorAddressConfirmation, NotificationKind.UnseenReply, NotificationKind.Transcript],
            (await outbox.Pending()).Where(p => p.RecipientId == visitorId).Select(p => p.Kind).Order()));
        var export = await client.SubjectRights(subject).Export(new Actor("visitor", visitorId));
        Assert.Equal(email, export!.Contact!.Email);
        Assert.True(export.Mail!.Confirmed);
        Assert.Empty(await AzuriteScan.Find(email));

        await client.SubjectRights(subject).File(RequestKind.Erasure, new Actor("visitor", visitorId));
        await Eventually.Succeeds(async () => Assert.DoesNotContain(await outbox.Pending(), p => p.RecipientId == visitorId));
        Assert.DoesNotContain(await outbox.Log(), e => e.RecipientId == visitorId);
        Assert.Contains(await outbox.Log(), e => e.Kind == NotificationKind.Transcript && e.Outcome == MailOutcome.NoRecipient);
        Assert.Empty(await mail.Watches());
        Assert.Null(await mail.GetStatus());
        Assert.Null((await client.DataSubject(subject).Read(Actor.System("erasure-test")))!.Contact);
        Assert.Null(await mail.GiveAddress(email, MailLanguages.English));
        Assert.Empty(await AzuriteScan.Find(email));
        Assert.DoesNotContain(CapturedLogs.Instance.Lines, line => line.Contains(email, StringComparison.OrdinalIgnoreCase));
    }
}
