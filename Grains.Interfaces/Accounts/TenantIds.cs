using System.Text.RegularExpressions;

namespace Orbitalyntra.Accounts;

/// <summary>The form of a tenant id: a short lower-case slug, safe in grain keys, table keys and URLs.</summary>
public static partial class TenantIds
{
    /// <summary>The tenant seeded for local runs and demos.</summary>
    public const string Demo = "demo";

    /// <summary>True for 2 to 40 lower-case letters, digits or inner dashes.</summary>
    public static bool IsValid(string? tenantId) => tenantId is not null && Slug().IsMatch(tenantId);

    /// <summary>
    /// True when <paramref name="key"/> (a grain key, or a path of them such as a stream's) is of
    /// <paramref name="tenantId"/>: one of its <c>/</c>-separated parts is the tenant id, or starts with it and a colon
    /// (<c>{tenant}:{id}</c>, the form of every key of a tenant's things). A tenant <c>acme</c> does not own <c>acme-2</c>.
    /// </summary>
    public static bool Owns(string tenantId, string key) =>
        key.Split('/').Any(part => part == tenantId || part.StartsWith(tenantId + ":", StringComparison.Ordinal));

    [GeneratedRegex("^[a-z0-9][a-z0-9-]{0,38}[a-z0-9]$")]
    private static partial Regex Slug();
}
