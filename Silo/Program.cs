using Microsoft.AspNetCore.Builder;
using Microsoft.Extensions.Hosting;
using Orbitalyntra.Hosting;
using Orbitalyntra.Silo;

// The silo reads its appsettings from beside its assembly, wherever it is started from. Its HTTP port (Urls) serves the
// platform's probes and the metrics scrape only: it is never exposed outside the cluster's network.
var builder = WebApplication.CreateSlimBuilder(new WebApplicationOptions { Args = args, ContentRootPath = AppContext.BaseDirectory });
builder.UseOrleans(silo => silo.AddOrbitalyntraSilo(builder.Configuration));
builder.AddOrbitalyntraTelemetry("orbitalyntra-silo");
builder.Services.AddOrbitalyntraSiloHealth(builder.Configuration);

var app = builder.Build();
app.MapOrbitalyntraHealth();
app.MapOrbitalyntraMetrics();
await app.RunAsync();
