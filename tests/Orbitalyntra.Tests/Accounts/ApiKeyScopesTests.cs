using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using Azure.Storage.Blobs;
using Microsoft.Extensions.DependencyInjection;
using Orbitalyntra.Accounts;
using Orbitalyntra.Tests.Infrastructure;
using Orleans.Serialization;

namespace Orbitalyntra.Tests.Accounts;

/// <summary>API keys' scopes (issue 15, docs/decisions/0051-api-key-scopes.md), through the real host.</summary>
[Collection(ChatClusterCollection.Name)]
public sealed class ApiKeyScopesTests(ChatCluster chat)
{
    /// <summary>An endpoint, the body it is sent, and the scope it names (admin for every endpoint that names none).</summary>
    public sealed record Call(string Method, string Path, object? Body, string Scope);

    /// <summary>
    /// Endpoints of every kind: those a scope names, the administrators', the staff's and the visitors' own. {t} is the
    /// tenant, {c} a conversation, {s} a subject.
    /// </summary>
    private static readonly Call[] Endpoints =
    [
        new("GET", "/api/tenants/{t}/conversations/{c}", null, ApiKeyScopes.ConversationsRead),
        new("GET", "/api/tenants/{t}/conversations/{c}/messages", null, ApiKeyScopes.ConversationsRead),
        new("PUT", "/api/tenants/{t}/crm/contacts", new { externalId = "user-that-never-came", name = "Zoé" }, ApiKeyScopes.ContactsWrite),
        new("GET", "/api/tenants/{t}/webhooks", null, ApiKeyScopes.WebhooksManage),
        new("GET", "/api/tenants/{t}/webhooks/event-types", null, ApiKeyScopes.WebhooksManage),
        new("POST", "/api/tenants/{t}/conversations/{c}/messages", new { clientMessageId = "scope-1", text = "hello" }, ApiKeyScopes.Admin),
        new("POST", "/api/tenants/{t}/conversations/{c}/notes", new { clientMessageId = "scope-2", text = "note" }, ApiKeyScopes.Admin),
        new("PUT", "/api/tenants/{t}/conversations/{c}/status", new { status = "pending" }, ApiKeyScopes.Admin),
        new("POST", "/api/tenants/{t}/conversations/{c}/claim", null, ApiKeyScopes.Admin),
        new("GET", "/api/tenants/{t}", null, ApiKeyScopes.Admin),
        new("GET", "/api/tenants/{t}/inbox", null, ApiKeyScopes.Admin),
        new("GET", "/api/tenants/{t}/canned-answers", null, ApiKeyScopes.Admin),
        new("GET", "/api/tenants/{t}/api-keys", null, ApiKeyScopes.Admin),
        new("GET", "/api/tenants/{t}/agents", null, ApiKeyScopes.Admin),
        new("GET", "/api/tenants/{t}/subjects/{s}", null, ApiKeyScopes.Admin),
        new("PUT", "/api/tenants/{t}/subjects/{s}/contact", new { name = "Zoé" }, ApiKeyScopes.Admin),
        new("GET", "/api/tenants/{t}/audit", null, ApiKeyScopes.Admin),
        new("GET", "/api/tenants/{t}/visitors/me/privacy", null, ApiKeyScopes.Admin),
        new("POST", "/api/tenants/{t}/visitors/me/page-views", new { url = "https://shop.example/" }, ApiKeyScopes.Admin),
        new("POST", "/hubs/chat/negotiate?negotiateVersion=1", null, ApiKeyScopes.Admin),
    ];

    public static TheoryData<string> NarrowScopes => [ApiKeyScopes.ConversationsRead, ApiKeyScopes.ContactsWrite, ApiKeyScopes.WebhooksManage];

