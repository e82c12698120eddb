using System.Collections.Concurrent;
using Microsoft.AspNetCore.SignalR;
using Orbitalyntra.Benchmarks.Load;
using Orbitalyntra.Chat;

namespace Orbitalyntra.Benchmarks.Ceiling;

/// <summary>
/// The ceiling: the same API and hub protocol answered by ASP.NET Core SignalR alone — sign-up, sign-in and visitor
/// tokens answered with placeholders, sequence numbers from a counter in memory, a SignalR group per conversation; no
/// Orleans, no storage, no token checks. What the web stack does on this machine with nothing behind it.
/// </summary>
public static class CeilingRelay
{
    public static WebApplication Build(string url)
    {
        var builder = WebApplication.CreateSlimBuilder();
        builder.WebHost.UseUrls(url);
        builder.Logging.SetMinimumLevel(LogLevel.Warning);
        builder.Services.AddSignalR().AddJsonProtocol(options => options.PayloadSerializerOptions = ChatProtocol.Json);
        builder.Services.AddSingleton<Sequences>();
        var app = builder.Build();
        app.MapPost("/api/tenants", () => Results.Json(new { widgetKey = "ceiling" }));
        app.MapPost("/api/tenants/{tenantId}/sessions", () => Results.Json(new { accessToken = AgentToken }));
        app.MapPost("/api/widget/visitor-tokens", () => Results.Json(new { accessToken = VisitorToken }));
        app.MapPost("/api/tenants/{tenantId}/conversations", () => Results.Json(new { conversationId = Guid.CreateVersion7() }));
        app.MapHub<CeilingHub>("/hubs/chat");
        return app;
    }

    // Placeholder tokens that only say who the caller is, so that messages carry the right sender role.
    private const string AgentToken = "ceiling-agent";
    private const string VisitorToken = "ceiling-visitor";

    private sealed class Sequences
    {
        private readonly ConcurrentDictionary<string, (SemaphoreSlim Turn, long[] Last)> conversations = new();

        public (SemaphoreSlim Turn, long[] Last) For(string conversationId) =>
            conversations.GetOrAdd(conversationId, _ => (new SemaphoreSlim(1, 1), new long[1]));
    }

    private sealed class CeilingHub(Sequences sequences) : Hub
    {
        public async Task<ChatMessage> SendMessage(string tenantId, string conversationId, ChatProtocol.PostRequest message)
        {
            var (turn, last) = sequences.For(conversationId);
            await turn.WaitAsync();
            try
            {
                var request = Context.GetHttpContext()!.Request;
                var token = request.Headers.Authorization.ToString().Replace("Bearer ", "", StringComparison.Ordinal) is { Length: > 0 } header
                    ? header
                    : request.Query["access_token"].ToString();
                var sender = new Sender(token == AgentToken ? SenderRole.Agent : SenderRole.Visitor, Context.ConnectionId);
                var stored = new ChatMessage(++last[0], message.ClientMessageId, sender, message.Text, DateTimeOffset.UtcNow);
                await Clients.Group(conversationId).SendAsync(ChatProtocol.MessageReceived, Guid.Parse(conversationId), stored);
                return stored;
            }
            finally
            {
                turn.Release();
            }
        }

        public Task JoinConversation(string tenantId, string conversationId, long lastSeenSequence) =>
            Groups.AddToGroupAsync(Context.ConnectionId, conversationId);
    }
}
