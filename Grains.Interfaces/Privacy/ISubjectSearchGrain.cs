namespace Orbitalyntra.Privacy;

/// <summary>Finds a tenant's data subjects by what they gave, through keyed hashes only; keyed by the tenant id.</summary>
[Alias("orbitalyntra.privacy.ISubjectSearchGrain")]
public interface ISubjectSearchGrain : IGrainWithStringKey
{
    /// <summary>The subjects who gave <paramref name="email"/>, recorded in the audit trail as searched by <paramref name="by"/> (with the count only).</summary>
    [Alias("FindByEmail")]
    Task<IReadOnlyList<string>> FindByEmail(string email, Actor by);
}
