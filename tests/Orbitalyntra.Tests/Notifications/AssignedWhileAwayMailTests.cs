using System.Net;
using System.Net.Http.Json;
using MimeKit;
using Orbitalyntra.Accounts;
using Orbitalyntra.Notifications;
using Orbitalyntra.Tests.Infrastructure;

namespace Orbitalyntra.Tests.Notifications;

/// <summary>
/// An agent who turned on "assigned while away" is mailed, in their language, when a conversation is transferred to them
/// while they are away or offline: no message text, a link to the console, an unsubscribe link that works. Read back from
/// the real SMTP server (MailDev).
/// </summary>
[Collection(ChatClusterCollection.Name)]
public sealed class AssignedWhileAwayMailTests(ChatCluster chat)
{
    private sealed record Agent(string AgentId, string Email, HttpClient Http);

    [Theory]
    [InlineData(MailLanguages.French)]
    [InlineData(MailLanguages.English)]
    public async Task An_agent_who_opted_in_is_mailed_a_conversation_given_to_them_while_away_and_no_one_else_is(string language)
    {
        var tenant = await chat.NewTenant();
        var away = await NewAgent(tenant, "away", language, optIn: true);
        var offline = await NewAgent(tenant, "offline", language, optIn: false);
        var online = await NewAgent(tenant, "online", language, optIn: true);
        await Presence(tenant, away, "away");
        await Presence(tenant, online, "online");
        var (conversation, visitorToken) = await tenant.VisitorConversation();
        var secret = $"my order number is {Guid.NewGuid():N}";
        using (var visitor = tenant.Bearer(visitorToken))
        {
            (await visitor.PostAsJsonAsync($"/api/tenants/{tenant.TenantId}/conversations/{conversation.ConversationId}/messages", new { clientMessageId = "said", text = secret }))
                .EnsureSuccessStatusCode();
        }

        await Transfer(tenant, conversation.ConversationId, away);
        var mail = await MailDev.Received(away.Email, m => m.Kind() == nameof(NotificationKind.AssignedWhileAway), "the conversation that waits");
        Assert.Equal(MailTemplates.For(NotificationKind.AssignedWhileAway, language).Subject, mail.Subject);
        Assert.Contains("/console/", mail.TextBody);
        Assert.Contains("<a href=", mail.HtmlBody);
        Assert.DoesNotContain(secret, mail.TextBody + mail.HtmlBody, StringComparison.Ordinal);
        Assert.DoesNotContain(conversation.ConversationId.ToString("N"), mail.TextBody + mail.HtmlBody, StringComparison.OrdinalIgnoreCase);
        Assert.NotNull(mail.Headers[HeaderId.ListUnsubscribe]);

        // Off by default: the agent who did not turn it on is not mailed; the online agent is not even queued a mail.
        await Transfer(tenant, conversation.ConversationId, offline);
        await Transfer(tenant, conversation.ConversationId, online);
        var outbox = chat.Client.GetGrain<INotificationOutboxGrain>(tenant.TenantId);
        await Eventually.Succeeds(async () => Assert.Contains(await outbox.Log(), e => e.RecipientId == offline.AgentId && e.Outcome == MailOutcome.OptedOut));
        Assert.DoesNotContain(await outbox.Log(), e => e.RecipientId == online.AgentId);
        Assert.DoesNotContain(await outbox.Pending(), p => p.RecipientId == online.AgentId);
        Assert.Empty(await MailDev.To(offline.Email));
        Assert.Empty(await MailDev.To(online.Email));

        // One click on the mail's unsubscribe link turns it off again: the next conversation given while away is not mailed.
        var link = new Uri(mail.Headers[HeaderId.ListUnsubscribe]!.Trim('<', '>'));
        Assert.Equal(HttpStatusCode.NoContent, (await chat.Web.Http.PostAsync(link.PathAndQuery, new StringContent("List-Unsubscribe=One-Click"))).StatusCode);
        var preferences = await away.Http.GetFromJsonAsync<MailPreferences>($"/api/tenants/{tenant.TenantId}/agents/me/mail-preferences", WebHost.Json);
        Assert.DoesNotContain(MailTopic.AssignedWhileAway, preferences!.OptedIn ?? []);
        await Transfer(tenant, conversation.ConversationId, away);
        await Eventually.Succeeds(async () => Assert.Contains(await outbox.Log(), e => e.RecipientId == away.AgentId && e.Outcome == MailOutcome.OptedOut));
        Assert.Single(await MailDev.To(away.Email));
    }

    [Fact]
    public async Task Topics_in_the_wrong_list_are_refused_and_change_nothing()
    {
        var tenant = await chat.NewTenant();
        using var admin = tenant.AsAdmin();
        var path = $"/api/tenants/{tenant.TenantId}/agents/me/mail-preferences";
        var bad = await admin.PutAsJsonAsync(path, new { language = "en", optedOut = Array.Empty<string>(), optedIn = new[] { "serviceUpdates" } });
        Assert.Equal(HttpStatusCode.BadRequest, bad.StatusCode);
        Assert.Equal("application/problem+json", bad.Content.Headers.ContentType?.MediaType);
        var offTwice = await admin.PutAsJsonAsync(path, new { language = "en", optedOut = new[] { "assignedWhileAway" } });
        Assert.Equal(HttpStatusCode.BadRequest, offTwice.StatusCode);
        var kept = await admin.GetFromJsonAsync<MailPreferences>(path, WebHost.Json);
        Assert.Equal(MailLanguages.French, kept!.Language);
        Assert.Empty(kept.OptedIn ?? []);
    }

    private async Task<Agent> NewAgent(TenantSession tenant, string name, string language, bool optIn)
    {
        var email = $"{name}-{Guid.NewGuid():N}@{tenant.TenantId}.test";
        using var admin = tenant.AsAdmin();
        var created = await admin.PostAsJsonAsync($"/api/tenants/{tenant.TenantId}/agents",
            new { displayName = name, email, password = TenantSession.AdminPassword, role = "agent" });
        created.EnsureSuccessStatusCode();
        var profile = (await created.Content.ReadFromJsonAsync<AgentProfile>(WebHost.Json))!;
        var http = tenant.Bearer(await TenantSession.SignIn(chat.Web, tenant.TenantId, email, TenantSession.AdminPassword));
        string[] optedIn = optIn ? ["assignedWhileAway"] : [];
        (await http.PutAsJsonAsync($"/api/tenants/{tenant.TenantId}/agents/me/mail-preferences", new { language, optedOut = Array.Empty<string>(), optedIn }))
            .EnsureSuccessStatusCode();
        return new Agent(profile.AgentId, email, http);
    }

    private static async Task Presence(TenantSession tenant, Agent agent, string status) =>
        (await agent.Http.PutAsJsonAsync($"/api/tenants/{tenant.TenantId}/presence", new { status, capacity = 5 })).EnsureSuccessStatusCode();

    private static async Task Transfer(TenantSession tenant, Guid conversationId, Agent to)
    {
        using var admin = tenant.AsAdmin();
        (await admin.PostAsJsonAsync($"/api/tenants/{tenant.TenantId}/conversations/{conversationId}/transfer", new { agentId = to.AgentId }))
            .EnsureSuccessStatusCode();
    }
}
