namespace Orbitalyntra.Accounts;

/// <summary>Finding an agent's grain, keyed <c>{tenantId}:{agentId}</c>, without writing the key by hand.</summary>
public static class AgentGrains
{
    /// <summary>The grain of agent <paramref name="agentId"/> of <paramref name="tenantId"/>.</summary>
    public static IAgentGrain Agent(this IGrainFactory grains, string tenantId, string agentId) =>
        grains.GetGrain<IAgentGrain>($"{tenantId}:{agentId}");
}
