using System.Net;
using System.Net.Http.Headers;
using System.Net.Http.Json;
using System.Reflection;
using System.Text.Json;
using Microsoft.AspNetCore.SignalR;
using Orbitalyntra.Accounts;
using Orbitalyntra.Tests.Infrastructure;
using Orbitalyntra.Web.Chat;
using Orbitalyntra.Web.Hubs;

namespace Orbitalyntra.Tests.Accounts;

/// <summary>
/// Every REST endpoint of the OpenAPI document and every hub method, called on tenant A's resources by tenant B's
/// administrator, tenant B's API key, a visitor of A who does not own the conversation, and nobody: each call is refused
/// with 401, 403 or 404, and A's data is unchanged. A new endpoint without its checks fails here.
/// </summary>
[Collection(ChatClusterCollection.Name)]
public sealed class TenantIsolationTests(ChatCluster chat)
{
    /// <summary>
    /// Endpoints that are public on purpose: they take credentials in their body, or make them, or count anonymously, or
    /// search and read the tenant's published articles.
    /// </summary>
    private static readonly HashSet<string> PublicEndpoints =
    [
        "POST /api/tenants",
        "POST /api/tenants/{tenantId}/sessions",
        "POST /api/widget/visitor-tokens",
        "GET /api/widget/challenge",
        "POST /api/tenants/{tenantId}/page-views/anonymous",
        "POST /api/operators/sessions",
        "GET /api/tenants/{tenantId}/help/search",
        "GET /api/tenants/{tenantId}/help/articles",
        "GET /api/tenants/{tenantId}/help/articles/{articleId}",

        // One-click unsubscribe from mail clients: the token in the link is the credential (a keyed hash of person and topic).
        "POST /api/unsubscribe/{tenantId}/{recipientId}/{topic}",
        "GET /api/unsubscribe/{tenantId}/{recipientId}/{topic}",

        // A visitor's double opt-in link: the token in it is the credential (a keyed hash of visitor, address and expiry).
        "POST /api/mail-confirmations",

        // An account holder's new address: the token in the mailed link is the credential (a keyed hash of agent, address and expiry).
        "POST /api/account-email-confirmations",

        // Privacy policies are published to be read by anyone: the platform's on /privacy, a tenant's notice to its visitors.
        "GET /api/privacy/policy",
        "GET /api/tenants/{tenantId}/privacy/notice",
    ];

    /// <summary>Endpoints about the caller's own session, not any tenant's data: only anonymous callers are refused.</summary>
    private static readonly HashSet<string> CallersOwn = ["DELETE /api/sessions/current"];

    /// <summary>What a visitor of the tenant may do by design, on no one else's data: start a conversation, exercise its own rights.</summary>
    private static readonly HashSet<string> VisitorsMayCall =
    [
        "POST /api/tenants/{tenantId}/conversations",
        "GET /api/tenants/{tenantId}/visitors/me/privacy",
        "PUT /api/tenants/{tenantId}/visitors/me/contact",
        "POST /api/tenants/{tenantId}/visitors/me/consents",
        "POST /api/tenants/{tenantId}/visitors/me/erasure",
        // Their own export: a visitor who started a conversation has a record (their network's keyed hash, decision 0049).
        "GET /api/tenants/{tenantId}/visitors/me/export",
        "POST /api/tenants/{tenantId}/visitors/me/requests",
        "POST /api/tenants/{tenantId}/visitors/me/page-views",
        "GET /api/tenants/{tenantId}/visitors/me/availability",
        "GET /api/tenants/{tenantId}/visitors/me/notice",
        "GET /api/tenants/{tenantId}/visitors/me/mail",
        "PUT /api/tenants/{tenantId}/visitors/me/mail",
    ];

    /// <summary>What the hub says when it refuses; any other error (a crash half-way, say) is not a refusal.</summary>
    private static readonly string[] RefusalPhrases = ["There is no conversation", "Only the tenant's staff"];

    private static readonly HttpStatusCode[] Refusals = [HttpStatusCode.Unauthorized, HttpStatusCode.Forbidden, HttpStatusCode.NotFound];

    /// <summary>One body that fits every endpoint's request shape, so that a refusal is never a validation error in disguise.</summary>
    private static readonly object AnyBody = new
    {
        clientMessageId = "isolation-probe",
        text = "isolation probe",
        label = "probe",
        displayName = "Probe",
        email = "probe@example.test",
        password = "a probe password",
        role = "admin",
    };

