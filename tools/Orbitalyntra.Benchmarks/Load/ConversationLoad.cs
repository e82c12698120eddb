using System.Diagnostics;
using Orbitalyntra.Chat;

namespace Orbitalyntra.Benchmarks.Load;

/// <summary>Sends of one run, counted across its conversations.</summary>
public sealed class SendCounters
{
    public long Sent;
    public long Acknowledged;
    public long Failed;
    public long Outstanding;
}

/// <summary>
/// One conversation of a run: a new visitor starts it over REST, the visitor and an agent connect and join, then they
/// take turns sending, the visitor first. Each message carries its send time; each connection's receipts are checked
/// against what the conversation acknowledged.
/// </summary>
public sealed class ConversationLoad : IAsyncDisposable
{
    private const int TextPadding = 80;

    private readonly string tenantId;
    private readonly Guid id;
    private readonly Party visitor;
    private readonly Party agent;
    private readonly MeasurementWindow window;
    private long turns;
    private long lastAcknowledged;

    private ConversationLoad(string tenantId, Guid id, Party visitor, Party agent, MeasurementWindow window) =>
        (this.tenantId, this.id, this.visitor, this.agent, this.window) = (tenantId, id, visitor, agent, window);

    public bool AllReceived => visitor.HasAllUpTo(Interlocked.Read(ref lastAcknowledged)) && agent.HasAllUpTo(Interlocked.Read(ref lastAcknowledged));

    public long Lost => visitor.MissingUpTo(lastAcknowledged) + agent.MissingUpTo(lastAcknowledged);

    public long Duplicated => visitor.Duplicates + agent.Duplicates;

    public long ConnectionsDropped => visitor.Drops + agent.Drops;

    /// <summary>For the operator: which connection misses which acknowledged messages, and whether it was dropped.</summary>
    public IEnumerable<string> Losses()
    {
        var upTo = Interlocked.Read(ref lastAcknowledged);
        foreach (var party in new[] { visitor, agent })
        {
            if (party.MissingUpTo(upTo) > 0)
            {
                yield return $"conversation {id:N} {party.Role}: missing {string.Join(",", party.Missing(upTo))} of 1..{upTo}; " +
                    $"connection {party.Connection.State}, dropped {party.Drops} times";
            }
        }
    }

    /// <summary>
    /// Starts a conversation and sends its first messages, the visitor's and then the agent's answer; answers whether
    /// both were acknowledged. The first message of each party of a conversation that starts during the run
    /// (<paramref name="duringRun"/>) is timed apart from the others; the steady conversations start before the run, so
    /// that what the run times of them is a conversation in progress.
    /// </summary>
    public static async Task<(ConversationLoad Conversation, bool FirstMessagesAcknowledged)> Start(
        BenchTenant tenant, HttpClient http, MeasurementWindow window, SendCounters sends, bool duringRun)
    {
        var visitorToken = await tenant.NewVisitor(http);
        if (tenant.VisitorsConsentToCrm)
        {
            await tenant.ConsentToCrm(http, visitorToken);
        }

        var id = await tenant.StartConversation(http, visitorToken);
        var visitor = await Party.Connect(tenant, visitorToken, id, SenderRole.Visitor, window, duringRun);
        try
        {
            var agent = await Party.Connect(tenant, tenant.AgentToken, id, SenderRole.Agent, window, duringRun);
            var conversation = new ConversationLoad(tenant.TenantId, id, visitor, agent, window);
            var visitorFirst = await conversation.SendNext(sends);
            var agentFirst = await conversation.SendNext(sends);
            return (conversation, visitorFirst && agentFirst);
        }
        catch
        {
            await visitor.Connection.DisposeAsync();
            throw;
        }
    }

    /// <summary>Sends the next turn's message; answers whether it was acknowledged (a failure is counted, not thrown).</summary>
    public async Task<bool> SendNext(SendCounters counters)
    {
        var turn = Interlocked.Increment(ref turns);
        var party = turn % 2 == 1 ? visitor : agent;
        Interlocked.Increment(ref counters.Sent);
        Interlocked.Increment(ref counters.Outstanding);
        try
        {
            var text = $"{Stopwatch.GetTimestamp()}|{new string('x', TextPadding)}";
            var stored = await party.Connection.Send(tenantId, id, $"m{turn}", text);
            InterlockedMax(ref lastAcknowledged, stored.Sequence);
            Interlocked.Increment(ref counters.Acknowledged);
            window.Acknowledgement();
            return true;
        }
        catch (Exception)
        {
            Interlocked.Increment(ref counters.Failed);
            return false;
        }
        finally
        {
            Interlocked.Decrement(ref counters.Outstanding);
        }
    }

    public async ValueTask DisposeAsync()
    {
        await visitor.Connection.DisposeAsync();
        await agent.Connection.DisposeAsync();
    }

    private static void InterlockedMax(ref long location, long value)
    {
        var current = Interlocked.Read(ref location);
        while (value > current)
        {
            var seen = Interlocked.CompareExchange(ref location, value, current);
            if (seen == current)
            {
                return;
            }

            current = seen;
        }
    }
}
