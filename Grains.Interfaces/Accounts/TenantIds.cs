using System.Text.RegularExpressions;

namespace Orbitalyntra.Accounts;

/// <summary>The form of a tenant id: a short lower-case slug, safe in grain keys, table keys and URLs.</summary>
public static partial class TenantIds
{
    /// <summary>The tenant seeded for local runs and demos.</summary>
    public const string Demo = "demo";

    /// <summary>True for 2 to 40 lower-case letters, digits or inner dashes.</summary>
    public static bool IsValid(string? tenantId) => tenantId is not null && Slug().IsMatch(tenantId);

    [GeneratedRegex("^[a-z0-9][a-z0-9-]{0,38}[a-z0-9]$")]
    private static partial Regex Slug();
}
