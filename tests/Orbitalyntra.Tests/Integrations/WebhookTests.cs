using System.Net;
using System.Net.Http.Json;
using Microsoft.AspNetCore.Http;
using Orbitalyntra.Chat;
using Orbitalyntra.Integrations;
using Orbitalyntra.Privacy;
using Orbitalyntra.Tests.Infrastructure;
using StandardWebhooks;
using Orbitalyntra.Tests.Chat;
using static Orbitalyntra.Tests.Infrastructure.WebhookReceiver;
using static Orbitalyntra.Tests.Integrations.WebhookSubscriptions;

namespace Orbitalyntra.Tests.Integrations;

/// <summary>Webhooks to a real receiver on loopback that verifies them with the StandardWebhooks package.</summary>
[Collection(ChatClusterCollection.Name)]
public sealed class WebhookTests(ChatCluster chat) : IAsyncLifetime
{
    private readonly WebhookSubscriptions subscriptions = new(chat);

    public Task InitializeAsync() => Task.CompletedTask;

    public async Task DisposeAsync() => await subscriptions.DisposeAsync();

    [Fact]
    public async Task Every_delivery_verifies_with_a_Standard_Webhooks_library_and_a_tampered_body_or_an_old_timestamp_does_not()
    {
        var tenant = await chat.NewTenant();
        await using var receiver = await WebhookReceiver.Start();
        var endpoint = await Subscribe(tenant, receiver, [WebhookEvents.MessageCreated], includeText: true);
        Assert.StartsWith("whsec_", endpoint.Secret);
        Assert.Equal(32, Convert.FromBase64String(endpoint.Secret["whsec_".Length..]).Length);

        var admin = tenant.AsAdmin();
        var test = await (await admin.PostAsync($"{Webhooks(tenant)}/{endpoint.Endpoint.EndpointId}/test", null)).Content.ReadFromJsonAsync<JsonEventId>(WebHost.Json);
        var testEvent = await receiver.AcceptedOne(r => r.Id == test!.EventId, "the test event");
        Assert.Equal(WebhookEvents.Test, testEvent.Type);

        var conversation = await VisitorConversation(tenant, crmConsent: true);
        await chat.Conversation(conversation.Key).Stored(new PostMessage("m1", conversation.Visitor, "Bonjour, où est ma commande ?"));
        var message = await receiver.AcceptedOne(r => r.Type == WebhookEvents.MessageCreated, "the message's event");
        Assert.Equal("Bonjour, où est ma commande ?", message.Data.GetProperty("text").GetString());
        Assert.Equal(conversation.Key.ConversationId, message.Data.GetProperty("conversationId").GetGuid());
        Assert.All(receiver.All, r => Assert.True(r.Verified, r.VerificationError));

        // The same request with one character of the body changed, and a request the library itself signs with an old
        // timestamp: the library refuses both.
        var tampered = message.Body.Replace("Bonjour", "Bonsoir", StringComparison.Ordinal);
        Assert.NotNull(WebhookReceiver.Verify([endpoint.Secret], tampered, Headers(message.Id, message.Timestamp, message.Signature)));
        var old = DateTimeOffset.UtcNow.AddMinutes(-10);
        var oldSignature = new StandardWebhook(endpoint.Secret).Sign(message.Id, old, message.Body);
        var stale = WebhookReceiver.Verify([endpoint.Secret], message.Body, Headers(message.Id, old.ToUnixTimeSeconds().ToString(), oldSignature));
        Assert.NotNull(stale);
        Assert.Null(WebhookReceiver.Verify([endpoint.Secret], message.Body, Headers(message.Id, message.Timestamp, message.Signature)));

        // A rotation: while two secrets are active, each request carries two signatures and each secret verifies it alone.
        var rotated = await (await admin.PostAsync($"{Webhooks(tenant)}/{endpoint.Endpoint.EndpointId}/secrets", null)).Content.ReadFromJsonAsync<IssuedWebhookSecret>(WebHost.Json);
        Assert.Equal(2, rotated!.Endpoint.SecretIds.Count);
        receiver.Secrets = [rotated.Secret];
        await chat.Conversation(conversation.Key).Stored(new PostMessage("m2", conversation.Visitor, "Merci"));
        var second = await receiver.AcceptedOne(r => r.Type == WebhookEvents.MessageCreated && r.Data.GetProperty("sequence").GetInt64() == 2, "the second message");
        Assert.Equal(2, second.Signature.Split(' ').Length);

        // Each signature, presented alone, verifies under its own secret. (The StandardWebhooks package 1.1.2 checks only
        // the first signature of the header, not each as the specification says; so the receiver verifies the whole header
        // with the newest secret, which signs first.)
        var signatures = second.Signature.Split(' ');
        Assert.Null(WebhookReceiver.Verify([rotated.Secret], second.Body, Headers(second.Id, second.Timestamp, second.Signature)));
        Assert.Null(WebhookReceiver.Verify([rotated.Secret], second.Body, Headers(second.Id, second.Timestamp, signatures[0])));
        Assert.Null(WebhookReceiver.Verify([endpoint.Secret], second.Body, Headers(second.Id, second.Timestamp, signatures[1])));
        Assert.NotNull(WebhookReceiver.Verify([endpoint.Secret], second.Body, Headers(second.Id, second.Timestamp, signatures[0])));

        var ended = await (await admin.DeleteAsync($"{Webhooks(tenant)}/{endpoint.Endpoint.EndpointId}/secrets/previous")).Content.ReadFromJsonAsync<WebhookEndpoint>(WebHost.Json);
        Assert.Equal([rotated.Endpoint.SecretIds[0]], ended!.SecretIds);
        var log = await admin.GetFromJsonAsync<List<WebhookDelivery>>($"{Webhooks(tenant)}/{endpoint.Endpoint.EndpointId}/deliveries", WebHost.Json);
        Assert.Contains(log!, d => d.EventId == test!.EventId && d.Status == DeliveryStatus.Delivered && d.HttpStatus == 200);
    }

