using System.Collections.Concurrent;
using System.Threading.Channels;
using Microsoft.AspNetCore.SignalR.Client;
using Orbitalyntra.Chat;
using Orbitalyntra.Web.Chat;
using Orbitalyntra.Web.Hubs;

namespace Orbitalyntra.Tests.Infrastructure;

/// <summary>A SignalR client of the chat hub, as a browser would use it, that records what it receives.</summary>
public sealed class ChatClient : IAsyncDisposable
{
    private readonly HubConnection connection;
    private readonly Channel<ChatMessage> received = Channel.CreateUnbounded<ChatMessage>();
    private readonly ConcurrentQueue<(Guid Conversation, ChatMessage Message)> everything = new();
    private readonly Channel<Sender> typing = Channel.CreateUnbounded<Sender>();
    private readonly Channel<MessagesAcknowledged> receipts = Channel.CreateUnbounded<MessagesAcknowledged>();
    private readonly Channel<Orbitalyntra.Desk.InboxView> inbox = Channel.CreateUnbounded<Orbitalyntra.Desk.InboxView>();
    private readonly WatchedInbox watched = new();
    private string? watchedTenant;
    private readonly TaskCompletionSource<Exception?> closed = new(TaskCreationOptions.RunContinuationsAsynchronously);

    private ChatClient(HubConnection connection)
    {
        this.connection = connection;
        connection.On<Guid, ChatMessage>(IChatClient.MessageReceivedEvent, (conversation, message) =>
        {
            everything.Enqueue((conversation, message));
            received.Writer.TryWrite(message);
        });
        connection.On<Orbitalyntra.Desk.InboxPage>(IChatClient.InboxPageEvent, page => inbox.Writer.TryWrite(watched.Read(page)));
        connection.On<Orbitalyntra.Desk.InboxDelta>(IChatClient.InboxDeltaEvent, async delta =>
        {
            switch (watched.Apply(delta))
            {
                case WatchedInbox.Outcome.Applied:
                    inbox.Writer.TryWrite(watched.View);
                    break;
                case WatchedInbox.Outcome.Missed:
                    // As the console does: a delta that does not start from the version held means one was missed.
                    MissedDeltas++;
                    await connection.InvokeAsync(nameof(ChatHub.WatchInbox), watchedTenant);
                    break;
            }
        });
        connection.On<Guid, Sender>(IChatClient.TypingEvent, (_, sender) => typing.Writer.TryWrite(sender));
        connection.On<Guid, Sender, ReceiptKind, long>(IChatClient.ReceiptEvent, (_, reader, kind, upTo) =>
            receipts.Writer.TryWrite(new MessagesAcknowledged(reader, kind, upTo)));
        connection.Closed += error =>
        {
            closed.TrySetResult(error);
            return Task.CompletedTask;
        };
    }

    /// <summary>Completes when the connection closes (without a reconnect), with the error it closed with, if any.</summary>
    public Task<Exception?> Closed => closed.Task;

    public static async Task<ChatClient> Connect(WebHost web, string? bearerToken, IDictionary<string, string>? headers = null)
    {
        var client = new ChatClient(web.ChatConnection(bearerToken, headers));
        await client.connection.StartAsync();
        return client;
    }

    public Task Join(ConversationKey conversation, long lastSeenSequence = 0) =>
        connection.InvokeAsync(nameof(ChatHub.JoinConversation), conversation.TenantId, conversation.ConversationId.ToString(), lastSeenSequence);

    public Task<ChatMessage> Send(ConversationKey conversation, string clientMessageId, string text) =>
        connection.InvokeAsync<ChatMessage>(
            nameof(ChatHub.SendMessage),
            conversation.TenantId,
            conversation.ConversationId.ToString(),
            new PostMessageRequest(clientMessageId, text));

    public Task<ChatMessage> Note(ConversationKey conversation, string clientMessageId, string text) =>
        connection.InvokeAsync<ChatMessage>(
            nameof(ChatHub.AddNote),
            conversation.TenantId,
            conversation.ConversationId.ToString(),
            new PostMessageRequest(clientMessageId, text));

