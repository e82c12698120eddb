using System.Security.Claims;
using Orbitalyntra.Accounts;

namespace Orbitalyntra.Web.Security;

/// <summary>Telling a signed-in agent from the tenant's other staff: presence and claims are a person's, not an API key's.</summary>
public static class SignedInAgents
{
    /// <summary>The caller's agent id when the caller is a signed-in agent of the tenant (not an API key); otherwise null.</summary>
    public static async Task<string?> SignedInAgentId(this IGrainFactory grains, ClaimsPrincipal caller, string tenantId) =>
        caller.IsStaffOf(tenantId) && caller.SubjectId() is { } id && Guid.TryParseExact(id, "N", out _)
            && await grains.Agent(tenantId, id).GetProfile() is not null
            ? id
            : null;
}