    [Fact]
    public async Task A_receiver_answering_500_then_timing_out_gets_the_event_again_with_the_same_id_and_the_conversation_in_order()
    {
        var tenant = await chat.NewTenant();
        await using var receiver = await WebhookReceiver.Start();
        var endpoint = await Subscribe(tenant, receiver, [WebhookEvents.MessageCreated], includeText: false);
        receiver.Script(Answer.ServerError, Answer.TooSlow);

        var conversation = await VisitorConversation(tenant, crmConsent: true);
        var grain = chat.Conversation(conversation.Key);
        for (var i = 1; i <= 5; i++)
        {
            await grain.Stored(new PostMessage($"o{i}", i % 2 == 0 ? new Sender(SenderRole.Agent, "agent-1") : conversation.Visitor, $"message {i}"));
        }

        await Eventually.Holds(() => receiver.Accepted.Count >= 5, "five messages accepted", TimeSpan.FromSeconds(60));
        var first = receiver.All[0];
        Assert.Equal([Answer.ServerError, Answer.TooSlow, Answer.Ok], receiver.All.Where(r => r.Id == first.Id).Select(r => r.Answered));
        Assert.Equal([1L, 2, 3, 4, 5], receiver.Accepted.Select(r => r.Data.GetProperty("sequence").GetInt64()));
        Assert.Equal(receiver.Accepted.Select(r => r.Id).Distinct().Count(), receiver.Accepted.Count);
        Assert.All(receiver.All, r => Assert.True(r.Verified, r.VerificationError));
        Assert.All(receiver.Accepted, r => Assert.False(r.Data.TryGetProperty("text", out var text) && text.ValueKind != System.Text.Json.JsonValueKind.Null));

        var log = await tenant.AsAdmin().GetFromJsonAsync<List<WebhookDelivery>>($"{Webhooks(tenant)}/{endpoint.Endpoint.EndpointId}/deliveries", WebHost.Json);
        var attempts = log!.Where(d => d.EventId == first.Id).OrderBy(d => d.Attempt).ToList();
        Assert.Equal([DeliveryStatus.Failed, DeliveryStatus.Failed, DeliveryStatus.Delivered], attempts.Select(d => d.Status));
        Assert.Equal(500, attempts[0].HttpStatus);
        Assert.Null(attempts[1].HttpStatus);
    }

