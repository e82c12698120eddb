using System.Collections.ObjectModel;
using System.Diagnostics;
using System.Net;
using System.Net.Http.Json;
using System.Text.RegularExpressions;
using Microsoft.Extensions.DependencyInjection;
using OpenTelemetry.Trace;
using Orbitalyntra.Benchmarks.Targets;
using Orbitalyntra.Tests.Infrastructure;

namespace Orbitalyntra.Tests.Operations;

/// <summary>What the platform and the operators watch the web host by: its probes, its metrics and its traces (docs/decisions/0029).</summary>
[Collection(ChatClusterCollection.Name)]
public sealed partial class OperationsTests(ChatCluster chat)
{
    [Fact]
    public async Task Readiness_turns_unready_while_storage_is_unreachable_and_ready_again_after_while_liveness_holds()
    {
        await using var relay = new TcpRelay(new IPEndPoint(IPAddress.Loopback, TableEndpointPort()));
        relay.Restore();
        await using var web = await WebHost.Start(
            chat.ClusterId, chat.ServiceId, new Dictionary<string, string> { ["Storage:ConnectionString"] = ThroughRelay(relay.Port) });

        await StatusBecomes(web, "/health/ready", HttpStatusCode.OK);
        relay.Cut();
        await StatusBecomes(web, "/health/ready", HttpStatusCode.ServiceUnavailable);
        Assert.Equal(HttpStatusCode.OK, (await web.Http.GetAsync("/health/live")).StatusCode);

        relay.Restore();
        await StatusBecomes(web, "/health/ready", HttpStatusCode.OK);
    }

    [Fact]
    public async Task The_probes_answer_without_credentials_and_say_nothing_but_a_status()
    {
        var ready = await chat.Web.Http.GetAsync("/health/ready");
        Assert.Equal(HttpStatusCode.OK, ready.StatusCode);
        Assert.Equal("Healthy", await ready.Content.ReadAsStringAsync());
    }

    [Fact]
    public async Task Metrics_show_our_meters_after_a_chat_to_operators_only()
    {
        Assert.Equal(HttpStatusCode.Unauthorized, (await chat.Web.Http.GetAsync("/metrics")).StatusCode);
        var tenant = await chat.NewTenant();
        using var administrator = chat.Web.Client(new("Bearer", tenant.AdminToken));
        Assert.Equal(HttpStatusCode.Forbidden, (await administrator.GetAsync("/metrics")).StatusCode);

        await Converse(chat.Web, tenant);

        using var operatorClient = await Operator();
        string[] meters =
        [
            "orbitalyntra_messages_acknowledged", "orbitalyntra_messages_delivered", "orbitalyntra_messages_delivery_latency",
            "orbitalyntra_connections_open", "orbitalyntra_conversations_active",
        ];
        var scrape = "";
        await Eventually.Succeeds(async () =>
        {
            scrape = await operatorClient.GetStringAsync("/metrics");
            Assert.All(meters, meter => Assert.Contains(meter, scrape, StringComparison.Ordinal));
        });
        Assert.True(Value(scrape, "orbitalyntra_messages_acknowledged") >= 2, scrape);
        Assert.True(Value(scrape, "orbitalyntra_messages_delivered") >= 2, scrape);
    }

    [Fact]
    public async Task A_web_host_that_stops_closes_its_connections_and_they_catch_up_on_another_host()
    {
        var tenant = await chat.NewTenant();
        var (conversation, visitorToken) = await tenant.VisitorConversation();
        await using var agent = await ChatClient.Connect(chat.Web, tenant.AdminToken);
        await agent.Join(conversation);
        var leaving = await WebHost.Start(chat.ClusterId, chat.ServiceId);
        await using (var visitor = await ChatClient.Connect(leaving, visitorToken))
        {
            await visitor.Join(conversation);
            await visitor.Send(conversation, "q", "Bonjour");
            await agent.Receive(1);

            // A rolling upgrade stops the host: its connections are closed at once rather than left to time out, so that
            // clients reconnect (to another replica behind the load balancer) while the agent keeps writing.
            await leaving.DisposeAsync();
            var closedWith = await visitor.Closed.WaitAsync(TimeSpan.FromSeconds(30));
            Assert.True(closedWith is null, $"The connection was not closed by the host but broke: {closedWith}");
        }

        await agent.Send(conversation, "a", "Je regarde.");
        await using var reconnected = await ChatClient.Connect(chat.Web, visitorToken);
        await reconnected.Join(conversation, lastSeenSequence: 1);
        var caughtUp = await reconnected.Receive(1);
        Assert.Equal("Je regarde.", caughtUp[0].Text);
        Assert.Equal(2, caughtUp[0].Sequence);
    }

