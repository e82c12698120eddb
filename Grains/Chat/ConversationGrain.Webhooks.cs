using System.Collections.Immutable;
using Orbitalyntra.Integrations;

namespace Orbitalyntra.Chat;

/// <summary>
/// What the tenant's webhooks need from the conversation (docs/decisions/0031): that a message was stored, told after the
/// acknowledgement by a one-way call, so the message never waits for it and nothing is stored on the message path. The log
/// row is the event's durable record: each endpoint's delivery reads it behind its own cursor. A conversation that
/// activates tells again how far its log goes, so a message whose telling was lost with a silo is delivered once the
/// conversation is used again.
/// The conversation's own changes (created, status changed) are events recorded in the state write that stores the
/// change, through a <see cref="WebhookOutbox"/> (docs/decisions/0032).
/// </summary>
public sealed partial class ConversationGrain
{
    private WebhookOutbox? webhookOutbox;

    private IWebhookEndpointsGrain Webhooks => GrainFactory.GetGrain<IWebhookEndpointsGrain>(key.TenantId);

    private WebhookOutbox WebhookOutbox => webhookOutbox ??= new WebhookOutbox(Webhooks);

    private void AnnounceStored(long sequence, ChatMessage? message = null)
    {
        if (sequence > 0)
        {
            _ = Webhooks.MessageStored(key.ConversationId, sequence, message);
        }
    }

    /// <summary><paramref name="next"/>, the state about to be written, with the event of its change when an endpoint subscribes to <paramref name="type"/>.</summary>
    private async Task<ConversationState> WithWebhookEvent(ConversationState next, string type, string eventId, DateTimeOffset at, object data) =>
        next with
        {
            WebhookEvents = await WebhookOutbox.With(
                next.WebhookEvents, new WebhookEvent(eventId, type, at, key.ConversationId, lastSequence, next.VisitorId, WebhookPayloads.Data(data))),
        };

    /// <summary>Hands the state's events to the deliveries, after the write that recorded them; they stay in the state until then.</summary>
    private async Task HandOverWebhookEvents()
    {
        if (!await WebhookOutbox.HandOver(state.State.WebhookEvents))
        {
            // The change is stored and its events with it: they are handed over again when the conversation next activates.
            LogWebhookHandOverFailed(key);
        }
    }

    [Microsoft.Extensions.Logging.LoggerMessage(Level = Microsoft.Extensions.Logging.LogLevel.Warning, Message = "Conversation {Conversation}: its webhook events wait in its state, the deliveries could not take them")]
    private partial void LogWebhookHandOverFailed(ConversationKey conversation);

    /// <summary>The state with the event of a status change (to <paramref name="next"/>'s status).</summary>
    private Task<ConversationState> WithStatusEvent(ConversationState next, DateTimeOffset at) =>
        WithWebhookEvent(next, WebhookEvents.ConversationStatusChanged, $"status_{key.ConversationId:N}_{at.ToUnixTimeMilliseconds()}", at, new
        {
            conversationId = key.ConversationId,
            status = next.Status,
            snoozedUntil = next.SnoozedUntil,
            changedAt = at,
        });
}
