using System.Text.Json;
using System.Text.Json.Serialization;
using Microsoft.AspNetCore.SignalR.Client;
using Microsoft.Extensions.DependencyInjection;
using Orbitalyntra.Chat;

namespace Orbitalyntra.Benchmarks.Load;

/// <summary>The chat hub protocol as a browser speaks it (docs/api.md), shared by the generator and the ceiling relay.</summary>
public static class ChatProtocol
{
    public const string Tenant = "demo";
    public const string MessageReceived = "messageReceived";

    public static readonly JsonSerializerOptions Json = new(JsonSerializerDefaults.Web)
    {
        Converters = { new JsonStringEnumConverter(JsonNamingPolicy.CamelCase, allowIntegerValues: false) },
    };

    public static HubConnection Connection(Uri target) => new HubConnectionBuilder()
        .WithUrl(new Uri(target, "hubs/chat"), options =>
        {
            // WebSockets straight away, as browsers do: no negotiate request, one socket per connection.
            options.Transports = Microsoft.AspNetCore.Http.Connections.HttpTransportType.WebSockets;
            options.SkipNegotiation = true;
        })
        .AddJsonProtocol(options => options.PayloadSerializerOptions = Json)
        .Build();

    public static Task<ChatMessage> Send(this HubConnection connection, Guid conversation, string clientMessageId, Sender sender, string text) =>
        connection.InvokeAsync<ChatMessage>("SendMessage", Tenant, conversation.ToString(), new PostRequest(clientMessageId, sender, text));

    public static Task Join(this HubConnection connection, Guid conversation, long lastSeen = 0) =>
        connection.InvokeAsync("JoinConversation", Tenant, conversation.ToString(), lastSeen);

    /// <summary>Starts a conversation through the REST API.</summary>
    public static async Task<Guid> StartConversation(HttpClient http)
    {
        var response = await http.PostAsync($"api/tenants/{Tenant}/conversations", null);
        response.EnsureSuccessStatusCode();
        using var body = JsonDocument.Parse(await response.Content.ReadAsStreamAsync());
        return body.RootElement.GetProperty("conversationId").GetGuid();
    }

    public sealed record PostRequest(string ClientMessageId, Sender Sender, string Text);
}
