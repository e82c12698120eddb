using System.Net.Http.Headers;
using System.Net.Http.Json;
using System.Text.Json;
using System.Text.Json.Serialization;
using Microsoft.AspNetCore.SignalR.Client;
using Orbitalyntra.Chat;

namespace Orbitalyntra.Benchmarks.Load;

/// <summary>The chat API and hub protocol as a widget and a console speak them (docs/api.md), shared by the generator and the ceiling relay.</summary>
public static class ChatProtocol
{
    public const string MessageReceived = "messageReceived";

    public static readonly JsonSerializerOptions Json = new(JsonSerializerDefaults.Web)
    {
        Converters = { new JsonStringEnumConverter(JsonNamingPolicy.CamelCase, allowIntegerValues: false) },
    };

    public static HubConnection Connection(Uri target, string accessToken) => new HubConnectionBuilder()
        .WithUrl(new Uri(target, "hubs/chat"), options =>
        {
            // WebSockets straight away, as browsers do: no negotiate request, one socket per connection.
            options.Transports = Microsoft.AspNetCore.Http.Connections.HttpTransportType.WebSockets;
            options.SkipNegotiation = true;
            options.AccessTokenProvider = () => Task.FromResult<string?>(accessToken);
        })
        .AddJsonProtocol(options => options.PayloadSerializerOptions = Json)
        .Build();

    public static Task<ChatMessage> Send(this HubConnection connection, string tenantId, Guid conversation, string clientMessageId, string text) =>
        connection.InvokeAsync<ChatMessage>("SendMessage", tenantId, conversation.ToString(), new PostRequest(clientMessageId, text));

    public static Task Join(this HubConnection connection, string tenantId, Guid conversation, long lastSeen = 0) =>
        connection.InvokeAsync("JoinConversation", tenantId, conversation.ToString(), lastSeen);

    public sealed record PostRequest(string ClientMessageId, string Text);
}

/// <summary>
/// A tenant of the benchmark, signed up through the API like any customer: its administrator's token answers as the
/// agent, and each conversation is started by a visitor of its own with a widget token.
/// </summary>
public sealed class BenchTenant
{
    private const string AdminPassword = "benchmark admin password";

    private BenchTenant(Uri target, string tenantId, string widgetKey, string agentToken)
    {
        Target = target;
        TenantId = tenantId;
        WidgetKey = widgetKey;
        AgentToken = agentToken;
    }

    public Uri Target { get; }

    public string TenantId { get; }

    public string WidgetKey { get; }

    public string AgentToken { get; }

    /// <summary>Whether its visitors consent to CRM sync as they arrive, so that webhook endpoints receive their conversations.</summary>
    public bool VisitorsConsentToCrm { get; private set; }

    /// <summary>
    /// Adds <paramref name="count"/> webhook endpoints subscribed to <c>message.created</c> (text included) pointing at
    /// <paramref name="receiver"/>, through the administrators' API; from then on its visitors consent to CRM sync.
    /// </summary>
    public async Task AddWebhooks(int count, Uri receiver)
    {
        using var http = new HttpClient { BaseAddress = Target, Timeout = TimeSpan.FromSeconds(10) };
        for (var i = 0; i < count; i++)
        {
            using var request = new HttpRequestMessage(HttpMethod.Post, $"api/tenants/{TenantId}/webhooks")
            {
                Content = JsonContent.Create(new { url = receiver.ToString(), eventTypes = new[] { "message.created" }, enabled = true, description = $"bench {i}", includeMessageText = true }),
            };
            request.Headers.Authorization = new AuthenticationHeaderValue("Bearer", AgentToken);
            (await http.SendAsync(request)).EnsureSuccessStatusCode();
        }

        VisitorsConsentToCrm = count > 0;
    }

