using System.Collections.Concurrent;
using System.Net.Http.Headers;
using System.Net.Http.Json;
using System.Net.WebSockets;
using System.Text;
using System.Text.Json;
using System.Text.Json.Nodes;

namespace Orbitalyntra.Tests.Infrastructure;

/// <summary>
/// A chat hub connection spoken at the wire (WebSockets, the JSON hub protocol), as a browser's would be, that records
/// each message the host sends with its size in bytes: what a push costs on the real connection, not after a client
/// library parsed it.
/// </summary>
public sealed class RawHubConnection : IAsyncDisposable
{
    private const char Separator = '\u001e';

    private readonly ClientWebSocket socket;
    private readonly SemaphoreSlim sending = new(1, 1);
    private readonly CancellationTokenSource stop = new();
    private readonly ConcurrentQueue<(string Target, JsonArray Arguments, int Bytes)> invocations = new();
    private readonly ConcurrentDictionary<string, TaskCompletionSource<JsonNode>> pending = new();
    private readonly Task receiving;
    private readonly Task pinging;
    private int nextInvocation;

    private RawHubConnection(ClientWebSocket socket)
    {
        this.socket = socket;
        receiving = Receive();
        pinging = Ping();
    }

    /// <summary>The messages the host invoked on this connection so far (events such as inboxDelta), with their sizes.</summary>
    public IReadOnlyList<(string Target, JsonArray Arguments, int Bytes)> Received => [.. invocations];

    public static async Task<RawHubConnection> Connect(WebHost web, string bearerToken)
    {
        using var http = web.Client(new AuthenticationHeaderValue("Bearer", bearerToken));
        var negotiated = await (await http.PostAsync("/hubs/chat/negotiate?negotiateVersion=1", null)).EnsureSuccessStatusCode()
            .Content.ReadFromJsonAsync<JsonObject>();
        var socket = new ClientWebSocket();
        var address = new UriBuilder(new Uri(web.Address, "hubs/chat")) { Scheme = "ws" }.Uri;
        await socket.ConnectAsync(
            new Uri($"{address}?id={Uri.EscapeDataString(negotiated!["connectionToken"]!.GetValue<string>())}&access_token={Uri.EscapeDataString(bearerToken)}"),
            CancellationToken.None);
        var connection = new RawHubConnection(socket);
        await connection.Send("""{"protocol":"json","version":1}""");
        return connection;
    }

    /// <summary>Invokes a hub method and waits up to 30 s for its completion; a hub error fails.</summary>
    public async Task Invoke(string method, params object?[] arguments)
    {
        var id = Interlocked.Increment(ref nextInvocation).ToString(System.Globalization.CultureInfo.InvariantCulture);
        var completion = pending.GetOrAdd(id, _ => new TaskCompletionSource<JsonNode>(TaskCreationOptions.RunContinuationsAsynchronously));
        await Send(JsonSerializer.Serialize(new { type = 1, invocationId = id, target = method, arguments }, WebHost.Json));
        var completed = await completion.Task.WaitAsync(TimeSpan.FromSeconds(30));
        Assert.True(completed["error"] is null, $"{method} was refused: {completed["error"]}");
    }

    /// <summary>One message at a time: a WebSocket takes one send at once.</summary>
    private async Task Send(string message)
    {
        await sending.WaitAsync();
        try
        {
            await socket.SendAsync(Encoding.UTF8.GetBytes(message + Separator), WebSocketMessageType.Text, endOfMessage: true, CancellationToken.None);
        }
        finally
        {
            sending.Release();
        }
    }

    private async Task Receive()
    {
        var buffer = new byte[64 * 1024];
        var frames = new List<byte>();
        try
        {
            while (!stop.IsCancellationRequested)
            {
                var result = await socket.ReceiveAsync(buffer, stop.Token);
                if (result.MessageType == WebSocketMessageType.Close)
                {
                    return;
                }

                frames.AddRange(buffer.AsSpan(0, result.Count));
                int end;
                while ((end = frames.IndexOf((byte)Separator)) >= 0)
                {
                    var bytes = frames.GetRange(0, end).ToArray();
                    frames.RemoveRange(0, end + 1);
                    Record(bytes);
                }
            }
        }
        catch (OperationCanceledException)
        {
        }
        catch (WebSocketException)
        {
        }
    }

    private void Record(byte[] bytes)
    {
        if (JsonNode.Parse(bytes) is not JsonObject message || message["type"] is null)
        {
            return; // the handshake's answer
        }

        switch (message["type"]!.GetValue<int>())
        {
            case 1:
                invocations.Enqueue((message["target"]!.GetValue<string>(), message["arguments"]!.AsArray(), bytes.Length));
                break;
            case 3 when pending.TryRemove(message["invocationId"]!.GetValue<string>(), out var completion):
                completion.TrySetResult(message);
                break;
        }
    }

    /// <summary>The host closes a connection it has not heard from for 30 s: a ping every 5 s, as the browser client sends.</summary>
    private async Task Ping()
    {
        try
        {
            while (!stop.IsCancellationRequested)
            {
                await Task.Delay(TimeSpan.FromSeconds(5), stop.Token);
                await Send("""{"type":6}""");
            }
        }
        catch (OperationCanceledException)
        {
        }
        catch (WebSocketException)
        {
        }
    }

    public async ValueTask DisposeAsync()
    {
        await stop.CancelAsync();
        await Task.WhenAll(receiving, pinging);
        socket.Dispose();
        stop.Dispose();
        sending.Dispose();
    }
}
