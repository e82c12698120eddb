namespace Orbitalyntra.Privacy;

/// <summary>
/// How a subject is found by e-mail address without an address in any key: the directory grain of the address's keyed
/// hash (<see cref="ITenantKeyProvider.KeyedHash"/>) lists the subjects who gave it.
/// </summary>
internal static class EmailLookup
{
    private const string Purpose = "email-lookup";

    /// <summary>The directory of the subjects of <paramref name="tenantId"/> who gave <paramref name="email"/> (compared trimmed and in lower case).</summary>
    public static async Task<ISubjectDirectoryGrain> DirectoryOf(this IGrainFactory grains, ITenantKeyProvider keys, string tenantId, string email) =>
        grains.GetGrain<ISubjectDirectoryGrain>($"{tenantId}:{await keys.KeyedHash(tenantId, Purpose, email.Trim().ToLowerInvariant())}");
}
