using Orbitalyntra.Web.Apis;
using Orbitalyntra.Web.Hosting;
using Orbitalyntra.Web.Hubs;

var builder = WebApplication.CreateBuilder(args);
builder.AddOrbitalyntraClusterClient();
builder.AddOrbitalyntraAuth();
builder.AddOrbitalyntraApi();

var app = builder.Build();
app.UseOrbitalyntraErrors();
app.UseOrbitalyntraWebUi();
app.UseOrbitalyntraAuth();
app.MapOpenApi().AllowAnonymous();
app.MapTenantsApi();
app.MapSessionsApi();
app.MapAgentsApi();
app.MapApiKeysApi();
app.MapWidgetApi();
app.MapConversationsApi();
app.MapFilesApi();
app.MapCannedAnswersApi();
app.MapInboxApi();
app.MapPrivacyApi();
app.MapVisitorsApi();
app.MapRetentionApi();
app.MapAnalyticsApi();
app.MapHub<ChatHub>("/hubs/chat", hub => hub.CloseOnAuthenticationExpiration = true);
app.Run();
