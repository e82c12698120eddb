using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using Orbitalyntra.Accounts;
using Orbitalyntra.Chat;
using Orbitalyntra.Integrations;
using Orbitalyntra.Privacy;
using Orbitalyntra.Tests.Infrastructure;
using Orbitalyntra.Web.Apis;
using Orbitalyntra.Web.Security;

namespace Orbitalyntra.Tests.Integrations;

/// <summary>The API for CRMs (issue 15): contacts written by the tenant's user id, conversations and transcripts read, with scoped keys.</summary>
[Collection(ChatClusterCollection.Name)]
public sealed class CrmApiTests(ChatCluster chat) : IAsyncLifetime
{
    private readonly WebhookSubscriptions subscriptions = new(chat);

    public Task InitializeAsync() => Task.CompletedTask;

    public async Task DisposeAsync() => await subscriptions.DisposeAsync();

    [Fact]
    public async Task A_CRM_upserts_a_verified_visitors_contact_by_their_user_id_and_a_receiver_gets_contact_updated()
    {
        var tenant = await chat.NewTenant();
        await using var receiver = await WebhookReceiver.Start();
        await subscriptions.Subscribe(tenant, receiver, [WebhookEvents.ContactUpdated], includeText: false);
        var visitorId = await VerifiedVisitor(tenant, "crm-user-4711");
        using var crm = await Key(tenant, ApiKeyScopes.ContactsWrite);

        var named = await crm.PutAsJsonAsync(Contacts(tenant), new { externalId = "crm-user-4711", name = "Zoé Martin", email = "zoe@example.test" });
        Assert.Equal(HttpStatusCode.OK, named.StatusCode);
        Assert.Equal(visitorId, (await named.Content.ReadFromJsonAsync<CrmApi.ContactUpserted>(WebHost.Json))!.SubjectId);
        // Upsert: a field left out stays as it was.
        Assert.Equal(HttpStatusCode.OK, (await crm.PutAsJsonAsync(Contacts(tenant), new { externalId = "crm-user-4711", email = "zoe.martin@example.test" })).StatusCode);

        var profile = (await Subject(tenant, visitorId).Read(Actor.System("test")))!;
        Assert.Equal(new ContactDetails("Zoé Martin", "zoe.martin@example.test"), profile.Contact);
        await Eventually.Holds(() => receiver.Accepted.Count(r => r.Type == WebhookEvents.ContactUpdated) >= 2, "two contact.updated events", TimeSpan.FromSeconds(60));
        var events = receiver.Accepted.Where(r => r.Type == WebhookEvents.ContactUpdated).ToList();
        Assert.All(events, e => Assert.Equal(visitorId, e.Data.GetProperty("subjectId").GetString()));
        Assert.Equal(["name", "email"], events[0].Data.GetProperty("changed").EnumerateArray().Select(f => f.GetString()));
        Assert.Equal(["email"], events[1].Data.GetProperty("changed").EnumerateArray().Select(f => f.GetString()));
        Assert.All(receiver.All, r => Assert.True(r.Verified, r.VerificationError));

        // The user id is never stored or put in the audit trail: the trail names the key, not the user.
        var audit = await tenant.AsAdmin().GetStringAsync($"/api/tenants/{tenant.TenantId}/audit");
        Assert.DoesNotContain("crm-user-4711", audit, StringComparison.Ordinal);
        Assert.Empty(await AzuriteScan.Find("crm-user-4711"));
    }

    [Fact]
    public async Task Unknown_and_unverified_user_ids_are_the_same_404_and_bad_bodies_are_400()
    {
        var tenant = await chat.NewTenant();
        var anonymous = await subscriptions.VisitorConversation(tenant, crmConsent: true);
        using var crm = await Key(tenant, ApiKeyScopes.ContactsWrite);

        var unknown = await crm.PutAsJsonAsync(Contacts(tenant), new { externalId = "nobody", name = "Zoé" });
        // An anonymous visitor's own id is not a user id of the tenant: the visitor never came verified.
        var unverified = await crm.PutAsJsonAsync(Contacts(tenant), new { externalId = anonymous.Visitor.Id, name = "Zoé" });
        Assert.Equal(HttpStatusCode.NotFound, unknown.StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, unverified.StatusCode);
        Assert.Equal(await Said(unknown), await Said(unverified));

        foreach (var body in new object[] { new { name = "Zoé" }, new { externalId = "nobody" }, new { externalId = "nobody", email = "not an address" } })
        {
            Assert.Equal(HttpStatusCode.BadRequest, (await crm.PutAsJsonAsync(Contacts(tenant), body)).StatusCode);
        }

        Assert.Null((await Subject(tenant, anonymous.Visitor.Id).Read(Actor.System("test")))!.Contact);
    }