    [Fact]
    public async Task Private_notes_and_messages_of_a_visitor_without_consent_restricted_or_objecting_are_not_sent()
    {
        var tenant = await chat.NewTenant();
        await using var receiver = await WebhookReceiver.Start();
        await Subscribe(tenant, receiver, [WebhookEvents.MessageCreated], includeText: true);

        var withoutConsent = await VisitorConversation(tenant, crmConsent: false);
        var restricted = await VisitorConversation(tenant, crmConsent: true);
        var objecting = await VisitorConversation(tenant, crmConsent: true);
        var consenting = await VisitorConversation(tenant, crmConsent: true);
        await Subject(tenant, restricted.Visitor).SetRestriction(true, Actor.System("test"));
        await Subject(tenant, objecting.Visitor).SetObjection(true, Actor.System("test"));
        foreach (var conversation in new[] { withoutConsent, restricted, objecting, consenting })
        {
            await chat.Conversation(conversation.Key).Stored(new PostMessage("v", conversation.Visitor, "visible"));
            await chat.Conversation(conversation.Key).Stored(new PostMessage("n", new Sender(SenderRole.Agent, "agent-1"), "staff only", IsNote: true));
            await chat.Conversation(conversation.Key).Stored(new PostMessage("a", new Sender(SenderRole.Agent, "agent-1"), "answer"));
        }

        // The consenting visitor's conversation is delivered after the others were passed over (each conversation in
        // order, and they were written first): once its answer is in, nothing else is on its way.
        await receiver.AcceptedOne(r => r.Data.GetProperty("conversationId").GetGuid() == consenting.Key.ConversationId && r.Data.GetProperty("sequence").GetInt64() == 3, "the consenting visitor's answer");
        await Task.WhenAll(new[] { withoutConsent, restricted, objecting }.Select(c => chat.Conversation(c.Key).Stored(new PostMessage("late", c.Visitor, "still here"))));
        await chat.Conversation(consenting.Key).Stored(new PostMessage("last", consenting.Visitor, "last"));
        await receiver.AcceptedOne(r => r.Data.GetProperty("conversationId").GetGuid() == consenting.Key.ConversationId && r.Data.GetProperty("sequence").GetInt64() == 4, "the consenting visitor's last message");
        Assert.All(receiver.All, r => Assert.Equal(consenting.Key.ConversationId, r.Data.GetProperty("conversationId").GetGuid()));
        Assert.Equal([1L, 3, 4], receiver.All.Select(r => r.Data.GetProperty("sequence").GetInt64()));
        Assert.DoesNotContain(receiver.All, r => r.Body.Contains("staff only", StringComparison.Ordinal));
    }

    [Fact]
    public async Task An_erased_subject_produces_subject_erased_and_nothing_about_them_after_it()
    {
        var tenant = await chat.NewTenant();
        await using var receiver = await WebhookReceiver.Start();
        var endpoint = await Subscribe(tenant, receiver, [WebhookEvents.MessageCreated, WebhookEvents.SubjectErased], includeText: true);
        var conversation = await VisitorConversation(tenant, crmConsent: true);
        await chat.Conversation(conversation.Key).Stored(new PostMessage("before", conversation.Visitor, "before"));
        await receiver.AcceptedOne(r => r.Type == WebhookEvents.MessageCreated, "the message before the erasure");

        // The receiver is down while the erasure happens: the agent's later message waits in the delivery, then must not go.
        receiver.Script(Answer.ServerError);
        await chat.Conversation(conversation.Key).Stored(new PostMessage("agent", new Sender(SenderRole.Agent, "agent-1"), "an answer about them"));
        await Eventually.Holds(() => receiver.All.Count >= 2, "the failed attempt");
        var subject = new SubjectKey(tenant.TenantId, conversation.Visitor.Id);
        await chat.Client.SubjectRights(subject).File(RequestKind.Erasure, Actor.System("test"));

        var erased = await receiver.AcceptedOne(r => r.Type == WebhookEvents.SubjectErased, "subject.erased");
        Assert.Equal(conversation.Visitor.Id, erased.Data.GetProperty("subjectId").GetString());
        await chat.Conversation(conversation.Key).Stored(new PostMessage("after", new Sender(SenderRole.Agent, "agent-1"), "after"));

        // The conversation's delivery is done with both later messages (its cursor is past them, nothing waits): had either
        // been sent, the receiver would have it, since a message is done with only after the receiver accepted it.
        var delivery = subscriptions.Delivery(tenant, endpoint.Endpoint.EndpointId, conversation.Key.ConversationId);
        await Eventually.Succeeds(async () => Assert.Equal(new WebhookDeliveryProgress(3, 0, 0, true), await delivery.Progress()));
        var afterErasure = receiver.Accepted.SkipWhile(r => r.Type != WebhookEvents.SubjectErased).Skip(1);
        Assert.DoesNotContain(afterErasure, r => r.Type == WebhookEvents.MessageCreated && r.Data.GetProperty("conversationId").GetGuid() == conversation.Key.ConversationId);
        Assert.Single(receiver.Accepted, r => r.Data.TryGetProperty("conversationId", out var id) && id.GetGuid() == conversation.Key.ConversationId);
        Assert.Equal(2, receiver.All.Count(r => r.Type == WebhookEvents.MessageCreated));
    }

