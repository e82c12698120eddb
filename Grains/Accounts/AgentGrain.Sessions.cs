using System.Collections.Immutable;

namespace Orbitalyntra.Accounts;

/// <summary>
/// Sessions end when the agent says so (docs/decisions/0037): a signed-out session's id is kept until the session would
/// have expired anyway, and a password change ends every session issued before it. Tokens carry their issue time in
/// whole seconds: a change ends every session issued up to the second it happened in, and sessions hold again from the
/// next second — the one the changer's renewed session is given.
/// </summary>
public sealed partial class AgentGrain
{
    Task<bool> IAgentGrain.HoldsSession(string? sessionId, DateTimeOffset issuedAt) => Task.FromResult(
        state.RecordExists
        && issuedAt >= (state.State.SessionsValidSince ?? DateTimeOffset.MinValue)
        && (sessionId is null || state.State.EndedSessions?.ContainsKey(sessionId) != true));

    async Task IAgentGrain.EndSession(string sessionId, DateTimeOffset expiresAt)
    {
        var now = time.GetUtcNow();
        if (!state.RecordExists || expiresAt <= now)
        {
            return;
        }

        var stillRunning = (state.State.EndedSessions ?? ImmutableDictionary<string, DateTimeOffset>.Empty)
            .RemoveRange(state.State.EndedSessions?.Where(ended => ended.Value <= now).Select(ended => ended.Key) ?? []);
        state.State = state.State with { EndedSessions = stillRunning.SetItem(sessionId, expiresAt) };
        await state.WriteStateAsync();
    }

    private static DateTimeOffset NextWholeSecond(DateTimeOffset at) => DateTimeOffset.FromUnixTimeSeconds(at.ToUnixTimeSeconds() + 1);
}
