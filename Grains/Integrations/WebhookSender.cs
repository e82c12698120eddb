using System.Diagnostics;
using System.Net;
using System.Net.Sockets;
using System.Text;
using Microsoft.Extensions.Options;

namespace Orbitalyntra.Integrations;

/// <summary>The outcome of one attempt.</summary>
/// <param name="HttpStatus">The receiver's status code, if it answered.</param>
/// <param name="Latency">How long the attempt took.</param>
/// <param name="Error">Why it failed, when it did (for the delivery log).</param>
public sealed record SendResult(int? HttpStatus, TimeSpan Latency, string? Error)
{
    public bool Delivered => HttpStatus is >= 200 and < 300;
}

/// <summary>
/// Posts signed events (Standard Webhooks headers) with one shared client: a timeout per attempt, no redirect followed,
/// and every address the connection would use checked by <see cref="AddressGuard"/> as the socket connects.
/// </summary>
public sealed class WebhookSender : IDisposable
{
    private readonly HttpClient http;

    public WebhookSender(IOptions<WebhookOptions> options)
    {
        var allowLoopback = options.Value.AllowLoopback;
        http = new HttpClient(new SocketsHttpHandler
        {
            AllowAutoRedirect = false,
            UseProxy = false,
            PooledConnectionLifetime = TimeSpan.FromMinutes(2),
            ConnectCallback = (context, cancellation) => Connect(context.DnsEndPoint, allowLoopback, cancellation),
        })
        {
            Timeout = options.Value.Timeout,
        };
        http.DefaultRequestHeaders.UserAgent.ParseAdd("Orbitalyntra-Webhooks/1.0");
    }

    public async Task<SendResult> Send(string url, string eventId, long timestamp, string body, string signature)
    {
        using var request = new HttpRequestMessage(HttpMethod.Post, url) { Content = new StringContent(body, Encoding.UTF8, "application/json") };
        request.Headers.Add("webhook-id", eventId);
        request.Headers.Add("webhook-timestamp", timestamp.ToString(System.Globalization.CultureInfo.InvariantCulture));
        request.Headers.Add("webhook-signature", signature);
        var clock = Stopwatch.StartNew();
        try
        {
            using var response = await http.SendAsync(request, HttpCompletionOption.ResponseHeadersRead);
            var status = (int)response.StatusCode;
            return new SendResult(status, clock.Elapsed, response.IsSuccessStatusCode ? null : $"The receiver answered {status}.");
        }
        catch (TaskCanceledException)
        {
            return new SendResult(null, clock.Elapsed, $"No answer within {http.Timeout.TotalSeconds:0.#} s.");
        }
        catch (HttpRequestException problem)
        {
            return new SendResult(null, clock.Elapsed, problem.InnerException is AddressRefusedException refused ? refused.Message : "The receiver could not be reached.");
        }
    }

    /// <summary>Resolves the host and connects to the first address the guard allows; refuses when it allows none.</summary>
    private static async ValueTask<Stream> Connect(DnsEndPoint endpoint, bool allowLoopback, CancellationToken cancellation)
    {
        var addresses = IPAddress.TryParse(endpoint.Host, out var literal) ? [literal] : await Dns.GetHostAddressesAsync(endpoint.Host, cancellation);
        var refused = addresses.Where(a => !AddressGuard.Allows(a, allowLoopback)).ToList();
        SocketException? failure = null;
        foreach (var address in addresses.Except(refused))
        {
            var socket = new Socket(address.AddressFamily, SocketType.Stream, ProtocolType.Tcp) { NoDelay = true };
            try
            {
                await socket.ConnectAsync(new IPEndPoint(address, endpoint.Port), cancellation);
                return new NetworkStream(socket, ownsSocket: true);
            }
            catch (SocketException problem)
            {
                socket.Dispose();
                failure = problem;
            }
            catch
            {
                socket.Dispose();
                throw;
            }
        }

        if (failure is not null)
        {
            throw failure;
        }

        throw new AddressRefusedException(refused.Count > 0
            ? $"Refused: the receiver's address is {AddressGuard.Classify(refused[0])}, not a public address."
            : "The receiver's name resolved to no address.");
    }

    public void Dispose() => http.Dispose();
}

/// <summary>A delivery would have connected to an address the guard refuses.</summary>
public sealed class AddressRefusedException(string message) : IOException(message);