    /// <summary>The visitor consents to CRM sync, as the widget's consent banner records it.</summary>
    public async Task ConsentToCrm(HttpClient http, string visitorToken)
    {
        using var request = new HttpRequestMessage(HttpMethod.Post, $"api/tenants/{TenantId}/visitors/me/consents")
        {
            Content = JsonContent.Create(new { purpose = "crmSync", granted = true, source = "benchmark" }),
        };
        request.Headers.Authorization = new AuthenticationHeaderValue("Bearer", visitorToken);
        (await http.SendAsync(request)).EnsureSuccessStatusCode();
    }

    public static async Task<BenchTenant> SignUp(Uri target)
    {
        using var http = new HttpClient { BaseAddress = target, Timeout = TimeSpan.FromSeconds(10) };
        var tenantId = $"bench-{Guid.NewGuid():N}"[..24];
        var email = $"admin@{tenantId}.test";
        var signUp = await http.PostAsJsonAsync("api/tenants", new
        {
            tenantId,
            organisationName = "Benchmark",
            contactEmail = email,
            admin = new { displayName = "Bench Admin", email, password = AdminPassword },
        });
        signUp.EnsureSuccessStatusCode();
        using var created = JsonDocument.Parse(await signUp.Content.ReadAsStreamAsync());
        var signIn = await http.PostAsJsonAsync($"api/tenants/{tenantId}/sessions", new { email, password = AdminPassword });
        signIn.EnsureSuccessStatusCode();
        using var session = JsonDocument.Parse(await signIn.Content.ReadAsStreamAsync());
        return new BenchTenant(target, tenantId, created.RootElement.GetProperty("widgetKey").GetString()!, session.RootElement.GetProperty("accessToken").GetString()!);
    }

    /// <summary>A new visitor's token, from the widget key.</summary>
    public async Task<string> NewVisitor(HttpClient http)
    {
        var response = await http.PostAsJsonAsync("api/widget/visitor-tokens", new { widgetKey = WidgetKey });
        response.EnsureSuccessStatusCode();
        using var body = JsonDocument.Parse(await response.Content.ReadAsStreamAsync());
        return body.RootElement.GetProperty("accessToken").GetString()!;
    }

    /// <summary>Starts a conversation as <paramref name="visitorToken"/>'s visitor.</summary>
    public async Task<Guid> StartConversation(HttpClient http, string visitorToken)
    {
        using var request = new HttpRequestMessage(HttpMethod.Post, $"api/tenants/{TenantId}/conversations");
        request.Headers.Authorization = new AuthenticationHeaderValue("Bearer", visitorToken);
        var response = await http.SendAsync(request);
        response.EnsureSuccessStatusCode();
        using var body = JsonDocument.Parse(await response.Content.ReadAsStreamAsync());
        return body.RootElement.GetProperty("conversationId").GetGuid();
    }

    /// <summary>Posts a message over REST as the agent.</summary>
    public async Task PostAsAgent(HttpClient http, Guid conversation, string clientMessageId, string text)
    {
        using var request = new HttpRequestMessage(HttpMethod.Post, $"api/tenants/{TenantId}/conversations/{conversation}/messages")
        {
            Content = JsonContent.Create(new ChatProtocol.PostRequest(clientMessageId, text), options: ChatProtocol.Json),
        };
        request.Headers.Authorization = new AuthenticationHeaderValue("Bearer", AgentToken);
        (await http.SendAsync(request)).EnsureSuccessStatusCode();
    }

    /// <summary>Reads a page over REST as the agent.</summary>
    public async Task<MessagePage> ReadAsAgent(HttpClient http, Guid conversation, long after, int limit)
    {
        using var request = new HttpRequestMessage(HttpMethod.Get, $"api/tenants/{TenantId}/conversations/{conversation}/messages?after={after}&limit={limit}");
        request.Headers.Authorization = new AuthenticationHeaderValue("Bearer", AgentToken);
        var response = await http.SendAsync(request);
        response.EnsureSuccessStatusCode();
        return (await response.Content.ReadFromJsonAsync<MessagePage>(ChatProtocol.Json))!;
    }
}
