using System.Net.Http.Json;
using System.Text.Json;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Mvc.Testing;
using Microsoft.AspNetCore.SignalR.Client;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using Orbitalyntra.Benchmarks.Targets;

namespace Orbitalyntra.Tests.Infrastructure;

/// <summary>The real Client.Web host on a loopback port (Kestrel), an Orleans client of the given cluster.</summary>
public sealed class WebHost : IAsyncDisposable
{
    /// <summary>The API's JSON conventions, as the benchmark's clients use them too.</summary>
    public static readonly JsonSerializerOptions Json = Orbitalyntra.Benchmarks.Load.ChatProtocol.Json;

    private readonly Factory factory;

    private WebHost(Factory factory, Uri address)
    {
        this.factory = factory;
        Address = address;
        Http = new HttpClient { BaseAddress = address };
    }

    public Uri Address { get; }

    public HttpClient Http { get; }

    /// <summary>The host's own Orleans client, for grain-level assertions.</summary>
    public IClusterClient ClusterClient => factory.Services.GetRequiredService<IClusterClient>();

    /// <param name="clusterId">The cluster to be a client of.</param>
    /// <param name="serviceId">Its service.</param>
    /// <param name="settings">Settings on top of the tests' (e.g. another storage endpoint).</param>
    /// <param name="services">Services added after the host's own (e.g. a telemetry exporter).</param>
    public static Task<WebHost> Start(
        string clusterId, string serviceId = TestStorage.ServiceId, IDictionary<string, string>? settings = null, Action<IServiceCollection>? services = null)
    {
        var port = FreePort.Next();
        var factory = new Factory(clusterId, serviceId, settings ?? new Dictionary<string, string>(), services);
        factory.UseKestrel(port);
        factory.StartServer();
        return Task.FromResult(new WebHost(factory, new Uri($"http://127.0.0.1:{port}/")));
    }

    /// <summary>The bearer-token signing key this host was given (random per host).</summary>
    public static readonly string SigningKey = Convert.ToBase64String(System.Security.Cryptography.RandomNumberGenerator.GetBytes(32));

    /// <summary>A bearer token as the host issues them, for <paramref name="lifetime"/> from now (which may be short).</summary>
    public static string Token(string tenantId, string role, string subject, TimeSpan lifetime)
    {
        var configuration = new ConfigurationBuilder().AddInMemoryCollection([new("Auth:SigningKey", SigningKey)]).Build();
        return new Orbitalyntra.Web.Security.TokenIssuer(new Orbitalyntra.Web.Security.TokenSettings(configuration), TimeProvider.System)
            .Issue(tenantId, role, subject, lifetime).AccessToken;
    }

    /// <summary>
    /// The key that seals the shared data-protection key ring, the same for every test host as Key Vault's is for every
    /// host of a deployment (the ring lives in the tests' storage, which every host reads).
    /// </summary>
    public static readonly string KeyRingKey = Convert.ToBase64String(System.Security.Cryptography.RandomNumberGenerator.GetBytes(32));

    /// <summary>The operator account every test host is configured with (Operators:Accounts), for the dashboard.</summary>
    public const string OperatorName = "operator";

    public static readonly string OperatorPassword = Convert.ToBase64String(System.Security.Cryptography.RandomNumberGenerator.GetBytes(18));

    private static readonly string OperatorPasswordHash = new Microsoft.AspNetCore.Identity.PasswordHasher<string>().HashPassword(OperatorName, OperatorPassword);

    /// <summary>An HTTP client of this host signed in as the configured operator (a session cookie).</summary>
    public async Task<HttpClient> SignedInOperator()
    {
        var http = new HttpClient(new HttpClientHandler { CookieContainer = new System.Net.CookieContainer(), UseCookies = true }) { BaseAddress = Address };
        (await http.PostAsJsonAsync("/api/operators/sessions", new { name = OperatorName, password = OperatorPassword })).EnsureSuccessStatusCode();
        return http;
    }

    /// <summary>An HTTP client of this host that presents <paramref name="authorization"/>.</summary>
    public HttpClient Client(System.Net.Http.Headers.AuthenticationHeaderValue? authorization)
    {
        var client = new HttpClient { BaseAddress = Address };
        client.DefaultRequestHeaders.Authorization = authorization;
        return client;
    }

    /// <summary>A SignalR connection to the chat hub, not yet started, presenting a bearer token or other headers.</summary>
    public HubConnection ChatConnection(string? bearerToken, IDictionary<string, string>? headers = null) => new HubConnectionBuilder()
        .WithUrl(new Uri(Address, "hubs/chat"), options =>
        {
            options.AccessTokenProvider = () => Task.FromResult(bearerToken);
            foreach (var (name, value) in headers ?? new Dictionary<string, string>())
            {
                options.Headers[name] = value;
            }
        })
        .AddJsonProtocol(options => options.PayloadSerializerOptions = Json)
        .Build();

    public async ValueTask DisposeAsync()
    {
        Http.Dispose();
        await factory.DisposeAsync();
    }

    private sealed class Factory(string clusterId, string serviceId, IDictionary<string, string> settings, Action<IServiceCollection>? services) : WebApplicationFactory<Orbitalyntra.Web.Hubs.ChatHub> // any type of Client.Web names its entry assembly
    {
        protected override void ConfigureWebHost(IWebHostBuilder builder)
        {
            builder.UseSetting("Storage:ConnectionString", TestStorage.ConnectionString);
            builder.UseSetting("Orleans:ClusterId", clusterId);
            builder.UseSetting("Orleans:ServiceId", serviceId);
            builder.UseSetting("Orleans:Gateway:GatewayListRefreshPeriod", "00:00:01");
            builder.UseSetting("Auth:SigningKey", SigningKey);
            builder.UseSetting(Orbitalyntra.Web.Security.KeyRingKey.Setting, KeyRingKey);
            builder.UseSetting("Auth:PublicRequestsPerMinute", "100000");
            // Tests send hundreds of messages on one connection; HubCallLimitTests starts a host with the limit it tests.
            builder.UseSetting("Web:HubCalls:PerSecond", "100000");
            builder.UseSetting("Web:HubCalls:Burst", "100000");
            // Off for the shared hosts (an hour), so that tests of a call refused at once see the refusal rather than a
            // connection already closed; EndedCredentialTests checks the closing on a host of its own.
            builder.UseSetting("Web:HubCalls:CredentialCheckSeconds", "3600");
            builder.UseSetting($"Operators:Accounts:{OperatorName}", OperatorPasswordHash);
            foreach (var (name, value) in settings)
            {
                builder.UseSetting(name, value);
            }

            if (services is not null)
            {
                builder.ConfigureServices(services);
            }

            // Debug for every category the application does not restrict itself (a provider-specific level would override
            // the application's own category filters, which are what the secrets test checks).
            builder.ConfigureLogging(logging => logging
                .AddProvider(CapturedLogs.Instance)
                .SetMinimumLevel(LogLevel.Debug)
                .AddFilter<Microsoft.Extensions.Logging.Console.ConsoleLoggerProvider>(null, LogLevel.Information));
        }
    }
}
