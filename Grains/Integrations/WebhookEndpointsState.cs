using System.Collections.Immutable;

namespace Orbitalyntra.Integrations;

/// <param name="Endpoints">The endpoints, oldest first.</param>
/// <param name="Parked">Deliveries with events waiting while their endpoint was paused (<see cref="WebhookDeliveryKey"/>s), to wake.</param>
[GenerateSerializer, Immutable, Alias("orbitalyntra.integrations.webhook-endpoints-state")]
public sealed record WebhookEndpointsState([property: Id(0)] ImmutableList<StoredEndpoint> Endpoints, [property: Id(1)] ImmutableList<string>? Parked = null)
{
    public static readonly WebhookEndpointsState Empty = new(ImmutableList<StoredEndpoint>.Empty, ImmutableList<string>.Empty);
}

/// <summary>An endpoint with its secrets, each wrapped with the tenant's key (never stored in the clear).</summary>
[GenerateSerializer, Immutable, Alias("orbitalyntra.integrations.stored-endpoint")]
public sealed record StoredEndpoint([property: Id(0)] WebhookEndpoint Endpoint, [property: Id(1)] ImmutableList<StoredSecret> Secrets);

[GenerateSerializer, Immutable, Alias("orbitalyntra.integrations.stored-secret")]
public sealed record StoredSecret([property: Id(0)] string SecretId, [property: Id(1)] byte[] WrappedKey);
