using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.Hosting;
using Orbitalyntra.Benchmarks.Targets;
using Orbitalyntra.Silo;

namespace Orbitalyntra.Benchmarks.Faq;

/// <summary>The verbs <c>faq-relevance</c> and <c>faq-search</c>: a silo in this process (memory storage) and the fixture.</summary>
public static class FaqBenchmark
{
    public static async Task<int> Run(string verb)
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
            var fixture = FaqFixture.Load();
            if (verb == "faq-relevance")
            {
                await FaqRelevance.Seed(grains, "faqbench", fixture);
                var precision = await FaqRelevance.Measure(grains, "faqbench", fixture);
                Console.WriteLine($"{fixture.Articles.Count} articles, {fixture.Questions.Count} questions: {precision}");
                foreach (var miss in precision.Misses)
                {
                    Console.WriteLine($"  missed at 3: {miss}");
                }

                return 0;
            }

            Console.WriteLine(await FaqRelevance.MeasureLatency(grains, "faqbench", fixture));
            return 0;
        }
        finally
        {
            await host.StopAsync();
        }
    }
}
