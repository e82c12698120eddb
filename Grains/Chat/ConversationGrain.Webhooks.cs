using Orbitalyntra.Integrations;

namespace Orbitalyntra.Chat;

/// <summary>
/// What the tenant's webhooks need from the conversation (docs/decisions/0031): that a message was stored, told after the
/// acknowledgement by a one-way call, so the message never waits for it and nothing is stored on the message path. The log
/// row is the event's durable record: each endpoint's delivery reads it behind its own cursor. A conversation that
/// activates tells again how far its log goes, so a message whose telling was lost with a silo is delivered once the
/// conversation is used again.
/// </summary>
public sealed partial class ConversationGrain
{
    private void AnnounceStored(long sequence)
    {
        if (sequence > 0)
        {
            _ = GrainFactory.GetGrain<IWebhookEndpointsGrain>(key.TenantId).MessageStored(key.ConversationId, sequence);
        }
    }
}
