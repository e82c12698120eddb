using Microsoft.Extensions.Hosting;
using Orbitalyntra.Silo;

var builder = Host.CreateApplicationBuilder(args);
builder.UseOrleans(silo => silo.AddOrbitalyntraSilo(builder.Configuration));
await builder.Build().RunAsync();
