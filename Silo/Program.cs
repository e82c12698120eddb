using Microsoft.Extensions.Hosting;
using Orbitalyntra.Silo;

var builder = Host.CreateApplicationBuilder(args);
builder.UseOrleans(silo => silo
    .AddOrbitalyntraCluster(builder.Configuration)
    .AddOrbitalyntraStorage(builder.Configuration)
    .AddOrbitalyntraStreams()
    .AddOrbitalyntraReminders(builder.Configuration)
    .AddOrbitalyntraDashboard()
    .AddOrbitalyntraSeed());

await builder.Build().RunAsync();