    private sealed record Attacker(string Name, Func<HttpClient> Http, string? HubToken, IDictionary<string, string>? HubHeaders);

    [Fact]
    public async Task Every_endpoint_and_hub_method_refuses_other_tenants_foreign_visitors_and_anonymous_callers()
    {
        var a = await chat.NewTenant();
        var b = await chat.NewTenant();
        var (conversation, ownerToken) = await a.VisitorConversation();
        var foreignVisitor = await a.NewVisitor();
        using var aStaff = a.AsAdmin();
        var answer = await (await aStaff.PostAsJsonAsync($"/api/tenants/{a.TenantId}/canned-answers", new { shortcut = "probe", text = "A's answer" }))
            .Content.ReadFromJsonAsync<Orbitalyntra.Desk.CannedAnswer>(WebHost.Json);
        var article = await (await aStaff.PostAsJsonAsync($"/api/tenants/{a.TenantId}/faq/articles", new { language = "en", title = "A's article", body = "A's text" }))
            .Content.ReadFromJsonAsync<Orbitalyntra.Faq.FaqArticle>(WebHost.Json);
        using var ownerAsVisitor = a.Bearer(ownerToken);
        var ownersRequest = await (await ownerAsVisitor.PostAsJsonAsync($"/api/tenants/{a.TenantId}/visitors/me/requests", new { kind = "access" }))
            .Content.ReadFromJsonAsync<Orbitalyntra.Privacy.SubjectRequest>(WebHost.Json);
        var ban = await chat.Client.GetGrain<Orbitalyntra.Bans.IVisitorBansGrain>(a.TenantId)
            .Ban(new Orbitalyntra.Bans.BanOrder("v0123456789abcdef01234567", null, DateTimeOffset.UtcNow.AddHours(1), a.SignUp.Admin.AgentId, null));
        var values = new Dictionary<string, string>
        {
            ["banId"] = ban.BanId,
            ["tenantId"] = a.TenantId,
            ["conversationId"] = conversation.ConversationId.ToString(),
            ["agentId"] = a.SignUp.Admin.AgentId,
            ["keyId"] = a.ApiKey.Split('_')[2],
            ["answerId"] = answer!.AnswerId.ToString(),
            ["subjectId"] = (await chat.Conversation(conversation).GetSummary())!.VisitorId!,
            ["requestId"] = ownersRequest!.RequestId.ToString("N"),
            ["sequence"] = "1",
            ["articleId"] = article!.ArticleId.ToString(),
            ["noticeId"] = Guid.NewGuid().ToString(),
            ["recipientId"] = a.SignUp.Admin.AgentId,
            ["topic"] = "serviceUpdates",
            ["endpointId"] = "0123456789abcdef",
            ["tenant"] = a.TenantId,
            ["holdId"] = Guid.NewGuid().ToString(),
        };
        Attacker[] attackers =
        [
            new("tenant B's administrator", () => b.AsAdmin(), b.AdminToken, null),
            new("tenant B's API key", () => b.WithApiKey(), null, new Dictionary<string, string> { ["Authorization"] = "ApiKey " + b.ApiKey }),
            new("a visitor of A who does not own the conversation", () => a.Bearer(foreignVisitor.AccessToken), foreignVisitor.AccessToken, null),
            new("no credentials", () => chat.Web.Client(null), null, null),
        ];

        var endpoints = await Endpoints();
        Assert.True(endpoints.Count >= 28, $"the OpenAPI document lists {endpoints.Count} endpoints");
        Assert.Subset(endpoints.Select(e => $"{e.Method} {e.Path}").ToHashSet(), PublicEndpoints);
        var failures = new List<string>();
        foreach (var (method, path) in endpoints.Where(e => !PublicEndpoints.Contains($"{e.Method} {e.Path}")))
        {
            var url = Fill(path, values);
            foreach (var attacker in attackers)
            {
                using var http = attacker.Http();
                using var request = new HttpRequestMessage(new HttpMethod(method), url);
                if (method is "POST" or "PUT" or "PATCH")
                {
                    request.Content = JsonContent.Create(AnyBody);
                }

                var status = (await http.SendAsync(request)).StatusCode;
                var visitorByDesign = attacker.Name.StartsWith("a visitor") && VisitorsMayCall.Contains($"{method} {path}");
                var ownSession = attacker.Name != "no credentials" && CallersOwn.Contains($"{method} {path}");
                if (!Refusals.Contains(status) && !visitorByDesign && !ownSession)
                {
                    failures.Add($"{method} {path} by {attacker.Name}: {(int)status}");
                }
            }
        }

        foreach (var hubMethod in typeof(ChatHub).GetMethods(BindingFlags.Public | BindingFlags.Instance | BindingFlags.DeclaredOnly)
                     .Where(m => m.Name is not (nameof(ChatHub.OnConnectedAsync) or nameof(ChatHub.OnDisconnectedAsync))))
        {
            var arguments = hubMethod.GetParameters().Select(p => p.ParameterType switch
            {
                var t when t == typeof(long) => (object?)0L,
                var t when t == typeof(PostMessageRequest) => new PostMessageRequest("isolation-probe", "isolation probe"),
                _ when p.Name == "tenantId" => a.TenantId,
                _ when p.Name == "conversationId" => conversation.ConversationId.ToString(),
                _ when p.Name == "articleId" => article!.ArticleId,
                _ => throw new InvalidOperationException($"Give the isolation test a value for {hubMethod.Name}({p.Name})."),
            }).ToArray();
            foreach (var attacker in attackers)
            {
                if (await HubCallRefused(attacker, hubMethod.Name, arguments) is { } accepted)
                {
                    failures.Add($"hub {hubMethod.Name} by {attacker.Name}: {accepted}");
                }
            }
        }

        Assert.True(failures.Count == 0, string.Join("\n", failures));
        Assert.Empty(await Orbitalyntra.Tests.Chat.ChatTestData.History(chat.Conversation(conversation)));
        Assert.Equal(1, (await chat.Client.GetGrain<ITenantGrain>(a.TenantId).ListApiKeys()).Count(k => k.RevokedAt is null));
        Assert.Equal([answer], await chat.Client.GetGrain<Orbitalyntra.Desk.ICannedAnswersGrain>(a.TenantId).List());
        Assert.Equal([ban], await chat.Client.GetGrain<Orbitalyntra.Bans.IVisitorBansGrain>(a.TenantId).List());
        var owner = await chat.Client.GetGrain<Orbitalyntra.Privacy.IDataSubjectGrain>($"{a.TenantId}:{values["subjectId"]}")
            .Read(Orbitalyntra.Privacy.Actor.System("isolation-test"));
        Assert.True(owner is null or { Contact: null, Erasure: null, Consents.Count: 0, Restricted: false, Objected: false }, $"{owner}");
        var requests = await chat.Client.GetGrain<Orbitalyntra.Privacy.IPrivacyRequestsGrain>(a.TenantId).List(openOnly: false);
        Assert.Equal([ownersRequest], requests.Where(r => r.SubjectId == ownersRequest.SubjectId));
        using var ownerHttp = a.Bearer(ownerToken);
        Assert.Equal(HttpStatusCode.OK, (await ownerHttp.GetAsync($"/api/tenants/{a.TenantId}/conversations/{conversation.ConversationId}")).StatusCode);
    }

