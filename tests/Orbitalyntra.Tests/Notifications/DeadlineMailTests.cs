using Orbitalyntra.Accounts;
using Orbitalyntra.Notifications;
using Orbitalyntra.Privacy;
using Orbitalyntra.Tests.Infrastructure;
using Orbitalyntra.Tests.Privacy;

namespace Orbitalyntra.Tests.Notifications;

/// <summary>
/// The administrators hear of a data-subject request's deadline by mail a week before it and when it is missed, read
/// back from the real SMTP server, on a silo whose clock travels.
/// </summary>
[Collection(TravellingClusterCollection.Name)]
public sealed class DeadlineMailTests(TravellingCluster cluster)
{
    [Fact]
    public async Task Administrators_are_mailed_a_week_before_a_deadline_and_when_it_is_missed_but_agents_are_not()
    {
        var tenantId = $"t-{Guid.NewGuid():N}"[..20];
        var tenant = cluster.Client.GetGrain<ITenantGrain>(tenantId);
        await tenant.Create(new NewTenant("Deadline Test", $"contact@{tenantId}.test", null, null));
        var admin = await Person(tenantId, AgentRole.Admin, "en");
        var agent = await Person(tenantId, AgentRole.Agent, "fr");
        var request = await cluster.Client.GetGrain<IPrivacyRequestsGrain>(tenantId).Receive("visitor-1", RequestKind.Access, new Actor("admin", "deadline-mail-test"));

        cluster.Clock.Travel(request.DueAt - cluster.Clock.GetUtcNow() - TimeSpan.FromDays(3));
        var approaching = await MailDev.Received(admin, m => m.Kind() == nameof(NotificationKind.RequestDeadlineApproaching), "the deadline's warning", TimeSpan.FromSeconds(60));
        Assert.Equal(MailTemplates.For(NotificationKind.RequestDeadlineApproaching, "en").Subject, approaching.Subject);
        Assert.Contains(request.DueAt.UtcDateTime.ToString("yyyy-MM-dd"), approaching.TextBody);

        cluster.Clock.Travel(TimeSpan.FromDays(4));
        var missed = await MailDev.Received(admin, m => m.Kind() == nameof(NotificationKind.RequestDeadlineMissed), "the missed deadline", TimeSpan.FromSeconds(60));
        Assert.Equal(MailTemplates.For(NotificationKind.RequestDeadlineMissed, "en").Subject, missed.Subject);

        // The reminder ticks again and again: each mail went once.
        cluster.Clock.Travel(TimeSpan.FromHours(2));
        await Eventually.Succeeds(async () => Assert.Contains(
            await cluster.Client.GetGrain<IAuditTrailGrain>(tenantId).Read(null, 100), e => e.Action == "request.overdue"));
        var all = await MailDev.To(admin);
        Assert.Single(all, m => m.Kind() == nameof(NotificationKind.RequestDeadlineApproaching));
        Assert.Single(all, m => m.Kind() == nameof(NotificationKind.RequestDeadlineMissed));
        Assert.Empty(await MailDev.To(agent));
    }

    /// <summary>An account holder of the tenant with a mail language; answers their address.</summary>
    private async Task<string> Person(string tenantId, AgentRole role, string language)
    {
        var email = $"{role.ToString().ToLowerInvariant()}-{Guid.NewGuid():N}@{tenantId}.test";
        var agentId = Guid.NewGuid().ToString("N");
        Assert.True(await cluster.Client.GetGrain<ITenantGrain>(tenantId).RegisterAgentEmail(email, agentId));
        var person = cluster.Client.Agent(tenantId, agentId);
        await person.Create(new NewAgent(role.ToString(), email, role, "a long enough password"));
        Assert.True(await person.SetMailPreferences(new MailPreferences(language, [])));
        return email;
    }
}
