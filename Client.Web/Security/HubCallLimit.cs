using System.Globalization;
using System.Threading.RateLimiting;
using Microsoft.AspNetCore.SignalR;

namespace Orbitalyntra.Web.Security;

/// <summary>
/// A token bucket per hub connection (issue 19): a connection that calls faster than <see cref="HubCallSettings.PerSecond"/>
/// once its burst is spent has each call refused with a hub error saying so, before the call reaches the cluster or
/// the gates; other connections, the same caller's included, are not affected.
/// </summary>
public sealed class HubCallLimit(HubCallSettings settings) : IHubFilter
{
    private static readonly object BucketKey = new();

    public async ValueTask<object?> InvokeMethodAsync(HubInvocationContext invocation, Func<HubInvocationContext, ValueTask<object?>> next)
    {
        using var lease = Bucket(invocation.Context).AttemptAcquire();
        if (!lease.IsAcquired)
        {
            var retryAfter = lease.TryGetMetadata(MetadataName.RetryAfter, out var wait) ? wait : TimeSpan.FromSeconds(1);
            throw new HubException(string.Create(CultureInfo.InvariantCulture,
                $"Too many calls on this connection: at most {settings.PerSecond} a second after a burst of {settings.Burst}. Try again in {Math.Ceiling(retryAfter.TotalSeconds)} s."));
        }

        return await next(invocation);
    }

    public async Task OnDisconnectedAsync(HubLifetimeContext context, Exception? exception, Func<HubLifetimeContext, Exception?, Task> next)
    {
        try
        {
            await next(context, exception);
        }
        finally
        {
            if (context.Context.Items.Remove(BucketKey, out var bucket))
            {
                ((RateLimiter)bucket!).Dispose();
            }
        }
    }

    private RateLimiter Bucket(HubCallerContext connection)
    {
        lock (connection.Items)
        {
            if (connection.Items.TryGetValue(BucketKey, out var bucket))
            {
                return (RateLimiter)bucket!;
            }

            var made = new TokenBucketRateLimiter(new TokenBucketRateLimiterOptions
            {
                TokenLimit = settings.Burst,
                TokensPerPeriod = settings.PerSecond,
                ReplenishmentPeriod = TimeSpan.FromSeconds(1),
                QueueLimit = 0,
                AutoReplenishment = true,
            });
            connection.Items[BucketKey] = made;
            return made;
        }
    }
}

/// <summary>How fast one hub connection may call (<c>Web:HubCalls</c>).</summary>
public sealed class HubCallSettings
{
    public const string Section = "Web:HubCalls";

    /// <summary>Calls a second, sustained: a console or widget makes a few at most (a message, a receipt, typing).</summary>
    public int PerSecond { get; set; } = 20;

    /// <summary>Calls at once before the rate applies: opening a console joins its conversations and reads its inbox.</summary>
    public int Burst { get; set; } = 100;

    /// <summary>How often open connections are checked for an ended credential or a closed tenant, and closed (seconds).</summary>
    public int CredentialCheckSeconds { get; set; } = 15;
}
