namespace Orbitalyntra.Privacy;

/// <summary>
/// The subjects of a tenant who gave one e-mail address, keyed <c>{tenantId}:{keyed hash of the address}</c>: how a
/// request that names a person by e-mail finds their data without any e-mail in a key.
/// </summary>
[Alias("orbitalyntra.privacy.ISubjectDirectoryGrain")]
public interface ISubjectDirectoryGrain : IGrainWithStringKey
{
    /// <summary>Records that the subject gave this address.</summary>
    [Alias("Add")]
    Task Add(string subjectId);

    /// <summary>Forgets that the subject gave this address (rectification, erasure).</summary>
    [Alias("Remove")]
    Task Remove(string subjectId);

    /// <summary>The subject ids that gave this address.</summary>
    [Alias("Find")]
    Task<IReadOnlyList<string>> Find();
}
