using Microsoft.Extensions.Logging;
using Orbitalyntra.Integrations;

namespace Orbitalyntra.Privacy;

/// <summary>
/// What the tenant's webhooks hear of a person's record (issue 15): <c>contact.updated</c> (which fields changed, never their
/// values) and <c>consent.changed</c> (purpose, given or withdrawn), recorded in the state write that stores the change
/// through a <see cref="WebhookOutbox"/> (docs/decisions/0032). Like every event about a person they go out only while the
/// person's record allows the CRM to process their data.
/// </summary>
public sealed partial class DataSubjectGrain
{
    private WebhookOutbox? webhookOutbox;

    private WebhookOutbox WebhookOutbox => webhookOutbox ??= new WebhookOutbox(GrainFactory.GetGrain<IWebhookEndpointsGrain>(key.TenantId));

    private async Task<DataSubjectState> WithWebhookEvent(DataSubjectState next, string type, object data) => next with
    {
        WebhookEvents = await WebhookOutbox.With(
            next.WebhookEvents, new WebhookEvent($"{type.Replace('.', '_')}_{Guid.NewGuid():N}", type, time.GetUtcNow(), null, 0, key.SubjectId, WebhookPayloads.Data(data))),
    };

    private async Task<DataSubjectState> WithConsentEvents(DataSubjectState next, IEnumerable<ConsentEntry> changes)
    {
        foreach (var change in changes)
        {
            next = await WithWebhookEvent(next, WebhookEvents.ConsentChanged, new
            {
                subjectId = key.SubjectId,
                purpose = change.Purpose,
                granted = change.Granted,
                changedAt = change.At,
                noticeVersion = change.Notice?.Version,
            });
        }

        return next;
    }

    private async Task HandOverWebhookEvents()
    {
        if (!await WebhookOutbox.HandOver(state.State.WebhookEvents))
        {
            // The change is stored and its events with it: they are handed over again when the record next activates.
            LogWebhookHandOverFailed(key);
        }
    }

    /// <summary>The contact fields that differ between <paramref name="before"/> and <paramref name="after"/>, by name.</summary>
    private static List<string> ChangedFields(ContactDetails? before, ContactDetails after)
    {
        var changed = new List<string>();
        if (before?.Name != after.Name)
        {
            changed.Add("name");
        }

        if (!SameAddress(before?.Email, after.Email))
        {
            changed.Add("email");
        }

        return changed;
    }

    [LoggerMessage(Level = LogLevel.Warning, Message = "Data subject {Subject}: its webhook events wait in its state, the deliveries could not take them")]
    private partial void LogWebhookHandOverFailed(SubjectKey subject);
}
