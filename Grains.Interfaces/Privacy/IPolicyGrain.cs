using Orleans.Concurrency;

namespace Orbitalyntra.Privacy;

/// <summary>
/// A privacy policy with its versions: the platform's own (key <see cref="PolicyOwners.Platform"/>: the texts for visitors
/// and for account holders, published by operators) or a tenant's notice to its visitors (key: the tenant id; a web
/// address or a text, published by its administrators). A version takes effect at its effective date; one marked
/// material makes the consents given before it count no more, so visitors are asked again (docs/decisions/0039).
/// </summary>
[Alias("orbitalyntra.privacy.IPolicyGrain")]
public interface IPolicyGrain : IGrainWithStringKey
{
    /// <summary>
    /// Publishes the next version; refused with <see cref="ArgumentException"/> when <see cref="PolicyRules.Problems"/>
    /// finds any. A new version of the platform's policy is announced to every account holder (a platform notice).
    /// </summary>
    [Alias("Publish")]
    Task<PolicyVersion> Publish(PolicyDraft draft, Actor by);

    /// <summary>Every version, newest first; the platform's policy has at least its built-in first version.</summary>
    [Alias("Versions"), ReadOnly]
    Task<IReadOnlyList<PolicyVersion>> Versions();

    /// <summary>
    /// The version in force now and what follows from it. For a tenant: its own notice's, or the platform's visitor text
    /// while the tenant has published none in force.
    /// </summary>
    [Alias("InForce"), ReadOnly]
    Task<PolicyInForce> InForce();
}
