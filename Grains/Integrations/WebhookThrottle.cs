using System.Collections.Concurrent;
using System.Threading.RateLimiting;
using Microsoft.Extensions.Options;

namespace Orbitalyntra.Integrations;

/// <summary>
/// At most <see cref="WebhookOptions.MaxConcurrentPerEndpoint"/> deliveries of one endpoint at work at once on this silo
/// (docs/decisions/0041): a receiver is not flooded by thousands of conversations at once, and the silo's scheduler never
/// holds more delivery work than the endpoints' permits, so the chat that shares it is not queued behind a burst of
/// deliveries. The others wait for a permit, oldest first, without a thread.
/// </summary>
public sealed class WebhookThrottle(IOptions<WebhookOptions> options) : IDisposable
{
    private readonly ConcurrentDictionary<string, ConcurrencyLimiter> limiters = new(StringComparer.Ordinal);

    /// <summary>Waits for one of the endpoint's permits; disposing the lease gives it back.</summary>
    public ValueTask<RateLimitLease> Enter(string tenantId, string endpointId) =>
        limiters.GetOrAdd($"{tenantId}/{endpointId}", _ => new ConcurrencyLimiter(new ConcurrencyLimiterOptions
        {
            PermitLimit = options.Value.MaxConcurrentPerEndpoint,
            QueueLimit = int.MaxValue,
            QueueProcessingOrder = QueueProcessingOrder.OldestFirst,
        })).AcquireAsync();

    public void Dispose()
    {
        foreach (var limiter in limiters.Values)
        {
            limiter.Dispose();
        }
    }
}