    [Fact]
    public async Task Bad_endpoints_are_refused_with_problem_details_and_change_nothing_and_only_administrators_manage_them()
    {
        var tenant = await chat.NewTenant();
        var admin = tenant.AsAdmin();
        foreach (var (body, field) in new (object, string)[]
        {
            (new { url = "not a url", eventTypes = new[] { WebhookEvents.MessageCreated } }, "url"),
            (new { url = "ftp://crm.example/hooks", eventTypes = new[] { WebhookEvents.MessageCreated } }, "url"),
            (new { url = "https://user:pw@crm.example/hooks", eventTypes = new[] { WebhookEvents.MessageCreated } }, "url"),
            (new { url = "https://crm.example/hooks", eventTypes = new[] { "message.deleted" } }, "eventTypes"),
            (new { url = "https://crm.example/hooks", eventTypes = Array.Empty<string>() }, "eventTypes"),
        })
        {
            var response = await admin.PostAsJsonAsync(Webhooks(tenant), body);
            Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
            Assert.Equal("application/problem+json", response.Content.Headers.ContentType?.MediaType);
            Assert.Contains($"\"{field}\"", await response.Content.ReadAsStringAsync());
        }

        Assert.Empty((await admin.GetFromJsonAsync<List<WebhookEndpoint>>(Webhooks(tenant), WebHost.Json))!);
        var created = await (await admin.PostAsJsonAsync(Webhooks(tenant), new { url = "https://crm.example/hooks", eventTypes = new[] { WebhookEvents.MessageCreated } })).Content.ReadFromJsonAsync<IssuedWebhookSecret>(WebHost.Json);
        var badUpdate = await admin.PutAsJsonAsync($"{Webhooks(tenant)}/{created!.Endpoint.EndpointId}", new { url = "https://crm.example/hooks", eventTypes = new[] { "nope" } });
        Assert.Equal(HttpStatusCode.BadRequest, badUpdate.StatusCode);
        var kept = Assert.Single((await admin.GetFromJsonAsync<List<WebhookEndpoint>>(Webhooks(tenant), WebHost.Json))!);
        Assert.Equal([WebhookEvents.MessageCreated], kept.Settings.EventTypes);
        Assert.DoesNotContain("whsec_", await admin.GetStringAsync(Webhooks(tenant)));
        Assert.Equal(HttpStatusCode.NotFound, (await admin.PostAsync($"{Webhooks(tenant)}/nope/test", null)).StatusCode);

        var visitor = tenant.Bearer((await tenant.NewVisitor()).AccessToken);
        Assert.NotEqual(HttpStatusCode.OK, (await visitor.GetAsync(Webhooks(tenant))).StatusCode);
        var other = await chat.NewTenant();
        Assert.Equal(HttpStatusCode.NotFound, (await other.AsAdmin().GetAsync(Webhooks(tenant))).StatusCode);
    }

    private sealed record JsonEventId(string EventId);

    private static HeaderDictionary Headers(string id, string timestamp, string signature) => new()
    {
        ["webhook-id"] = id,
        ["webhook-timestamp"] = timestamp,
        ["webhook-signature"] = signature,
    };

    private Task<IssuedWebhookSecret> Subscribe(TenantSession tenant, WebhookReceiver receiver, string[] eventTypes, bool includeText) =>
        subscriptions.Subscribe(tenant, receiver, eventTypes, includeText);

    private IDataSubjectGrain Subject(TenantSession tenant, Sender visitor) => subscriptions.Subject(tenant, visitor);

    private Task<VisitorChat> VisitorConversation(TenantSession tenant, bool crmConsent) => subscriptions.VisitorConversation(tenant, crmConsent);
}
