using System.Collections.Immutable;

namespace Orbitalyntra.Integrations;

/// <summary>
/// Webhook events of a grain's own changes (a conversation's, a data subject's), recorded in the state write that stores
/// the change, only when an endpoint of the tenant subscribes to their type, then handed to the deliveries, which queue
/// them durably (docs/decisions/0032). A later write drops the events handed over; an activation with events in its state
/// hands them over again (the deliveries drop an event they already sent). One per activation.
/// </summary>
internal sealed class WebhookOutbox(IWebhookEndpointsGrain endpoints)
{
    private bool handedOver;

    /// <summary>
    /// The events to store with the next write: <paramref name="stored"/> unless handed over already, and
    /// <paramref name="added"/> when an endpoint subscribes to its type. Null when there are none.
    /// </summary>
    public async Task<ImmutableList<WebhookEvent>?> With(ImmutableList<WebhookEvent>? stored, WebhookEvent added)
    {
        var pending = handedOver ? [] : stored ?? [];
        if (await endpoints.Subscribes(added.Type))
        {
            pending = pending.Add(added);
        }

        handedOver = false;
        return pending.IsEmpty ? null : pending;
    }

    /// <summary>
    /// Hands <paramref name="stored"/>, the events of the state just written, to the deliveries. A failure leaves them in
    /// the state, to be handed over by the next activation: answered as false, for the caller to log.
    /// </summary>
    public async Task<bool> HandOver(ImmutableList<WebhookEvent>? stored)
    {
        if (handedOver || stored is not { IsEmpty: false })
        {
            return true;
        }

        try
        {
            foreach (var webhookEvent in stored)
            {
                await endpoints.Publish(webhookEvent);
            }

            handedOver = true;
            return true;
        }
        catch (Exception)
        {
            return false;
        }
    }
}