    public Task Typing(ConversationKey conversation) =>
        connection.InvokeAsync(nameof(ChatHub.Typing), conversation.TenantId, conversation.ConversationId.ToString());

    public Task MarkRead(ConversationKey conversation, long upTo) =>
        connection.InvokeAsync(nameof(ChatHub.MarkRead), conversation.TenantId, conversation.ConversationId.ToString(), upTo);

    public Task MarkDelivered(ConversationKey conversation, long upTo) =>
        connection.InvokeAsync(nameof(ChatHub.MarkDelivered), conversation.TenantId, conversation.ConversationId.ToString(), upTo);

    public Task WatchInbox(string tenantId)
    {
        watchedTenant = tenantId;
        return connection.InvokeAsync(nameof(ChatHub.WatchInbox), tenantId);
    }

    /// <summary>How many inbox deltas did not start from the version held, so that the page was read again.</summary>
    public int MissedDeltas { get; private set; }

    /// <summary>The inbox as built from the page and the deltas received so far.</summary>
    public Orbitalyntra.Desk.InboxView WatchedView => watched.View;

    /// <summary>How many conversations wait in all, as the page and deltas received so far say.</summary>
    public int WatchedWaitingCount => watched.WaitingCount;

    /// <summary>The first inbox view built from the page and deltas received from now on that satisfies <paramref name="condition"/>, waiting up to 30 s.</summary>
    public async Task<Orbitalyntra.Desk.InboxView> InboxWhere(Func<Orbitalyntra.Desk.InboxView, bool> condition)
    {
        using var timeout = new CancellationTokenSource(TimeSpan.FromSeconds(30));
        while (true)
        {
            var view = await inbox.Reader.ReadAsync(timeout.Token);
            if (condition(view))
            {
                return view;
            }
        }
    }

    /// <summary>The next typing signal received, waiting up to 30 s.</summary>
    public async Task<Sender> NextTyping()
    {
        using var timeout = new CancellationTokenSource(TimeSpan.FromSeconds(30));
        return await typing.Reader.ReadAsync(timeout.Token);
    }

    /// <summary>The next receipt received, waiting up to 30 s.</summary>
    public async Task<MessagesAcknowledged> NextReceipt()
    {
        using var timeout = new CancellationTokenSource(TimeSpan.FromSeconds(30));
        return await receipts.Reader.ReadAsync(timeout.Token);
    }

    /// <summary>Invokes any hub method with any arguments, as a probing client might.</summary>
    public Task Invoke(string method, params object?[] arguments) => connection.InvokeCoreAsync(method, arguments);

    /// <summary>Invokes SendMessage with whatever message object is given, as a faulty client might.</summary>
    public Task<ChatMessage> SendRaw(ConversationKey conversation, object? message) =>
        connection.InvokeAsync<ChatMessage>(nameof(ChatHub.SendMessage), conversation.TenantId, conversation.ConversationId.ToString(), message);

    /// <summary>The next <paramref name="count"/> messages received, waiting up to 30 s for them.</summary>
    public async Task<IReadOnlyList<ChatMessage>> Receive(int count)
    {
        using var timeout = new CancellationTokenSource(TimeSpan.FromSeconds(30));
        var messages = new List<ChatMessage>(count);
        try
        {
            while (messages.Count < count)
            {
                messages.Add(await received.Reader.ReadAsync(timeout.Token));
            }
        }
        catch (OperationCanceledException)
        {
            Assert.Fail($"Received {messages.Count} of {count} messages within 30 s: {string.Join(", ", messages.Select(m => m.Sequence))}");
        }

        return messages;
    }

    /// <summary>The messages of <paramref name="conversation"/> received so far, in the order they came, read or not.</summary>
    public IReadOnlyList<ChatMessage> ReceivedIn(ConversationKey conversation) =>
        [.. everything.Where(item => item.Conversation == conversation.ConversationId).Select(item => item.Message)];

    /// <summary>Nothing is waiting to be read.</summary>
    public bool NothingPending => !received.Reader.TryPeek(out _);

    public ValueTask DisposeAsync() => connection.DisposeAsync();
}
