using Microsoft.AspNetCore.Identity;

namespace Orbitalyntra.Accounts;

public sealed class AgentGrain(
    [PersistentState("agent")] IPersistentState<AgentState> state,
    IPasswordHasher<AgentState> hasher,
    TimeProvider time) : Grain, IAgentGrain
{
    private (string TenantId, string AgentId) Key
    {
        get
        {
            var key = this.GetPrimaryKeyString();
            var separator = key.IndexOf(':');
            return (key[..separator], key[(separator + 1)..]);
        }
    }

    async Task<AgentProfile?> IAgentGrain.Create(NewAgent agent)
    {
        if (state.RecordExists)
        {
            return null;
        }

        var created = new AgentState(agent.DisplayName, agent.Email, agent.Role, PasswordHash: "", FailedSignIns: 0, LockedUntil: null);
        state.State = created with { PasswordHash = hasher.HashPassword(created, agent.Password) };
        await state.WriteStateAsync();
        return Profile();
    }

    Task<AgentProfile?> IAgentGrain.GetProfile() => Task.FromResult(state.RecordExists ? Profile() : null);

    async Task<SignInOutcome> IAgentGrain.SignIn(string password)
    {
        if (!state.RecordExists)
        {
            return new SignInOutcome(SignInStatus.Failed);
        }

        var now = time.GetUtcNow();
        if (state.State.LockedUntil > now)
        {
            return new SignInOutcome(SignInStatus.LockedOut, LockedUntil: state.State.LockedUntil);
        }

        var verdict = hasher.VerifyHashedPassword(state.State, state.State.PasswordHash, password);
        if (verdict == PasswordVerificationResult.Failed)
        {
            var failures = state.State.FailedSignIns + 1;
            var lockedUntil = failures >= AgentRules.MaxFailedSignIns ? now + AgentRules.LockoutDuration : (DateTimeOffset?)null;
            state.State = state.State with { FailedSignIns = lockedUntil is null ? failures : 0, LockedUntil = lockedUntil };
            await state.WriteStateAsync();
            return lockedUntil is null ? new SignInOutcome(SignInStatus.Failed) : new SignInOutcome(SignInStatus.LockedOut, LockedUntil: lockedUntil);
        }

        if (verdict == PasswordVerificationResult.SuccessRehashNeeded || state.State.FailedSignIns > 0 || state.State.LockedUntil is not null)
        {
            state.State = state.State with
            {
                PasswordHash = verdict == PasswordVerificationResult.SuccessRehashNeeded ? hasher.HashPassword(state.State, password) : state.State.PasswordHash,
                FailedSignIns = 0,
                LockedUntil = null,
            };
            await state.WriteStateAsync();
        }

        return new SignInOutcome(SignInStatus.Succeeded, Profile());
    }

    private AgentProfile Profile() => new(Key.TenantId, Key.AgentId, state.State.DisplayName, state.State.Email, state.State.Role);
}

[GenerateSerializer, Immutable, Alias("orbitalyntra.accounts.agent-state")]
public sealed record AgentState(
    [property: Id(0)] string DisplayName,
    [property: Id(1)] string Email,
    [property: Id(2)] AgentRole Role,
    [property: Id(3)] string PasswordHash,
    [property: Id(4)] int FailedSignIns,
    [property: Id(5)] DateTimeOffset? LockedUntil);
