using Microsoft.Extensions.Hosting;
using Orbitalyntra.Silo;

// The silo reads its appsettings from beside its assembly, wherever it is started from.
var builder = Host.CreateApplicationBuilder(new HostApplicationBuilderSettings { Args = args, ContentRootPath = AppContext.BaseDirectory });
builder.UseOrleans(silo => silo.AddOrbitalyntraSilo(builder.Configuration));
await builder.Build().RunAsync();
