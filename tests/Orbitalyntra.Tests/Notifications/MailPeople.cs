using Orbitalyntra.Accounts;
using Orbitalyntra.Notifications;

namespace Orbitalyntra.Tests.Notifications;

/// <summary>Tenants and account holders made through grain calls, for mail tests on clusters without a web host.</summary>
public static class MailPeople
{
    /// <summary>A new tenant of its own; answers its id.</summary>
    public static async Task<string> NewTenant(IClusterClient client, string organisation)
    {
        var tenantId = $"t-{Guid.NewGuid():N}"[..20];
        await client.GetGrain<ITenantGrain>(tenantId).Create(new NewTenant(organisation, $"contact@{tenantId}.test", null, null));
        return tenantId;
    }

    /// <summary>An account holder of the tenant with a mail language (and topics turned on); answers their address.</summary>
    public static async Task<string> Person(IClusterClient client, string tenantId, AgentRole role, string language, params MailTopic[] optedIn)
    {
        var email = $"{role.ToString().ToLowerInvariant()}-{Guid.NewGuid():N}@{tenantId}.test";
        var agentId = Guid.NewGuid().ToString("N");
        Assert.True(await client.GetGrain<ITenantGrain>(tenantId).RegisterAgentEmail(email, agentId));
        var person = client.Agent(tenantId, agentId);
        await person.Create(new NewAgent(role.ToString(), email, role, "a long enough password"));
        Assert.True(await person.SetMailPreferences(new MailPreferences(language, [], [.. optedIn])));
        return email;
    }
}
