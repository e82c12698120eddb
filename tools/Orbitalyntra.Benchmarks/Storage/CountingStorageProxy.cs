using System.Collections.Concurrent;
using System.Net;
using System.Text;
using Yarp.ReverseProxy.Forwarder;

namespace Orbitalyntra.Benchmarks.Storage;

/// <summary>
/// A reverse proxy between the servers and the storage account that counts every request by name
/// (<see cref="StorageRequestNames"/>): one loopback port per service, forwarding each request unchanged (its exact
/// target, headers and body, so that shared-key signatures still hold), and a control port that answers the counts so
/// far as JSON (docs/decisions/0006).
/// </summary>
public static class CountingStorageProxy
{
    public static WebApplication Build(StorageEndpoints upstream, ProxyPorts ports)
    {
        var builder = WebApplication.CreateSlimBuilder();
        builder.Logging.SetMinimumLevel(LogLevel.Warning);
        builder.WebHost.ConfigureKestrel(kestrel =>
        {
            foreach (var port in new[] { ports.Blob, ports.Queue, ports.Table, ports.Control })
            {
                kestrel.Listen(IPAddress.Loopback, port);
            }

            kestrel.Limits.MaxRequestBodySize = null;
        });
        builder.Services.AddHttpForwarder();
        var app = builder.Build();

        var counts = new ConcurrentDictionary<string, long>();
        var forwarder = app.Services.GetRequiredService<IHttpForwarder>();
        var storage = new HttpMessageInvoker(new SocketsHttpHandler
        {
            UseProxy = false,
            AllowAutoRedirect = false,
            AutomaticDecompression = DecompressionMethods.None,
            UseCookies = false,
            ActivityHeadersPropagator = null,
        });
        var origins = new Dictionary<int, (StorageService Service, string Origin)>
        {
            [ports.Blob] = (StorageService.Blob, upstream.Blob.GetLeftPart(UriPartial.Authority)),
            [ports.Queue] = (StorageService.Queue, upstream.Queue.GetLeftPart(UriPartial.Authority)),
            [ports.Table] = (StorageService.Table, upstream.Table.GetLeftPart(UriPartial.Authority)),
        };

        app.Run(async context =>
        {
            if (!origins.TryGetValue(context.Connection.LocalPort, out var destination))
            {
                await context.Response.WriteAsJsonAsync(counts);
                return;
            }

            var request = context.Request;
            var batchBody = await BatchBody(destination.Service, request);
            await forwarder.SendAsync(context, destination.Origin, storage, ForwarderRequestConfig.Empty, ExactTarget.Instance);
            var name = StorageRequestNames.Of(new StorageRequest(
                destination.Service, request.Method, request.Path.Value ?? "", request.QueryString.Value ?? "",
                request.Headers.IfMatch.Count > 0, request.Headers["x-ms-blob-type"], batchBody, context.Response.StatusCode));
            counts.AddOrUpdate(name, 1, (_, count) => count + 1);
        });
        return app;
    }

    /// <summary>A table batch names its table only inside its body: read it, and leave it to be read again for forwarding.</summary>
    private static async Task<string?> BatchBody(StorageService service, HttpRequest request)
    {
        if (service != StorageService.Table || request.Path.Value?.EndsWith("/$batch", StringComparison.Ordinal) != true)
        {
            return null;
        }

        request.EnableBuffering();
        using var reader = new StreamReader(request.Body, Encoding.UTF8, leaveOpen: true);
        var body = await reader.ReadToEndAsync();
        request.Body.Position = 0;
        return body;
    }

    /// <summary>
    /// Forwards the request target byte for byte: a re-encoded path or query would no longer match the signature the
    /// client computed over it.
    /// </summary>
    private sealed class ExactTarget : HttpTransformer
    {
        public static readonly ExactTarget Instance = new();

        private static readonly UriCreationOptions Verbatim = new() { DangerousDisablePathAndQueryCanonicalization = true };

        public override async ValueTask TransformRequestAsync(HttpContext httpContext, HttpRequestMessage proxyRequest, string destinationPrefix, CancellationToken cancellationToken)
        {
            await base.TransformRequestAsync(httpContext, proxyRequest, destinationPrefix, cancellationToken);
            var target = httpContext.Features.Get<Microsoft.AspNetCore.Http.Features.IHttpRequestFeature>()!.RawTarget;
            proxyRequest.RequestUri = new Uri(destinationPrefix + target, in Verbatim);
        }
    }
}
