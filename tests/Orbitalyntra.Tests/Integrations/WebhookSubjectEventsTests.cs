using Orbitalyntra.Integrations;
using Orbitalyntra.Privacy;
using Orbitalyntra.Tests.Infrastructure;

namespace Orbitalyntra.Tests.Integrations;

/// <summary>A person's record's changes as webhook events (issue 15), to a real receiver that verifies them with the StandardWebhooks package.</summary>
[Collection(ChatClusterCollection.Name)]
public sealed class WebhookSubjectEventsTests(ChatCluster chat) : IAsyncLifetime
{
    private readonly WebhookSubscriptions subscriptions = new(chat);

    public Task InitializeAsync() => Task.CompletedTask;

    public async Task DisposeAsync() => await subscriptions.DisposeAsync();

    [Fact]
    public async Task Contact_and_consent_changes_go_out_in_order_naming_fields_not_values_and_only_for_a_consenting_person()
    {
        var tenant = await chat.NewTenant();
        await using var receiver = await WebhookReceiver.Start();
        await subscriptions.Subscribe(tenant, receiver, [WebhookEvents.ContactUpdated, WebhookEvents.ConsentChanged], includeText: false);
        var withoutConsent = await subscriptions.VisitorConversation(tenant, crmConsent: false);
        var consenting = await subscriptions.VisitorConversation(tenant, crmConsent: true);
        foreach (var person in new[] { withoutConsent, consenting })
        {
            var subject = subscriptions.Subject(tenant, person.Visitor);
            await subject.Rectify(new ContactDetails("Zoé Martin", "zoe.martin@example.test"), Actor.System("test"));
            await subject.Rectify(new ContactDetails("Zoé Martin", "zoe@example.test"), Actor.System("test"));
            await subject.RecordConsent(ConsentPurpose.Analytics, true, "test", Actor.System("test"));
        }

        await Eventually.Holds(() => Of(receiver, consenting).Count >= 4, "the consenting person's four events", TimeSpan.FromSeconds(60));
        var events = Of(receiver, consenting);
        Assert.Equal([WebhookEvents.ConsentChanged, WebhookEvents.ContactUpdated, WebhookEvents.ContactUpdated, WebhookEvents.ConsentChanged], events.Select(e => e.Type));
        Assert.Equal(["crmSync", "analytics"], events.Where(e => e.Type == WebhookEvents.ConsentChanged).Select(e => e.Data.GetProperty("purpose").GetString()));
        Assert.All(events.Where(e => e.Type == WebhookEvents.ConsentChanged), e => Assert.True(e.Data.GetProperty("granted").GetBoolean()));
        Assert.Equal(["name", "email"], events[1].Data.GetProperty("changed").EnumerateArray().Select(f => f.GetString()));
        Assert.Equal(["email"], events[2].Data.GetProperty("changed").EnumerateArray().Select(f => f.GetString()));
        Assert.All(receiver.All, r => Assert.True(r.Verified, r.VerificationError));
        Assert.All(receiver.All, r => Assert.DoesNotContain("Zoé", r.Body, StringComparison.Ordinal));
        Assert.All(receiver.All, r => Assert.DoesNotContain("example.test", r.Body, StringComparison.Ordinal));

        // Both people's events went through the same endpoint; the other person's were passed over, not sent.
        Assert.Empty(Of(receiver, withoutConsent));
    }

    [Fact]
    public async Task Data_protection_requests_received_and_closed_go_out_with_kind_deadline_and_outcome_only_for_a_consenting_person()
    {
        var tenant = await chat.NewTenant();
        await using var receiver = await WebhookReceiver.Start();
        await subscriptions.Subscribe(tenant, receiver, [WebhookEvents.RequestReceived, WebhookEvents.RequestCompleted], includeText: false);
        var withoutConsent = await subscriptions.VisitorConversation(tenant, crmConsent: false);
        var consenting = await subscriptions.VisitorConversation(tenant, crmConsent: true);
        var requests = chat.Client.GetGrain<IPrivacyRequestsGrain>(tenant.TenantId);
        foreach (var person in new[] { withoutConsent, consenting })
        {
            var access = await requests.Receive(person.Visitor.Id, RequestKind.Access, Actor.System("test"));
            var objection = await requests.Receive(person.Visitor.Id, RequestKind.Objection, Actor.System("test"));
            await requests.Close(access.RequestId, RequestStatus.Completed, "copy sent", Actor.System("test"));
            await requests.Close(objection.RequestId, RequestStatus.Rejected, "identity not verified", Actor.System("test"));
        }

        await Eventually.Holds(() => Of(receiver, consenting).Count >= 4, "the consenting person's four events", TimeSpan.FromSeconds(60));
        var events = Of(receiver, consenting);
        Assert.Equal([WebhookEvents.RequestReceived, WebhookEvents.RequestReceived, WebhookEvents.RequestCompleted, WebhookEvents.RequestCompleted], events.Select(e => e.Type));
        Assert.Equal(["access", "objection", "access", "objection"], events.Select(e => e.Data.GetProperty("kind").GetString()));
        Assert.Equal(["completed", "rejected"], events.Skip(2).Select(e => e.Data.GetProperty("outcome").GetString()));
        Assert.True(events[0].Data.GetProperty("dueAt").GetDateTimeOffset() > events[0].Data.GetProperty("receivedAt").GetDateTimeOffset());
        Assert.Equal(events[0].Data.GetProperty("requestId").GetGuid(), events[2].Data.GetProperty("requestId").GetGuid());
        Assert.All(receiver.All, r => Assert.DoesNotContain("identity not verified", r.Body, StringComparison.Ordinal));
        Assert.All(receiver.All, r => Assert.True(r.Verified, r.VerificationError));
        Assert.Empty(Of(receiver, withoutConsent));
    }

    private static List<WebhookReceiver.Received> Of(WebhookReceiver receiver, WebhookSubscriptions.VisitorChat person) =>
        [.. receiver.Accepted.Where(r => r.Data.TryGetProperty("subjectId", out var id) && id.GetString() == person.Visitor.Id)];
}
