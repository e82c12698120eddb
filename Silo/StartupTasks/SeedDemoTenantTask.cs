using Orbitalyntra.Accounts;

namespace Orbitalyntra.Silo.StartupTasks;

/// <summary>Creates the demo tenant if it is missing; idempotent, so every silo may run it.</summary>
public sealed class SeedDemoTenantTask(IGrainFactory grains) : IStartupTask
{
    public Task Execute(CancellationToken cancellationToken) =>
        grains.GetGrain<ITenantGrain>(TenantIds.Demo).EnsureCreated("Demo Organisation");
}