    [Fact]
    public async Task A_restricted_objecting_or_erased_visitors_contact_is_refused_and_unchanged()
    {
        var tenant = await chat.NewTenant();
        using var crm = await Key(tenant, ApiKeyScopes.ContactsWrite);
        var restricted = await VerifiedVisitor(tenant, "restricted-user");
        var objecting = await VerifiedVisitor(tenant, "objecting-user");
        var erased = await VerifiedVisitor(tenant, "erased-user");
        await Subject(tenant, restricted).SetRestriction(true, Actor.System("test"));
        await Subject(tenant, objecting).SetObjection(true, Actor.System("test"));
        await Subject(tenant, erased).OrderErasure(Actor.System("test"));

        foreach (var user in new[] { "restricted-user", "objecting-user" })
        {
            var refused = await crm.PutAsJsonAsync(Contacts(tenant), new { externalId = user, name = "Zoé" });
            Assert.Equal(HttpStatusCode.Conflict, refused.StatusCode);
        }

        Assert.Equal(HttpStatusCode.Gone, (await crm.PutAsJsonAsync(Contacts(tenant), new { externalId = "erased-user", name = "Zoé" })).StatusCode);
        Assert.Null((await Subject(tenant, restricted).Read(Actor.System("test")))!.Contact);
        Assert.Null((await Subject(tenant, objecting).Read(Actor.System("test")))!.Contact);
    }

    [Fact]
    public async Task A_CRM_reads_a_conversation_and_its_transcript_without_private_notes()
    {
        var tenant = await chat.NewTenant();
        var (conversation, visitorToken) = await tenant.VisitorConversation();
        var path = $"/api/tenants/{tenant.TenantId}/conversations/{conversation.ConversationId}";
        using (var visitor = tenant.Bearer(visitorToken))
        {
            (await visitor.PostAsJsonAsync($"{path}/messages", new { clientMessageId = "v1", text = "My order is late" })).EnsureSuccessStatusCode();
        }

        using var admin = tenant.AsAdmin();
        (await admin.PostAsJsonAsync($"{path}/notes", new { clientMessageId = "n1", text = "VIP customer, be quick" })).EnsureSuccessStatusCode();
        (await admin.PostAsJsonAsync($"{path}/messages", new { clientMessageId = "a1", text = "It ships today" })).EnsureSuccessStatusCode();
        using var crm = await Key(tenant, ApiKeyScopes.ConversationsRead);

        var summary = (await crm.GetFromJsonAsync<ConversationSummary>(path, WebHost.Json))!;
        var transcript = (await crm.GetFromJsonAsync<MessagePage>($"{path}/messages", WebHost.Json))!;
        var staffs = (await admin.GetFromJsonAsync<MessagePage>($"{path}/messages", WebHost.Json))!;

        Assert.Equal(conversation.ConversationId, summary.ConversationId);
        Assert.Equal(staffs.LastSequence, summary.LastSequence);
        Assert.Equal(["My order is late", "It ships today"], transcript.Messages.Select(m => m.Text));
        Assert.Equal(staffs.Messages.Where(m => !m.IsNote).Select(m => (m.Sequence, m.Text)), transcript.Messages.Select(m => (m.Sequence, m.Text)));
        Assert.DoesNotContain("VIP", await crm.GetStringAsync($"{path}/messages"), StringComparison.Ordinal);
    }

    private static async Task<(string?, string?)> Said(HttpResponseMessage response)
    {
        var problem = await response.Content.ReadFromJsonAsync<JsonElement>();
        return (problem.GetProperty("title").GetString(), problem.GetProperty("detail").GetString());
    }

    private static string Contacts(TenantSession tenant) => $"/api/tenants/{tenant.TenantId}/crm/contacts";

    private IDataSubjectGrain Subject(TenantSession tenant, string visitorId) => chat.Client.DataSubject(new SubjectKey(tenant.TenantId, visitorId));

    /// <summary>A visitor whose identity the tenant's server verified as <paramref name="userId"/>, consenting to CRM sync, with a conversation.</summary>
    private async Task<string> VerifiedVisitor(TenantSession tenant, string userId)
    {
        var secret = (await tenant.AsAdmin().GetFromJsonAsync<WidgetApi.IdentitySecret>($"/api/tenants/{tenant.TenantId}/identity-secret", WebHost.Json))!.Secret;
        var response = await chat.Web.Http.PostAsJsonAsync(
            "/api/widget/visitor-tokens", new { widgetKey = tenant.SignUp.WidgetKey, userId, userHash = IdentityVerification.Sign(secret, userId) });
        response.EnsureSuccessStatusCode();
        var visitor = (await response.Content.ReadFromJsonAsync<WidgetApi.VisitorToken>(WebHost.Json))!;
        await Subject(tenant, visitor.VisitorId).RecordConsent(ConsentPurpose.CrmSync, true, "test", Actor.System("test"));
        await tenant.StartConversation(visitor.AccessToken);
        return visitor.VisitorId;
    }

    private static async Task<HttpClient> Key(TenantSession tenant, string scope)
    {
        using var admin = tenant.AsAdmin();
        var response = await admin.PostAsJsonAsync($"/api/tenants/{tenant.TenantId}/api-keys", new { label = "crm", scopes = new[] { scope } });
        Assert.Equal(HttpStatusCode.Created, response.StatusCode);
        return tenant.WithApiKey((await response.Content.ReadFromJsonAsync<IssuedApiKey>(WebHost.Json))!.Key);
    }
}
