using Microsoft.Extensions.Configuration;
using Orbitalyntra.Accounts;
using Orbitalyntra.Privacy;
using Orleans.Storage;

namespace Orbitalyntra.Silo.StartupTasks;

/// <summary>
/// Creates the demo tenant if it is missing and, when <c>Demo:AdminEmail</c> and <c>Demo:AdminPassword</c> are
/// configured (scripts/run.sh makes a random password), its administrator, and a first version of its privacy notice to
/// its visitors. Idempotent, so every silo may run it (two silos starting at once may both publish the notice: a second,
/// identical version, not material).
/// </summary>
public sealed class SeedDemoTenantTask(IGrainFactory grains, IConfiguration configuration) : IStartupTask
{
    private const string DemoAdminId = "00000000000000000000000000000001";

    private static readonly PolicyDraft DemoNotice = new(null, Material: false, new LocalizedText(
        "Demo Organisation répond à vos questions par ce chat. Avec votre accord, nous mesurons les pages vues pour améliorer notre aide.",
        "Demo Organisation answers your questions through this chat. With your consent, we measure the pages you view to improve our help."),
        AccountHolders: null, Url: null);

    public async Task Execute(CancellationToken cancellationToken)
    {
        var tenant = grains.GetGrain<ITenantGrain>(TenantIds.Demo);
        await EnsureCreated(tenant);
        var notice = grains.TenantNotice(TenantIds.Demo);
        if ((await notice.Versions()).Count == 0)
        {
            await notice.Publish(DemoNotice, Privacy.Actor.System("seed"));
        }

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
