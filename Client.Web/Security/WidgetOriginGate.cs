using System.Security.Claims;
using Orbitalyntra.Accounts;

namespace Orbitalyntra.Web.Security;

/// <summary>Whether a visitor's request comes from a website allowed to use the tenant's widget key (docs/decisions/0044).</summary>
public static class WidgetOriginGate
{
    /// <summary>What a refused website is told.</summary>
    public const string Refusal = "This website is not allowed to use the organisation's widget key: its administrators list the websites that are.";

    /// <summary>Whether <paramref name="origin"/> may use the widget key of <paramref name="tenantId"/> (any may while no list is set).</summary>
    public static async Task<bool> Allows(IClusterClient cluster, string tenantId, string? origin) =>
        WidgetOrigins.Allows(await cluster.GetGrain<ITenantGrain>(tenantId).GetAllowedOrigins() ?? [], origin);

    /// <summary>Whether a visitor's connection may join the hub: staff connect from the console wherever the tenant's site is.</summary>
    public static async Task<bool> AllowsVisitor(IClusterClient cluster, ClaimsPrincipal caller, string? origin) =>
        !caller.IsVisitor() || caller.TenantId() is not { } tenantId || await Allows(cluster, tenantId, origin);
}
