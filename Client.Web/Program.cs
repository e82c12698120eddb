using Orbitalyntra.Web.Apis;
using Orbitalyntra.Web.Hosting;
using Orbitalyntra.Web.Hubs;

var builder = WebApplication.CreateBuilder(args);
builder.AddOrbitalyntraClusterClient();
builder.AddOrbitalyntraApi();

var app = builder.Build();
app.UseOrbitalyntraErrors();
app.MapOpenApi();
app.MapConversationsApi();
app.MapHub<ChatHub>("/hubs/chat");
app.Run();
