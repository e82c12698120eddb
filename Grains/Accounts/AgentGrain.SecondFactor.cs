using OtpNet;
using Orbitalyntra.Notifications;
using Orbitalyntra.Privacy;

namespace Orbitalyntra.Accounts;

/// <summary>
/// The second factor (docs/decisions/0053): a TOTP secret (RFC 6238: SHA-1, 6 digits, 30 s, what every authenticator
/// app reads) sealed with the agent's data key like their contact, so erasing the agent destroys it too. A code is
/// taken one step either side of now, and each time step once: a code seen over a shoulder cannot be used again.
/// </summary>
public sealed partial class AgentGrain
{
    private const string Issuer = "Orbitalyntra";
    private const int SecretBytes = 20;
    private static readonly VerificationWindow ClockDrift = new(previous: 1, future: 1);

    /// <summary>Null when the password alone signs in; otherwise how the sign-in stops short of success.</summary>
    private async Task<SignInOutcome?> SecondFactorRefusal(string? code, bool adminsNeedSecondFactor)
    {
        var factor = state.State.SecondFactor;
        if (factor?.SealedSecret is { } secret)
        {
            return code is not null && await UseCode(secret, code) ? null : new SignInOutcome(SignInStatus.SecondFactorNeeded);
        }

        if (!adminsNeedSecondFactor || state.State.Role != AgentRole.Admin)
        {
            return null;
        }

        if (code is not null && factor?.SealedPendingSecret is { } pending && await UseCode(pending, code))
        {
            await Enable(new Actor(RoleName, Key.AgentId));
            return null;
        }

        // The secret being set up stays the same until its first code comes, so a mistyped code does not replace it.
        return new SignInOutcome(SignInStatus.SecondFactorEnrollment, Enrollment: await PendingEnrollment(keepCurrent: true));
    }

    Task<SecondFactorStatus?> IAgentGrain.GetSecondFactor() => Task.FromResult(state.RecordExists
        ? new SecondFactorStatus(state.State.SecondFactor?.SealedSecret is not null, state.State.SecondFactor?.EnabledAt)
        : null);

    async Task<SecondFactorEnrollment?> IAgentGrain.BeginSecondFactor() => state.RecordExists ? await PendingEnrollment(keepCurrent: false) : null;

    async Task<bool> IAgentGrain.ConfirmSecondFactor(string code)
    {
        if (!state.RecordExists || state.State.SecondFactor?.SealedPendingSecret is not { } pending || !await UseCode(pending, code))
        {
            return false;
        }

        await Enable(new Actor(RoleName, Key.AgentId));
        return true;
    }

    async Task<bool> IAgentGrain.DisableSecondFactor(string code)
    {
        if (!state.RecordExists || state.State.SecondFactor?.SealedSecret is not { } secret || !await UseCode(secret, code))
        {
            return false;
        }

        await Remove(new Actor(RoleName, Key.AgentId), "account.second-factor-disabled");
        return true;
    }

    async Task<bool> IAgentGrain.ResetSecondFactor(Actor by)
    {
        if (!state.RecordExists || state.State.SecondFactor?.SealedSecret is null)
        {
            return false;
        }

        await Remove(by, "account.second-factor-reset");
        return true;
    }

    private async Task Enable(Actor by)
    {
        var factor = state.State.SecondFactor!;
        state.State = state.State with
        {
            SecondFactor = factor with { SealedSecret = factor.SealedPendingSecret, SealedPendingSecret = null, EnabledAt = time.GetUtcNow() },
        };
        await state.WriteStateAsync();
        await Audit(by, "account.second-factor-enabled", null);
    }

    private async Task Remove(Actor by, string action)
    {
        state.State = state.State with { SecondFactor = state.State.SecondFactor! with { SealedSecret = null, EnabledAt = null } };
        await state.WriteStateAsync();
        await Audit(by, action, null);
        await Alert(NotificationKind.SecondFactorRemoved, time.GetUtcNow(), "second-factor-removed");
    }

    /// <summary>The secret being set up: the one waiting for its first code when <paramref name="keepCurrent"/>, else a new one.</summary>
    private async Task<SecondFactorEnrollment?> PendingEnrollment(bool keepCurrent)
    {
        if (await Subject.KeyToSeal() is not { } key)
        {
            return null;
        }

        var factor = state.State.SecondFactor ?? new AgentSecondFactor(null, null, null, 0);
        string secret;
        if (keepCurrent && factor.SealedPendingSecret is { } pending)
        {
            secret = Sealing.OpenText(key, pending, SecondFactorContext);
        }
        else
        {
            secret = Base32Encoding.ToString(KeyGeneration.GenerateRandomKey(SecretBytes));
            state.State = state.State with { SecondFactor = factor with { SealedPendingSecret = Sealing.SealText(key, secret, SecondFactorContext) } };
            await state.WriteStateAsync();
        }

        var label = (await Profile()).Email;
        return new SecondFactorEnrollment(secret, new OtpUri(OtpType.Totp, secret, label, Issuer).ToString());
    }

    /// <summary>Whether <paramref name="code"/> is right now for the sealed secret and its time step was not used before; uses it.</summary>
    private async Task<bool> UseCode(byte[] sealedSecret, string code)
    {
        if (!SecondFactorRules.IsCodeShaped(code) || await Subject.KeyToRead() is not { } key)
        {
            return false;
        }

        var secret = Base32Encoding.ToBytes(Sealing.OpenText(key, sealedSecret, SecondFactorContext));
        var factor = state.State.SecondFactor!;
        if (!new Totp(secret).VerifyTotp(time.GetUtcNow().UtcDateTime, SecondFactorRules.Normalized(code), out var step, ClockDrift)
            || step <= factor.LastUsedStep)
        {
            return false;
        }

        state.State = state.State with { SecondFactor = factor with { LastUsedStep = step } };
        await state.WriteStateAsync();
        return true;
    }

    private string SecondFactorContext => $"{Key.TenantId}:{Key.AgentId}/agent-second-factor";
}

/// <summary>
/// An agent's second factor as stored: the secret in use and the one being set up, both sealed with the agent's data
/// key; the last time step a code was accepted for, so that each code works once.
/// </summary>
[GenerateSerializer, Immutable, Alias("orbitalyntra.accounts.agent-second-factor")]
public sealed record AgentSecondFactor(
    [property: Id(0)] byte[]? SealedSecret,
    [property: Id(1)] DateTimeOffset? EnabledAt,
    [property: Id(2)] byte[]? SealedPendingSecret,
    [property: Id(3)] long LastUsedStep);
