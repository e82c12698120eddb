using System.Net.Http.Headers;
using System.Net.Http.Json;
using Orbitalyntra.Web.Apis;

namespace Orbitalyntra.Tests.Infrastructure;

/// <summary>
/// A tenant signed up through the real API, with its administrator signed in: what a test needs to act as that
/// tenant's staff, its API key, or its website's visitors.
/// </summary>
public sealed class TenantSession
{
    public const string AdminPassword = "correct horse battery staple";

    private readonly WebHost web;

    private TenantSession(WebHost web, TenantsApi.SignUpResponse signUp, string adminToken)
    {
        this.web = web;
        SignUp = signUp;
        AdminToken = adminToken;
    }

    public TenantsApi.SignUpResponse SignUp { get; }

    public string TenantId => SignUp.Tenant.TenantId;

    public string AdminToken { get; }

    public string ApiKey => SignUp.ApiKey;

    public static async Task<TenantSession> Create(WebHost web, string? tenantId = null)
    {
        tenantId ??= $"t-{Guid.NewGuid():N}"[..20];
        var signUp = await web.Http.PostAsJsonAsync("/api/tenants", new
        {
            tenantId,
            organisationName = "Test Organisation",
            contactEmail = "contact@example.test",
            billingReference = "cus_test123",
            admin = new { displayName = "Ada Admin", email = $"admin@{tenantId}.test", password = AdminPassword },
        });
        signUp.EnsureSuccessStatusCode();
        var created = (await signUp.Content.ReadFromJsonAsync<TenantsApi.SignUpResponse>(WebHost.Json))!;
        var token = await SignIn(web, tenantId, created.Admin.Email, AdminPassword);
        return new TenantSession(web, created, token);
    }

    public static async Task<string> SignIn(WebHost web, string tenantId, string email, string password)
    {
        var response = await web.Http.PostAsJsonAsync($"/api/tenants/{tenantId}/sessions", new { email, password });
        response.EnsureSuccessStatusCode();
        return (await response.Content.ReadFromJsonAsync<SessionsApi.SignedIn>(WebHost.Json))!.AccessToken!;
    }

    /// <summary>A fresh visitor of this tenant's website: its token and id.</summary>
    public async Task<WidgetApi.VisitorToken> NewVisitor()
    {
        var response = await web.Http.PostAsJsonAsync("/api/widget/visitor-tokens", new { widgetKey = SignUp.WidgetKey });
        response.EnsureSuccessStatusCode();
        return (await response.Content.ReadFromJsonAsync<WidgetApi.VisitorToken>(WebHost.Json))!;
    }

    /// <summary>An HTTP client that presents <paramref name="token"/> as a bearer token.</summary>
    public HttpClient Bearer(string token) => web.Client(new AuthenticationHeaderValue("Bearer", token));

    /// <summary>An HTTP client that presents the tenant's API key.</summary>
    public HttpClient WithApiKey(string? key = null) => web.Client(new AuthenticationHeaderValue("ApiKey", key ?? ApiKey));

    public HttpClient AsAdmin() => Bearer(AdminToken);

    /// <summary>Starts a conversation as a new visitor of this tenant; answers its key and the visitor's token.</summary>
    public async Task<(Orbitalyntra.Chat.ConversationKey Key, string VisitorToken)> VisitorConversation()
    {
        var visitor = await NewVisitor();
        return (await StartConversation(visitor.AccessToken), visitor.AccessToken);
    }

    /// <summary>
    /// Starts <paramref name="count"/> waiting conversations one after the other, each visitor starting as many as the
    /// default quota of open conversations per visitor allows (decision 0043): a flood of many visitors.
    /// </summary>
    public async Task<List<Orbitalyntra.Chat.ConversationKey>> StartConversationsOfManyVisitors(int count)
    {
        var started = new List<Orbitalyntra.Chat.ConversationKey>(count);
        var visitor = "";
        for (var i = 0; i < count; i++)
        {
            if (i % Orbitalyntra.Quotas.QuotaLimits.Default.OpenConversationsPerVisitor == 0)
            {
                visitor = (await NewVisitor()).AccessToken;
            }

            started.Add(await StartConversation(visitor));
        }

        return started;
    }

    /// <summary>Starts another conversation as the visitor holding <paramref name="visitorToken"/>.</summary>
    public async Task<Orbitalyntra.Chat.ConversationKey> StartConversation(string visitorToken)
    {
        using var http = Bearer(visitorToken);
        var response = await http.PostAsync($"/api/tenants/{TenantId}/conversations", null);
        response.EnsureSuccessStatusCode();
        var summary = (await response.Content.ReadFromJsonAsync<Orbitalyntra.Chat.ConversationSummary>(WebHost.Json))!;
        return new Orbitalyntra.Chat.ConversationKey(TenantId, summary.ConversationId);
    }
}
