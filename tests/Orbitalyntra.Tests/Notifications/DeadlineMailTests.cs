using System.Globalization;
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
    [Theory]
    [InlineData(MailLanguages.French)]
    [InlineData(MailLanguages.English)]
    public async Task Administrators_are_mailed_a_week_before_a_deadline_and_when_it_is_missed_but_agents_are_not(string language)
    {
        var tenantId = await MailPeople.NewTenant(cluster.Client, "Deadline Test");
        var admin = await MailPeople.Person(cluster.Client, tenantId, AgentRole.Admin, language);
        var agent = await MailPeople.Person(cluster.Client, tenantId, AgentRole.Agent, MailLanguages.French);
        var request = await cluster.Client.GetGrain<IPrivacyRequestsGrain>(tenantId).Receive("visitor-1", RequestKind.Access, new Actor("admin", "deadline-mail-test"));

        cluster.Clock.Travel(request.DueAt - cluster.Clock.GetUtcNow() - TimeSpan.FromDays(3));
        var approaching = await MailDev.Received(admin, m => m.Kind() == nameof(NotificationKind.RequestDeadlineApproaching), "the deadline's warning", TimeSpan.FromSeconds(60));
        Assert.Equal(MailTemplates.For(NotificationKind.RequestDeadlineApproaching, language).Subject, approaching.Subject);
        Assert.Contains(request.DueAt.UtcDateTime.ToString(language == MailLanguages.English ? "yyyy-MM-dd" : "dd/MM/yyyy", CultureInfo.InvariantCulture), approaching.TextBody);

        cluster.Clock.Travel(TimeSpan.FromDays(4));
        var missed = await MailDev.Received(admin, m => m.Kind() == nameof(NotificationKind.RequestDeadlineMissed), "the missed deadline", TimeSpan.FromSeconds(60));
        Assert.Equal(MailTemplates.For(NotificationKind.RequestDeadlineMissed, language).Subject, missed.Subject);

        // The reminder ticks again and again: each mail went once.
        cluster.Clock.Travel(TimeSpan.FromHours(2));
        await Eventually.Succeeds(async () => Assert.Contains(
            await cluster.Client.GetGrain<IAuditTrailGrain>(tenantId).Read(null, 100), e => e.Action == "request.overdue"));
        var all = await MailDev.To(admin);
        Assert.Single(all, m => m.Kind() == nameof(NotificationKind.RequestDeadlineApproaching));
        Assert.Single(all, m => m.Kind() == nameof(NotificationKind.RequestDeadlineMissed));
        Assert.Empty(await MailDev.To(agent));
    }
}