    /// <summary>Null when the hub refused the caller (no connection, or a hub error); otherwise what happened.</summary>
    private async Task<string?> HubCallRefused(Attacker attacker, string method, object?[] arguments)
    {
        ChatClient client;
        try
        {
            client = await ChatClient.Connect(chat.Web, attacker.HubToken, attacker.HubHeaders);
        }
        catch (HttpRequestException refused) when (refused.StatusCode == HttpStatusCode.Unauthorized)
        {
            return null;
        }

        await using (client)
        {
            try
            {
                await client.Invoke(method, arguments);
                return "the call succeeded";
            }
            catch (HubException refused) when (RefusalPhrases.Any(phrase => refused.Message.Contains(phrase, StringComparison.Ordinal)))
            {
                return null;
            }
            catch (HubException other)
            {
                return $"an error that is not a refusal: {other.Message}";
            }
        }
    }

    private async Task<List<(string Method, string Path)>> Endpoints()
    {
        var document = await chat.Web.Http.GetFromJsonAsync<JsonElement>("/openapi/v1.json");
        return document.GetProperty("paths").EnumerateObject()
            .SelectMany(path => path.Value.EnumerateObject().Select(operation => (operation.Name.ToUpperInvariant(), path.Name)))
            .ToList();
    }

    private static string Fill(string path, IReadOnlyDictionary<string, string> values) =>
        System.Text.RegularExpressions.Regex.Replace(path, "{([^}]+)}", match =>
            values.TryGetValue(match.Groups[1].Value, out var value)
                ? value
                : throw new InvalidOperationException($"Give the isolation test a value for {{{match.Groups[1].Value}}} in {path}."));
}
