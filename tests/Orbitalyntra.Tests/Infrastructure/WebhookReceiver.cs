using System.Collections.Concurrent;
using System.Net;
using System.Text.Json;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.DependencyInjection;
using StandardWebhooks;

namespace Orbitalyntra.Tests.Infrastructure;

/// <summary>
/// A CRM's webhook receiver: a real Kestrel server on loopback that verifies every request with the <c>StandardWebhooks</c>
/// package (never with our signer), records what it received, and answers as the test scripts it (500, too slow, 200).
/// </summary>
public sealed class WebhookReceiver : IAsyncDisposable
{
    /// <summary>The tests' delivery timeout (Integrations:Webhooks:Timeout); production's is 10 s.</summary>
    public static readonly TimeSpan SenderTimeout = TimeSpan.FromSeconds(3);

    private readonly WebApplication app;
    private readonly ConcurrentQueue<Answer> script = new();
    private readonly ConcurrentQueue<Received> received = new();

    private WebhookReceiver(WebApplication app) => this.app = app;

    /// <summary>How the receiver answers a request.</summary>
    public enum Answer
    {
        Ok,
        ServerError,

        /// <summary>Answers 200 only after the sender's timeout has passed.</summary>
        TooSlow,

        /// <summary>Answers 307 to the same receiver (a sender that followed it would be seen twice).</summary>
        Redirect,
    }

    /// <summary>One request, as received, with what the library said of it.</summary>
    public sealed record Received(string Id, string Timestamp, string Signature, string Body, bool Verified, string? VerificationError, Answer Answered)
    {
        public JsonElement Json => JsonDocument.Parse(Body).RootElement;

        public string Type => Json.GetProperty("type").GetString()!;

        public JsonElement Data => Json.GetProperty("data");
    }

    /// <summary>The secrets the receiver verifies with (an endpoint's, set once it is created or rotated).</summary>
    public IReadOnlyList<string> Secrets { get; set; } = [];

    public Uri Url { get; private set; } = null!;

    public IReadOnlyList<Received> All => [.. received];

    public IReadOnlyList<Received> Accepted => [.. received.Where(r => r.Answered == Answer.Ok)];

    public static async Task<WebhookReceiver> Start()
    {
        var builder = WebApplication.CreateSlimBuilder();
        builder.WebHost.UseKestrel().UseUrls("http://127.0.0.1:0");
        var app = builder.Build();
        var receiver = new WebhookReceiver(app);
        app.MapPost("/hooks", receiver.Handle);
        await app.StartAsync();
        var address = app.Services.GetRequiredService<IServer>().Features.Get<IServerAddressesFeature>()!.Addresses.First();
        receiver.Url = new Uri(new Uri(address), "/hooks");
        return receiver;
    }

    /// <summary>The next requests are answered so, in order; after them, 200.</summary>
    public void Script(params Answer[] answers)
    {
        foreach (var answer in answers)
        {
            script.Enqueue(answer);
        }
    }

    /// <summary>Forgets the answers scripted and not given yet: it answers 200 from now on.</summary>
    public void ClearScript() => script.Clear();

    /// <summary>Waits until the receiver has accepted an event that <paramref name="matches"/>.</summary>
    public async Task<Received> AcceptedOne(Func<Received, bool> matches, string what)
    {
        await Eventually.Holds(() => Accepted.Any(matches), what, TimeSpan.FromSeconds(60));
        return Accepted.First(matches);
    }

    /// <summary>Verifies a request as it arrived, with the library, under each secret; the first failure's message otherwise.</summary>
    public static string? Verify(IReadOnlyList<string> secrets, string body, IHeaderDictionary headers)
    {
        foreach (var secret in secrets)
        {
            try
            {
                new StandardWebhook(secret).Verify(body, headers);
            }
            catch (Exception problem)
            {
                return problem.Message;
            }
        }

        return secrets.Count == 0 ? "no secret to verify with" : null;
    }

    private async Task<IResult> Handle(HttpRequest request)
    {
        using var reader = new StreamReader(request.Body);
        var body = await reader.ReadToEndAsync();
        var error = Verify(Secrets, body, request.Headers);
        var answer = script.TryDequeue(out var scripted) ? scripted : Answer.Ok;

        // Recorded as it arrives: a request answered too slowly is one the sender saw, whatever it does next.
        received.Enqueue(new Received(
            request.Headers["webhook-id"].ToString(), request.Headers["webhook-timestamp"].ToString(), request.Headers["webhook-signature"].ToString(),
            body, error is null, error, answer));
        if (answer == Answer.TooSlow)
        {
            await Task.Delay(SenderTimeout + TimeSpan.FromSeconds(2));
        }

        return answer switch
        {
            Answer.ServerError => Results.StatusCode((int)HttpStatusCode.InternalServerError),
            Answer.Redirect => Results.Redirect(Url.ToString(), permanent: false, preserveMethod: true),
            _ => Results.Ok(),
        };
    }

    public async ValueTask DisposeAsync()
    {
        await app.StopAsync();
        await app.DisposeAsync();
    }
}
