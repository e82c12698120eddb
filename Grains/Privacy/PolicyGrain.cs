using System.Collections.Immutable;
using Microsoft.Extensions.Options;
using Orbitalyntra.Notifications;

namespace Orbitalyntra.Privacy;

/// <summary>
/// A policy's versions (see <see cref="IPolicyGrain"/>). The platform's policy starts from its built-in first version
/// (<see cref="PlatformPolicyDefaults"/>), stored with the first version an operator publishes.
/// </summary>
[GrainType("privacypolicy")]
public sealed class PolicyGrain(
    [PersistentState("policy")] IPersistentState<PolicyState> state,
    IAuditTrail audit,
    IOptions<PrivacyOptions> options,
    TimeProvider time) : Grain, IPolicyGrain
{
    private bool IsPlatform => this.GetPrimaryKeyString() == PolicyOwners.Platform;

    /// <summary>Newest first; the platform's built-in version when nothing was published.</summary>
    private ImmutableList<PolicyVersion> Stored =>
        state.State.Versions.IsEmpty && IsPlatform ? [PlatformPolicyDefaults.FirstVersion] : state.State.Versions;

    async Task<PolicyVersion> IPolicyGrain.Publish(PolicyDraft draft, Actor by)
    {
        var now = time.GetUtcNow();
        var versions = Stored;
        if (PolicyRules.Problems(draft, IsPlatform, versions.FirstOrDefault(), now) is { Count: > 0 } problems)
        {
            throw new ArgumentException(string.Join(" ", problems.Values.SelectMany(p => p)), nameof(draft));
        }

        var published = new PolicyVersion(
            (versions.FirstOrDefault()?.Version ?? 0) + 1, draft.EffectiveAt ?? now, draft.Material, draft.Visitors, draft.AccountHolders, draft.Url?.Trim(), now, by);
        state.State = state.State with { Versions = versions.Insert(0, published) };
        await state.WriteStateAsync();
        if (IsPlatform)
        {
            await GrainFactory.GetGrain<IPlatformNoticesGrain>(IPlatformNoticesGrain.Key).Publish(PlatformPolicyDefaults.Announcement(published));
        }
        else
        {
            await audit.Append(this.GetPrimaryKeyString(), new AuditEntry(now, by, "policy.published", null, $"version {published.Version}{(published.Material ? ", material" : "")}"));
        }

        return published;
    }

    Task<IReadOnlyList<PolicyVersion>> IPolicyGrain.Versions() => Task.FromResult<IReadOnlyList<PolicyVersion>>(Stored);

    async Task<PolicyInForce> IPolicyGrain.InForce()
    {
        var now = time.GetUtcNow();
        var inForce = Stored.Where(v => v.EffectiveAt <= now).ToList();
        if (inForce.Count == 0)
        {
            // A tenant without a notice of its own in force: its visitors read the platform's.
            return await GrainFactory.PlatformPolicyGrain().InForce();
        }

        return new PolicyInForce(
            new PolicyRef(IsPlatform ? PolicyOwners.PlatformPolicy : PolicyOwners.TenantPolicy, inForce[0].Version),
            inForce[0],
            inForce.FirstOrDefault(v => v.Material)?.EffectiveAt,
            options.Value.ControllerContact,
            Complaint.Cnil);
    }
}

/// <summary>A policy's published versions, newest first.</summary>
[GenerateSerializer, Immutable, Alias("orbitalyntra.privacy.policy-state")]
public sealed record PolicyState([property: Id(0)] ImmutableList<PolicyVersion> Versions)
{
    public PolicyState()
        : this([])
    {
    }
}