    [Fact]
    public async Task Metrics_count_open_data_subject_requests_waiting_mail_and_webhook_events_over_every_tenant()
    {
        var tenant = await chat.NewTenant();
        var visitor = await tenant.NewVisitor();
        using var asVisitor = tenant.Bearer(visitor.AccessToken);
        (await asVisitor.PostAsJsonAsync($"/api/tenants/{tenant.TenantId}/visitors/me/requests", new { kind = "rectification" })).EnsureSuccessStatusCode();

        using var operatorClient = await Operator();
        var scrape = "";
        await Eventually.Succeeds(async () =>
        {
            scrape = await operatorClient.GetStringAsync("/metrics");
            Assert.Contains("orbitalyntra_mail_outbox_pending", scrape, StringComparison.Ordinal);
            Assert.Contains("orbitalyntra_privacy_requests_overdue", scrape, StringComparison.Ordinal);
            Assert.Contains("orbitalyntra_webhooks_pending", scrape, StringComparison.Ordinal);
            Assert.True(Value(scrape, "orbitalyntra_privacy_requests_open") >= 1, scrape);
        });
    }

    [Fact]
    public async Task A_message_is_one_trace_from_the_hub_in_the_web_host_to_the_grain_in_the_silo()
    {
        var spans = new Spans();
        await using var web = await WebHost.Start(
            chat.ClusterId,
            chat.ServiceId,
            new Dictionary<string, string> { ["Telemetry:Traces"] = "true" },
            services => services.ConfigureOpenTelemetryTracerProvider(tracing => tracing.AddInMemoryExporter(spans)));
        var tenant = await TenantSession.Create(web);

        await Converse(web, tenant);

        await Eventually.Holds(
            () => spans.Snapshot() is var ended && ended.Any(hub => hub.Source.Name == "Microsoft.AspNetCore.SignalR.Server" && hub.DisplayName.EndsWith("/SendMessage", StringComparison.Ordinal)
                && ended.Any(grain => grain.Source.Name == "Microsoft.Orleans.Application" && grain.Kind == ActivityKind.Server
                    && grain.TraceId == hub.TraceId && grain.DisplayName.Contains("IConversationGrain/Post", StringComparison.Ordinal))),
            "a hub's SendMessage and the conversation grain's Post in the silo share a trace");
    }

    private static async Task Converse(WebHost web, TenantSession tenant)
    {
        var (conversation, visitorToken) = await tenant.VisitorConversation();
        await using var visitor = await ChatClient.Connect(web, visitorToken);
        await using var agent = await ChatClient.Connect(web, tenant.AdminToken);
        await visitor.Join(conversation);
        await agent.Join(conversation);
        await visitor.Send(conversation, "q", "Bonjour");
        await agent.Receive(1);
        await agent.Send(conversation, "a", "Bonjour, je regarde.");
        await visitor.Receive(2);
    }

    private async Task<HttpClient> Operator()
    {
        var http = new HttpClient(new HttpClientHandler { CookieContainer = new CookieContainer(), UseCookies = true }) { BaseAddress = chat.Web.Address };
        (await http.PostAsJsonAsync("/api/operators/sessions", new { name = WebHost.OperatorName, password = WebHost.OperatorPassword })).EnsureSuccessStatusCode();
        return http;
    }

    private static async Task StatusBecomes(WebHost web, string path, HttpStatusCode expected)
    {
        var last = HttpStatusCode.OK;
        await Eventually.Holds(
            () =>
            {
                last = web.Http.GetAsync(path).GetAwaiter().GetResult().StatusCode;
                return last == expected;
            },
            $"{path} answers {expected} (last: {last})",
            TimeSpan.FromSeconds(60));
    }

    /// <summary>The first sample of a metric in Prometheus' text format.</summary>
    private static double Value(string scrape, string metric) =>
        double.Parse(new Regex($@"^{metric}\w*(?:\{{[^}}]*\}})? (\S+)", RegexOptions.Multiline).Match(scrape).Groups[1].Value, System.Globalization.CultureInfo.InvariantCulture);

    private static int TableEndpointPort() => int.Parse(StorageTableEndpoint().Groups["port"].Value);

    /// <summary>The tests' storage with its Table endpoint through the relay (the cluster client's membership and the readiness check use tables).</summary>
    private static string ThroughRelay(int port) => TableEndpoint().Replace(TestStorage.ConnectionString, $"TableEndpoint=http://127.0.0.1:{port}/");

    private static Match StorageTableEndpoint() => TableEndpoint().Match(TestStorage.ConnectionString) is { Success: true } endpoint
        ? endpoint
        : throw new InvalidOperationException("The tests' storage must name its Table endpoint, as scripts/test.sh sets ORBITALYNTRA_TEST_STORAGE.");

    [GeneratedRegex(@"TableEndpoint=http://127\.0\.0\.1:(?<port>\d+)/")]
    private static partial Regex TableEndpoint();

    /// <summary>Spans as the in-memory exporter adds them from its own thread, read by the test's.</summary>
    private sealed class Spans : Collection<Activity>
    {
        private readonly Lock gate = new();

        public List<Activity> Snapshot()
        {
            lock (gate)
            {
                return [.. this];
            }
        }

        protected override void InsertItem(int index, Activity item)
        {
            lock (gate)
            {
                base.InsertItem(index, item);
            }
        }
    }
}
