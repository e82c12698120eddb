using Microsoft.AspNetCore.SignalR;
using Orbitalyntra.Web.Security;

namespace Orbitalyntra.Web.Hubs;

/// <summary>
/// How the hub's failures are logged (issue 19): SignalR logs every exception of a hub method at Error with its stack
/// and message — a refused call included, whose message may carry what the caller sent — so anyone could flood the log
/// or forge entries in it. Its dispatcher's errors are filtered out (<see cref="DispatcherCategory"/>); this filter logs
/// a refusal at Debug by method name only, and a fault of ours at Error with its exception, and tells
/// the caller when the cluster could not be reached.
/// </summary>
public sealed partial class HubErrors(ILogger<HubErrors> logger) : IHubFilter
{
    /// <summary>The log category whose errors this filter replaces.</summary>
    public const string DispatcherCategory = "Microsoft.AspNetCore.SignalR.Internal.DefaultHubDispatcher";

    public async ValueTask<object?> InvokeMethodAsync(HubInvocationContext invocation, Func<HubInvocationContext, ValueTask<object?>> next)
    {
        try
        {
            return await next(invocation);
        }
        catch (HubException)
        {
            LogRefused(invocation.HubMethodName);
            throw;
        }
        catch (Exception unreachable) when (ClusterUnavailable.Is(unreachable))
        {
            LogUnreachable(invocation.HubMethodName, unreachable.GetType().Name);
            throw new HubException(ClusterUnavailable.Explanation);
        }
        catch (Exception fault) when (fault is not OperationCanceledException)
        {
            LogFailed(invocation.HubMethodName, fault);
            throw;
        }
    }

    /// <summary>A connection whose checks could not reach the cluster is closed with a reason the client can show, not a bare error.</summary>
    public async Task OnConnectedAsync(HubLifetimeContext context, Func<HubLifetimeContext, Task> next)
    {
        try
        {
            await next(context);
        }
        catch (Exception unreachable) when (ClusterUnavailable.Is(unreachable))
        {
            LogUnreachable("OnConnectedAsync", unreachable.GetType().Name);
            throw new HubException(ClusterUnavailable.Explanation);
        }
    }

    [LoggerMessage(Level = LogLevel.Debug, Message = "Hub call {Method} refused")]
    private partial void LogRefused(string method);

    [LoggerMessage(Level = LogLevel.Warning, Message = "Hub call {Method} could not reach the cluster ({Exception})")]
    private partial void LogUnreachable(string method, string exception);

    [LoggerMessage(Level = LogLevel.Error, Message = "Hub call {Method} failed")]
    private partial void LogFailed(string method, Exception fault);
}
