using Microsoft.Extensions.Configuration;
using Orbitalyntra.Accounts;
using Orleans.Storage;

namespace Orbitalyntra.Silo.StartupTasks;

/// <summary>
/// Creates the demo tenant if it is missing and, when <c>Demo:AdminEmail</c> and <c>Demo:AdminPassword</c> are
/// configured (scripts/run.sh makes a random password), its administrator. Idempotent, so every silo may run it.
/// </summary>
public sealed class SeedDemoTenantTask(IGrainFactory grains, IConfiguration configuration) : IStartupTask
{
    private const string DemoAdminId = "00000000000000000000000000000001";

    public async Task Execute(CancellationToken cancellationToken)
    {
        var tenant = grains.GetGrain<ITenantGrain>(TenantIds.Demo);
        await EnsureCreated(tenant);
        if (configuration["Demo:AdminEmail"] is not { Length: > 0 } email || configuration["Demo:AdminPassword"] is not { Length: > 0 } password)
        {
            return;
        }

        var admin = grains.Agent(TenantIds.Demo, DemoAdminId);
        if (await admin.GetProfile() is null && await tenant.RegisterAgentEmail(email, DemoAdminId))
        {
            await admin.Create(new NewAgent("Demo Administrator", email, AgentRole.Admin, password));
        }
    }

    // Two clusters on one storage (parallel test clusters) can each activate the tenant and create it at once: the
    // loser's write is refused and Orleans deactivates that activation, so the next attempt reads what the winner stored.
    private static async Task EnsureCreated(ITenantGrain tenant)
    {
        for (var attempt = 1; ; attempt++)
        {
            try
            {
                await tenant.EnsureCreated("Demo Organisation");
                return;
            }
            catch (InconsistentStateException) when (attempt < 3)
            {
            }
        }
    }
}
