using Microsoft.AspNetCore.SignalR;

namespace Orbitalyntra.Web.Security;

/// <summary>
/// The hub's counterpart of the request gates (<see cref="EndedCredentials"/>, <see cref="ClosedTenants"/>,
/// <see cref="VisitorBanGate"/>): a connection whose credential ended, whose tenant closed or whose visitor is banned
/// cannot connect, and a connection opened before gets every call refused with the reason — nothing new is posted, so
/// nothing new reaches it either.
/// </summary>
public sealed class HubGate(IClusterClient cluster, VisitorBanGate bans) : IHubFilter
{
    public async ValueTask<object?> InvokeMethodAsync(HubInvocationContext invocation, Func<HubInvocationContext, ValueTask<object?>> next)
    {
        await Refuse(invocation.Context);
        return await next(invocation);
    }

    /// <summary>Besides, a visitor joins only from a website allowed to use the widget key (docs/decisions/0044).</summary>
    public async Task OnConnectedAsync(HubLifetimeContext context, Func<HubLifetimeContext, Task> next)
    {
        await Refuse(context.Context);
        if (context.Context.User is { } caller
            && !await WidgetOriginGate.AllowsVisitor(cluster, caller, context.Context.GetHttpContext()?.Request.Headers.Origin.ToString()))
        {
            throw new HubException(WidgetOriginGate.Refusal);
        }

        await next(context);
    }

    private async Task Refuse(HubCallerContext connection)
    {
        if (await WhyRefused(cluster, bans, connection) is { } refusal)
        {
            throw new HubException(refusal);
        }
    }

    /// <summary>
    /// Why the connection's caller may no longer use the hub — its credential ended, its tenant closed, or the visitor or
    /// their network is banned — or null. Asked on every call, and by <see cref="Hubs.EndedConnectionSweep"/> of open
    /// connections.
    /// </summary>
    public static async Task<string?> WhyRefused(IClusterClient cluster, VisitorBanGate bans, HubCallerContext connection)
    {
        if (connection.User is not { } caller)
        {
            return null;
        }

        if (await EndedCredentials.WhyEnded(cluster, caller) is { } reason)
        {
            return $"{EndedCredentials.Title} {reason}";
        }

        if (caller.TenantId() is { } tenantId && await ClosedTenants.Closure(cluster, tenantId) is { } closure)
        {
            return $"{ClosedTenants.Title} {ClosedTenants.Refusal(closure)}";
        }

        return await bans.FindFor(caller, connection.GetHttpContext()?.Connection.RemoteIpAddress) is not null
            ? $"{VisitorBanGate.Title} {VisitorBanGate.Refusal}"
            : null;
    }
}
