using Orbitalyntra.Accounts;
using Orbitalyntra.Notifications;
using Orbitalyntra.Privacy;
using Orbitalyntra.Tests.Infrastructure;

namespace Orbitalyntra.Tests.Notifications;

/// <summary>The outbox across a silo killed between queueing and sending, and across an erasure while mail waits.</summary>
public sealed class OutboxCrashTests
{
    [Fact]
    public async Task A_mail_queued_on_a_silo_killed_before_sending_arrives_once_with_its_message_id()
    {
        var clusterId = TestStorage.NewClusterId();
        var delayed = new Dictionary<string, string>
        {
            ["Notifications__FirstAttemptDelay"] = "00:00:05",
            ["Notifications__RetryCheckPeriod"] = "00:00:02",
            ["Notifications__PollPeriod"] = "00:00:00.200",
            ["Privacy__ErasureRetryPeriod"] = "00:00:02",
        };
        await using var first = SiloProcess.Start(clusterId, delayed);
        await using var second = SiloProcess.Start(clusterId, delayed);
        using var clientHost = await TestClient.Start(clusterId);
        var client = clientHost.Client();
        var management = client.GetGrain<IManagementGrain>(0);
        await Eventually.Succeeds(async () => Assert.True(
            (await management.GetHosts(onlyActive: true)).Count == 2, $"both silos joined\n{first.RecentOutput}\n{second.RecentOutput}"));

        var (tenantId, email) = await NewTenantWithAdmin(client);
        var tenant = client.GetGrain<ITenantGrain>(tenantId);
        await Eventually.Succeeds(() => tenant.IssueApiKey("initial", [ApiKeyScopes.Admin]));
        var key = await tenant.IssueApiKey("queued before the crash", [ApiKeyScopes.Admin]);
        var outbox = client.GetGrain<INotificationOutboxGrain>(tenantId);
        var host = await management.GetActivationAddress(outbox);
        Assert.NotNull(host);
        (host.Endpoint.Port == first.SiloPort ? first : second).Kill();

        // Death detection, the reminder range moving to the survivor and its first tick: as long as SiloKillTests allows under load.
        var received = await MailDev.Received(email, m => m.Kind() == nameof(NotificationKind.ApiKeyCreated), "the alert queued before the crash", TimeSpan.FromMinutes(2));
        Assert.Contains(key.Summary.KeyId, received.TextBody);

        // Once the outbox logged it as sent and nothing waits, nothing can send it again: then it must have arrived once.
        await Eventually.Succeeds(async () =>
        {
            Assert.Contains(await outbox.Log(), e => e.Outcome == MailOutcome.Sent && received.MessageId!.StartsWith(e.Id.ToString("N"), StringComparison.Ordinal));
            Assert.Empty(await outbox.Pending());
        });
        Assert.Single(await MailDev.To(email), m => m.MessageId == received.MessageId);
    }

    [Fact]
    public async Task An_erasure_cancels_the_subjects_pending_mail_and_no_address_is_ever_stored_in_the_outbox()
    {
        // A silo whose SMTP server never answers: the mail stays pending, retried.
        var clusterId = TestStorage.NewClusterId();
        using var silo = await TestSilo.Start(clusterId, null, new Dictionary<string, string?> { ["Notifications:Smtp:Port"] = ClosedPort.Next().ToString() });
        using var clientHost = await TestClient.Start(clusterId);
        var client = clientHost.Client();
        var (tenantId, email) = await NewTenantWithAdmin(client);
        var tenant = client.GetGrain<ITenantGrain>(tenantId);
        await tenant.IssueApiKey("initial", [ApiKeyScopes.Admin]);
        await tenant.IssueApiKey("second", [ApiKeyScopes.Admin]);
        var outbox = client.GetGrain<INotificationOutboxGrain>(tenantId);
        var pending = await Eventually.Succeeds(async () =>
        {
            var waiting = Assert.Single(await outbox.Pending());
            Assert.True(waiting.Attempts >= 1);
            return waiting;
        });
        Assert.Empty(await AzuriteScan.Find(email));

        var subject = new SubjectKey(tenantId, pending.RecipientId!);
        await client.GetGrain<ISubjectRightsGrain>(subject.ToString()).File(RequestKind.Erasure, new Actor("admin", "erasure-test"));
        await Eventually.Succeeds(async () => Assert.Empty(await outbox.Pending()));
        var log = await outbox.Log();
        Assert.Contains(log, e => e.Id == pending.Id && e.Outcome == MailOutcome.NoRecipient && e.RecipientId is null);
        Assert.DoesNotContain(log, e => e.RecipientId == subject.SubjectId);
        Assert.Empty(await AzuriteScan.Find(email));
    }

    private static async Task<(string TenantId, string Email)> NewTenantWithAdmin(IClusterClient client)
    {
        var tenantId = $"t-{Guid.NewGuid():N}"[..20];
        var email = $"admin-{Guid.NewGuid():N}@{tenantId}.test";
        var tenant = client.GetGrain<ITenantGrain>(tenantId);
        await Eventually.Succeeds(() => tenant.Create(new NewTenant("Mail Test", "contact@example.test", null, null)));
        var agentId = Guid.NewGuid().ToString("N");
        Assert.True(await tenant.RegisterAgentEmail(email, agentId));
        Assert.NotNull(await client.Agent(tenantId, agentId).Create(new NewAgent("Ada", email, AgentRole.Admin, "a long enough password")));
        return (tenantId, email);
    }
}
