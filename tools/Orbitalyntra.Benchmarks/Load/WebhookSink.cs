using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;

namespace Orbitalyntra.Benchmarks.Load;

/// <summary>
/// A CRM's webhook receiver for the benchmark: a real Kestrel server on loopback, in the generator's process, that reads
/// each delivery's body and answers 204. It counts what it received; it does not verify (the tests do that).
/// </summary>
public sealed class WebhookSink : IAsyncDisposable
{
    private readonly WebApplication app;
    private long received;

    private WebhookSink(WebApplication app) => this.app = app;

    public Uri Url { get; private set; } = null!;

    /// <summary>Deliveries received so far.</summary>
    public long Received => Interlocked.Read(ref received);

    public static async Task<WebhookSink> Start()
    {
        var builder = WebApplication.CreateSlimBuilder();
        builder.WebHost.UseKestrel().UseUrls("http://127.0.0.1:0");
        builder.Logging.SetMinimumLevel(LogLevel.Warning);
        var app = builder.Build();
        var sink = new WebhookSink(app);
        app.MapPost("/hooks", async (HttpRequest request) =>
        {
            await request.Body.CopyToAsync(Stream.Null);
            Interlocked.Increment(ref sink.received);
            return Results.NoContent();
        });
        await app.StartAsync();
        sink.Url = new Uri(new Uri(app.Services.GetRequiredService<IServer>().Features.Get<IServerAddressesFeature>()!.Addresses.First()), "/hooks");
        return sink;
    }

    /// <summary>
    /// Waits until no delivery has arrived for <paramref name="quiet"/> (the deliveries of the set-up's messages are done),
    /// or <paramref name="deadline"/> passed; answers how long it waited.
    /// </summary>
    public async Task<TimeSpan> Settled(TimeSpan quiet, TimeSpan deadline)
    {
        var waited = System.Diagnostics.Stopwatch.StartNew();
        var last = Received;
        var since = waited.Elapsed;
        while (waited.Elapsed < deadline && waited.Elapsed - since < quiet)
        {
            await Task.Delay(TimeSpan.FromMilliseconds(250));
            if (Received != last)
            {
                last = Received;
                since = waited.Elapsed;
            }
        }

        return waited.Elapsed;
    }

    public async ValueTask DisposeAsync()
    {
        await app.StopAsync();
        await app.DisposeAsync();
    }
}
