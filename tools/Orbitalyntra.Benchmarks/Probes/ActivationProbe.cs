using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.Hosting;
using Orbitalyntra.Benchmarks.Targets;
using Orbitalyntra.Chat;
using Orbitalyntra.Silo;

namespace Orbitalyntra.Benchmarks.Probes;

/// <summary>
/// Managed heap per idle conversation activation: a silo in this process (memory storage) starts N conversations, the
/// heap is measured with the activations alive and again after they are all deactivated; the difference over N is
/// what one idle activation holds (its stored state stays in the memory storage in both measurements).
/// </summary>
public static class ActivationProbe
{
    public static async Task<double> BytesPerActivation(int count)
    {
        var builder = Host.CreateApplicationBuilder(new HostApplicationBuilderSettings { DisableDefaults = true });
        builder.Configuration.AddInMemoryCollection(new Dictionary<string, string?>
        {
            ["Storage:Mode"] = "Memory",
            ["Orleans:SiloPort"] = FreePort.Next().ToString(),
            ["Orleans:GatewayPort"] = FreePort.Next().ToString(),
        });
        builder.UseOrleans(silo => silo.AddOrbitalyntraSilo(builder.Configuration));
        using var host = builder.Build();
        await host.StartAsync();
        try
        {
            var grains = host.Services.GetRequiredService<IGrainFactory>();
            var management = grains.GetGrain<IManagementGrain>(0);
            await Parallel.ForEachAsync(Enumerable.Range(0, count), new ParallelOptions { MaxDegreeOfParallelism = 64 }, async (_, _) =>
                await grains.GetGrain<IConversationGrain>(new ConversationKey("demo", Guid.NewGuid()).ToString()).Start(visitorId: null));
            var withActivations = Heap();

            await management.ForceActivationCollection(TimeSpan.FromMilliseconds(1));
            var deadline = DateTime.UtcNow.AddMinutes(2);
            while (await management.GetTotalActivationCount() > 100 && DateTime.UtcNow < deadline)
            {
                await Task.Delay(250);
                await management.ForceActivationCollection(TimeSpan.FromMilliseconds(1));
            }

            var withoutActivations = Heap();
            return (withActivations - withoutActivations) / (double)count;
        }
        finally
        {
            await host.StopAsync();
        }
    }

    private static long Heap()
    {
        GC.Collect(GC.MaxGeneration, GCCollectionMode.Forced, blocking: true, compacting: true);
        GC.WaitForPendingFinalizers();
        GC.Collect(GC.MaxGeneration, GCCollectionMode.Forced, blocking: true, compacting: true);
        return GC.GetTotalMemory(forceFullCollection: true);
    }

}
