using System.Net.Http.Json;
using MimeKit;
using Orbitalyntra.Accounts;
using Orbitalyntra.Notifications;
using Orbitalyntra.Tests.Infrastructure;
using Orbitalyntra.Tests.Privacy;
using Orbitalyntra.Tests.Retention;

namespace Orbitalyntra.Tests.Notifications;

/// <summary>
/// Administrators who turned retention reports on get, after a purge that removed or held something, the counts by kind
/// of data in their language and nothing about the people: read back from the real SMTP server, on the retention
/// cluster whose clock travels weeks ahead.
/// </summary>
[Collection(RetentionClusterCollection.Name)]
public sealed class RetentionReportMailTests(RetentionCluster cluster)
{
    [Theory]
    [InlineData(MailLanguages.French, "- conversations supprimées : 1", @"- éléments gardés par un gel juridique : [1-9]")]
    [InlineData(MailLanguages.English, "- conversations removed: 1", @"- items kept by a legal hold: [1-9]")]
    public async Task Administrators_who_opted_in_get_the_counts_of_a_purge_in_their_language_and_no_personal_data(string language, string removed, string held)
    {
        var tenant = await cluster.NewTenant();
        await tenant.SetRetention(RetentionTestData.Short);
        using var admin = tenant.AsAdmin();
        (await admin.PutAsJsonAsync($"/api/tenants/{tenant.TenantId}/agents/me/mail-preferences", new { language, optedOut = Array.Empty<string>(), optedIn = new[] { "retentionReports" } }))
            .EnsureSuccessStatusCode();
        var other = await admin.PostAsJsonAsync($"/api/tenants/{tenant.TenantId}/agents",
            new { displayName = "Other admin", email = $"other-{Guid.NewGuid():N}@{tenant.TenantId}.test", password = TenantSession.AdminPassword, role = "admin" });
        var otherAdmin = (await other.Content.ReadFromJsonAsync<AgentProfile>(WebHost.Json))!;
        var person = await TestPerson.Chatting(tenant, "Rita", conversations: 2);
        using var operators = await cluster.Web.SignedInOperator();
        (await operators.PostAsJsonAsync($"/api/operators/tenants/{tenant.TenantId}/holds",
            new { scope = "conversation", targetId = person.Conversations[0].ConversationId.ToString("N"), reason = "Dispute: keep the exchange" })).EnsureSuccessStatusCode();

        cluster.Clock.Travel(TimeSpan.FromDays(31));
        var email = tenant.SignUp.Admin.Email;
        var mail = await MailDev.Received(email, m => m.Kind() == nameof(NotificationKind.RetentionReport) && (m.TextBody ?? "").Contains(removed, StringComparison.Ordinal), "the purge's report", TimeSpan.FromSeconds(60));
        Assert.Equal(MailTemplates.For(NotificationKind.RetentionReport, language).Subject, mail.Subject);
        Assert.Matches(held, mail.TextBody);
        Assert.NotNull(mail.Headers[HeaderId.ListUnsubscribe]);
        foreach (var personal in new[] { person.Name, person.Email, person.SubjectId, person.Said(person.Conversations[1]), person.Conversations[1].ConversationId.ToString("N") })
        {
            Assert.DoesNotContain(personal, mail.TextBody + mail.HtmlBody, StringComparison.OrdinalIgnoreCase);
        }

        // The other administrator did not turn it on; and later purges that keep the same held conversation mail nothing more.
        var outbox = cluster.Client.GetGrain<INotificationOutboxGrain>(tenant.TenantId);
        await Eventually.Succeeds(async () => Assert.Contains(await outbox.Log(), e => e.RecipientId == otherAdmin.AgentId && e.Kind == NotificationKind.RetentionReport && e.Outcome == MailOutcome.OptedOut));
        var queued = await ReportsQueued(outbox);
        var mailed = (await MailDev.To(email)).Count(m => m.Kind() == nameof(NotificationKind.RetentionReport));
        await tenant.PurgedSince(cluster.Clock.GetUtcNow());
        await tenant.PurgedSince(cluster.Clock.GetUtcNow());
        Assert.Equal(queued, await ReportsQueued(outbox));
        Assert.Equal(mailed, (await MailDev.To(email)).Count(m => m.Kind() == nameof(NotificationKind.RetentionReport)));
    }

    /// <summary>How many reports the tenant's purges queued for its administrators (waiting, or split per person).</summary>
    private static async Task<int> ReportsQueued(INotificationOutboxGrain outbox) =>
        (await outbox.Log()).Count(e => e.Kind == NotificationKind.RetentionReport && e.Outcome == MailOutcome.Expanded)
        + (await outbox.Pending()).Count(p => p.Kind == NotificationKind.RetentionReport && p.Audience == Audience.TenantAdmins);
}