    [Theory]
    [MemberData(nameof(NarrowScopes))]
    public async Task A_key_reaches_the_endpoints_its_scope_names_and_is_refused_403_naming_the_scope_everywhere_else(string scope)
    {
        var tenant = await chat.NewTenant();
        var (conversation, _) = await tenant.VisitorConversation();
        var subject = (await tenant.NewVisitor()).VisitorId;
        using var key = tenant.WithApiKey((await Issue(tenant, "scoped", [scope])).Key);

        foreach (var call in Endpoints)
        {
            var response = await Send(key, call, tenant.TenantId, conversation.ConversationId, subject);
            var what = $"{call.Method} {call.Path} with {scope}";
            if (call.Scope == scope)
            {
                Assert.True(response.StatusCode is HttpStatusCode.OK or HttpStatusCode.NotFound, $"{what}: {response.StatusCode}");
                if (response.StatusCode == HttpStatusCode.NotFound)
                {
                    // Only the contact of a user who never came is not found; the route itself is reached.
                    Assert.Equal(ApiKeyScopes.ContactsWrite, scope);
                    Assert.Equal("Contact not found.", (await response.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("title").GetString());
                }
            }
            else
            {
                Assert.True(response.StatusCode == HttpStatusCode.Forbidden, $"{what}: {response.StatusCode}");
                var problem = await response.Content.ReadFromJsonAsync<JsonElement>();
                Assert.Equal(call.Scope, problem.GetProperty("scope").GetString());
                Assert.Contains($"'{call.Scope}'", problem.GetProperty("detail").GetString(), StringComparison.Ordinal);
            }
        }

        // Nothing the refused calls asked for happened.
        using var admin = tenant.AsAdmin();
        var page = await admin.GetFromJsonAsync<JsonElement>($"/api/tenants/{tenant.TenantId}/conversations/{conversation.ConversationId}/messages");
        Assert.Empty(page.GetProperty("messages").EnumerateArray());
    }

    [Fact]
    public async Task An_admin_key_reaches_every_endpoint_a_narrower_scope_names()
    {
        var tenant = await chat.NewTenant();
        var (conversation, _) = await tenant.VisitorConversation();
        using var key = tenant.WithApiKey();
        foreach (var call in Endpoints.Where(c => c.Scope != ApiKeyScopes.Admin))
        {
            var response = await Send(key, call, tenant.TenantId, conversation.ConversationId, "unused");
            Assert.True(response.StatusCode is HttpStatusCode.OK or HttpStatusCode.NotFound, $"{call.Method} {call.Path}: {response.StatusCode}");
        }
    }

    [Fact]
    public async Task The_OpenAPI_document_says_which_scope_each_operation_needs()
    {
        var document = await chat.Web.Http.GetFromJsonAsync<JsonElement>("/openapi/v1.json");
        // A group's "/" route is listed with its trailing slash.
        string ScopeOf(string path, string method) => document.GetProperty("paths").EnumerateObject().Single(p => p.Name.TrimEnd('/') == path)
            .Value.GetProperty(method).GetProperty("x-api-key-scope").GetString()!;

        Assert.Equal(ApiKeyScopes.ContactsWrite, ScopeOf("/api/tenants/{tenantId}/crm/contacts", "put"));
        Assert.Equal(ApiKeyScopes.ConversationsRead, ScopeOf("/api/tenants/{tenantId}/conversations/{conversationId}/messages", "get"));
        Assert.Equal(ApiKeyScopes.Admin, ScopeOf("/api/tenants/{tenantId}/conversations/{conversationId}/messages", "post"));
        Assert.Equal(ApiKeyScopes.WebhooksManage, ScopeOf("/api/tenants/{tenantId}/webhooks/{endpointId}/test", "post"));
        Assert.Equal(ApiKeyScopes.Admin, ScopeOf("/api/tenants/{tenantId}/agents", "get"));
    }

    [Fact]
    public async Task Scopes_are_chosen_at_issue_listed_kept_on_rotation_and_checked()
    {
        var tenant = await chat.NewTenant();
        using var admin = tenant.AsAdmin();
        var keys = $"/api/tenants/{tenant.TenantId}/api-keys";
        var issued = await Issue(tenant, "crm", [ApiKeyScopes.ConversationsRead, ApiKeyScopes.ContactsWrite]);
        Assert.Equal([ApiKeyScopes.ConversationsRead, ApiKeyScopes.ContactsWrite], issued.Summary.Scopes);

        var rotated = (await (await admin.PostAsync($"{keys}/{issued.Summary.KeyId}/rotate", null)).Content.ReadFromJsonAsync<IssuedApiKey>(WebHost.Json))!;
        Assert.Equal([ApiKeyScopes.ConversationsRead, ApiKeyScopes.ContactsWrite], rotated.Summary.Scopes);
        var listed = (await admin.GetFromJsonAsync<List<ApiKeySummary>>(keys, WebHost.Json))!;
        Assert.Equal([ApiKeyScopes.Admin], listed.Single(k => k.Label == "initial").Scopes);
        Assert.Equal([ApiKeyScopes.ConversationsRead, ApiKeyScopes.ContactsWrite], listed.Single(k => k.KeyId == rotated.Summary.KeyId).Scopes);
        Assert.Equal(ApiKeyScopes.All, await admin.GetFromJsonAsync<List<string>>($"{keys}/scopes"));

        foreach (var scopes in new object?[] { null, Array.Empty<string>(), new[] { "conversations:write" } })
        {
            var refused = await admin.PostAsJsonAsync(keys, new { label = "bad", scopes });
            Assert.Equal(HttpStatusCode.BadRequest, refused.StatusCode);
            Assert.True((await refused.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("errors").TryGetProperty("scopes", out _));
        }

        // The initial key, the rotated one and its replacement: nothing more.
        Assert.Equal(3, (await admin.GetFromJsonAsync<List<ApiKeySummary>>(keys, WebHost.Json))!.Count);
    }

    [Fact]
    public async Task A_key_stored_before_scopes_existed_still_acts_as_an_administrator()
    {
        var tenant = await chat.NewTenant();
        var issued = await Issue(tenant, "old", [ApiKeyScopes.ConversationsRead]);
        await StoreWithoutScopes(tenant.TenantId);

        using var old = tenant.WithApiKey(issued.Key);
        Assert.Equal(HttpStatusCode.OK, (await old.GetAsync($"/api/tenants/{tenant.TenantId}/agents")).StatusCode);
        Assert.Equal(HttpStatusCode.OK, (await old.GetAsync($"/api/tenants/{tenant.TenantId}/webhooks")).StatusCode);
        var listed = (await old.GetFromJsonAsync<List<ApiKeySummary>>($"/api/tenants/{tenant.TenantId}/api-keys", WebHost.Json))!;
        Assert.All(listed, k => Assert.Equal([ApiKeyScopes.Admin], k.Scopes));
    }

    [Fact]
    public async Task A_key_of_one_tenant_reaches_nothing_of_another()
    {
        var mine = await chat.NewTenant();
        var theirs = await chat.NewTenant();
        var (conversation, _) = await theirs.VisitorConversation();
        var scopes = new[] { ApiKeyScopes.ConversationsRead, ApiKeyScopes.ContactsWrite, ApiKeyScopes.WebhooksManage };
        using var key = mine.WithApiKey((await Issue(mine, "all but admin", scopes)).Key);
        foreach (var call in Endpoints.Where(c => c.Scope != ApiKeyScopes.Admin))
        {
            var response = await Send(key, call, theirs.TenantId, conversation.ConversationId, "unused");
            Assert.True(response.StatusCode == HttpStatusCode.NotFound, $"{call.Method} {call.Path}: {response.StatusCode}");
            Assert.NotEqual("Contact not found.", (await response.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("title").GetString());
        }
    }

    private async Task<IssuedApiKey> Issue(TenantSession tenant, string label, string[] scopes)
    {
        using var admin = tenant.AsAdmin();
        var response = await admin.PostAsJsonAsync($"/api/tenants/{tenant.TenantId}/api-keys", new { label, scopes });
        Assert.Equal(HttpStatusCode.Created, response.StatusCode);
        return (await response.Content.ReadFromJsonAsync<IssuedApiKey>(WebHost.Json))!;
    }

    private static Task<HttpResponseMessage> Send(HttpClient client, Call call, string tenantId, Guid conversationId, string subjectId)
    {
        var path = call.Path.Replace("{t}", tenantId).Replace("{c}", conversationId.ToString()).Replace("{s}", subjectId);
        var request = new HttpRequestMessage(new HttpMethod(call.Method), path)
        {
            Content = call.Body is null ? null : JsonContent.Create(call.Body),
        };
        return client.SendAsync(request);
    }

    /// <summary>Rewrites the tenant's stored keys as the code before scopes wrote them (no scopes), and reloads the tenant.</summary>
    private async Task StoreWithoutScopes(string tenantId)
    {
        var serializer = chat.Client.ServiceProvider.GetRequiredService<Serializer>();
        var container = new BlobServiceClient(TestStorage.ConnectionString).GetBlobContainerClient("grainstate");
        var stored = await container.GetBlobsAsync(new Azure.Storage.Blobs.Models.GetBlobsOptions { Prefix = "tenant-" })
            .Where(b => b.Name.EndsWith($"/{tenantId}.json", StringComparison.Ordinal)).SingleAsync();
        var blob = container.GetBlobClient(stored.Name);
        var state = serializer.Deserialize<Orbitalyntra.Accounts.TenantState>((await blob.DownloadContentAsync()).Value.Content.ToArray());
        var legacy = state! with { ApiKeys = [.. state.ApiKeys.Select(k => k with { Summary = k.Summary with { Scopes = null } })] };
        await blob.UploadAsync(new BinaryData(serializer.SerializeToArray(legacy)), overwrite: true);
        await chat.Deactivate(chat.Client.GetGrain<ITenantGrain>(tenantId));
    }
}
