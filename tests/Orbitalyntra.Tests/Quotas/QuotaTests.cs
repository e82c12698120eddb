using System.Net;
using System.Net.Http.Json;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.SignalR;
using Orbitalyntra.Chat;
using Orbitalyntra.Quotas;
using Orbitalyntra.Tests.Infrastructure;
using Orbitalyntra.Tests.Privacy;

namespace Orbitalyntra.Tests.Quotas;

/// <summary>
/// The probe's flood of issue 19, refused where the state lives (docs/decisions/0043): with one visitor token, whatever
/// goes past a limit gets 429 with <c>Retry-After</c> and a problem detail (or a hub error saying so), nothing past it is
/// stored, and another tenant's visitors do not notice.
/// </summary>
[Collection(ChatClusterCollection.Name)]
public sealed class QuotaTests(ChatCluster chat)
{
    [Fact]
    public async Task A_flood_of_messages_with_one_visitor_token_is_refused_after_the_quota_and_nothing_past_it_is_stored_while_another_tenant_is_unaffected()
    {
        var flooded = await chat.NewTenant();
        var other = await chat.NewTenant();
        await SetLimits(flooded, QuotaLimits.Default with { VisitorMessagesPerMinute = 10 });
        using var refusals = new CountedMeasurements("orbitalyntra.quota.refusals", "quota");
        var (conversation, token) = await flooded.VisitorConversation();
        using var visitor = flooded.Bearer(token);

        // Four clients at once, as the probe sent them.
        var answers = await Task.WhenAll(Enumerable.Range(0, 4).Select(client => Task.Run(async () =>
        {
            var sent = new List<HttpResponseMessage>();
            for (var i = 0; i < 10; i++)
            {
                sent.Add(await visitor.PostAsJsonAsync(Messages(conversation), new { clientMessageId = $"flood-{client}-{i}", text = new string('x', 8192) }));
            }

            return sent;
        })));

        var all = answers.SelectMany(a => a).ToList();
        Assert.Equal(10, all.Count(a => a.StatusCode == HttpStatusCode.Created));
        var refused = all.Where(a => a.StatusCode != HttpStatusCode.Created).ToList();
        Assert.Equal(30, refused.Count);
        foreach (var answer in refused)
        {
            await AssertTooMany(answer, "Too many messages");
        }

        using var admin = flooded.AsAdmin();
        Assert.Equal(10, (await admin.GetFromJsonAsync<MessagePage>($"{Messages(conversation)}?after=0&limit=100", WebHost.Json))!.LastSequence);
        Assert.True(refusals.Of(nameof(QuotaKind.VisitorMessages)) >= 30, $"{refusals.Of(nameof(QuotaKind.VisitorMessages))} refusals counted in metrics");

        // The other tenant's visitor, and the flooded tenant's staff, go on as before.
        var (elsewhere, elsewhereToken) = await other.VisitorConversation();
        using var otherVisitor = other.Bearer(elsewhereToken);
        Assert.Equal(HttpStatusCode.Created, (await otherVisitor.PostAsJsonAsync(Messages(elsewhere), new { clientMessageId = "hello", text = "Bonjour" })).StatusCode);
        Assert.Equal(HttpStatusCode.Created, (await admin.PostAsJsonAsync(Messages(conversation), new { clientMessageId = "agent", text = "We are here." })).StatusCode);
    }

    [Fact]
    public async Task The_same_flood_over_the_hub_is_refused_with_an_error_that_says_so_and_nothing_past_the_quota_is_stored()
    {
        var tenant = await chat.NewTenant();
        await SetLimits(tenant, QuotaLimits.Default with { VisitorMessagesPerMinute = 5 });
        var (conversation, token) = await tenant.VisitorConversation();
        await using var visitor = await ChatClient.Connect(chat.Web, token);

        var stored = 0;
        var errors = new List<HubException>();
        for (var i = 0; i < 20; i++)
        {
            try
            {
                await visitor.Send(conversation, $"hub-{i}", $"message {i}");
                stored++;
            }
            catch (HubException refused)
            {
                errors.Add(refused);
            }
        }

        Assert.Equal(5, stored);
        Assert.Equal(15, errors.Count);
        Assert.All(errors, e => Assert.Matches(@"Too many messages: at most 5 a minute in a conversation\. Retry in \d+ s\.", e.Message));
        Assert.Equal(5, (await chat.Conversation(conversation).GetSummary())!.LastSequence);

        // A retry of a message stored before is answered with it, not refused.
        Assert.Equal(1, (await visitor.Send(conversation, "hub-0", "message 0")).Sequence);
    }

    [Fact]
    public async Task A_visitor_is_refused_more_open_conversations_than_its_limit_until_one_is_resolved()
    {
        var tenant = await chat.NewTenant();
        await SetLimits(tenant, QuotaLimits.Default with { OpenConversationsPerVisitor = 2 });
        var visitor = await tenant.NewVisitor();
        using var http = tenant.Bearer(visitor.AccessToken);
        var first = await tenant.StartConversation(visitor.AccessToken);
        await tenant.StartConversation(visitor.AccessToken);

        await AssertTooMany(await http.PostAsync(Conversations(tenant), null), "Too many open conversations: at most 2 at once per visitor");

        using var admin = tenant.AsAdmin();
        (await admin.PutAsJsonAsync($"/api/tenants/{tenant.TenantId}/conversations/{first.ConversationId}/status", new { status = "resolved" })).EnsureSuccessStatusCode();
        await tenant.StartConversation(visitor.AccessToken);
        await AssertTooMany(await http.PostAsync(Conversations(tenant), null), "Too many open conversations");
    }

    [Fact]
    public async Task A_visitor_is_refused_conversations_past_its_hourly_limit_and_another_visitor_is_not()
    {
        var tenant = await chat.NewTenant();
        await SetLimits(tenant, QuotaLimits.Default with { ConversationsPerVisitorPerHour = 3 });
        var visitor = await tenant.NewVisitor();
        using var http = tenant.Bearer(visitor.AccessToken);
        for (var i = 0; i < 3; i++)
        {
            await tenant.StartConversation(visitor.AccessToken);
        }

        var refused = await http.PostAsync(Conversations(tenant), null);
        await AssertTooMany(refused, "Too many conversations started: at most 3 an hour per visitor");
        Assert.True(refused.Headers.RetryAfter!.Delta >= TimeSpan.FromMinutes(10), $"Retry-After {refused.Headers.RetryAfter} for a bucket refilling one every 20 minutes");
        await tenant.VisitorConversation();
    }

    [Fact]
    public async Task Files_and_file_bytes_past_their_limits_are_refused_and_not_stored()
    {
        var tenant = await chat.NewTenant();
        await SetLimits(tenant, QuotaLimits.Default with { VisitorFilesPerHour = 3, VisitorFileMegabytesPerHour = 10 });
        var (conversation, token) = await tenant.VisitorConversation();
        using var visitor = tenant.Bearer(token);
        var fourMegabytes = Enumerable.Repeat((byte)'a', 4 * 1024 * 1024).ToArray();

        await Files.Upload(visitor, conversation, "a.bin", "text/plain", fourMegabytes);
        await Files.Upload(visitor, conversation, "b.bin", "text/plain", fourMegabytes);
        await AssertTooMany(await Files.Send(visitor, conversation, "c.bin", "text/plain", fourMegabytes, "c"), "Too many file bytes: at most 10 MiB an hour");
        await Files.Upload(visitor, conversation, "d.txt", "text/plain", "small"u8.ToArray());
        await AssertTooMany(await Files.Send(visitor, conversation, "e.txt", "text/plain", "small"u8.ToArray(), "e"), "Too many files: at most 3 an hour");

        Assert.Equal(3, (await chat.Conversation(conversation).GetSummary())!.LastSequence);
    }

    [Fact]
    public async Task New_visitor_tokens_past_the_widget_keys_limit_are_refused_while_renewals_go_on()
    {
        var tenant = await chat.NewTenant();
        await SetLimits(tenant, QuotaLimits.Default with { VisitorTokensPerMinute = 3 });
        var visitors = new List<Web.Apis.WidgetApi.VisitorToken>();
        for (var i = 0; i < 3; i++)
        {
            visitors.Add(await tenant.NewVisitor());
        }

        await AssertTooMany(await chat.Web.Http.PostAsJsonAsync("/api/widget/visitor-tokens", new { widgetKey = tenant.SignUp.WidgetKey }), "Too many new visitors on this widget key");

        using var returning = tenant.Bearer(visitors[0].AccessToken);
        var renewed = await returning.PostAsJsonAsync("/api/widget/visitor-tokens", new { widgetKey = tenant.SignUp.WidgetKey });
        Assert.Equal(HttpStatusCode.OK, renewed.StatusCode);
        Assert.Equal(visitors[0].VisitorId, (await renewed.Content.ReadFromJsonAsync<Web.Apis.WidgetApi.VisitorToken>(WebHost.Json))!.VisitorId);
    }

    [Fact]
    public async Task Administrators_read_the_limits_with_defaults_and_maxima_and_cannot_go_past_a_maximum()
    {
        var tenant = await chat.NewTenant();
        using var admin = tenant.AsAdmin();
        var quotas = (await admin.GetFromJsonAsync<TenantQuotas>(QuotasPath(tenant), WebHost.Json))!;
        Assert.Equal(QuotaLimits.Default, quotas.InForce);
        Assert.False(quotas.Custom);
        Assert.Equal(QuotaLimits.DefaultMaxima, quotas.Maxima);

        var tooMuch = await admin.PutAsJsonAsync(QuotasPath(tenant), QuotaLimits.Default with { VisitorMessagesPerMinute = 601, OpenConversationsPerVisitor = 0 });
        Assert.Equal(HttpStatusCode.BadRequest, tooMuch.StatusCode);
        var problem = (await tooMuch.Content.ReadFromJsonAsync<ValidationProblemDetails>())!;
        Assert.Equal(["openConversationsPerVisitor", "visitorMessagesPerMinute"], problem.Errors.Keys.Order().ToArray());
        Assert.False((await admin.GetFromJsonAsync<TenantQuotas>(QuotasPath(tenant), WebHost.Json))!.Custom);

        await SetLimits(tenant, QuotaLimits.Default with { VisitorMessagesPerMinute = 60 });
        Assert.Equal(60, (await admin.GetFromJsonAsync<TenantQuotas>(QuotasPath(tenant), WebHost.Json))!.InForce.VisitorMessagesPerMinute);
        Assert.False((await (await admin.DeleteAsync(QuotasPath(tenant))).Content.ReadFromJsonAsync<TenantQuotas>(WebHost.Json))!.Custom);

        var (_, visitorToken) = await tenant.VisitorConversation();
        using var visitor = tenant.Bearer(visitorToken);
        Assert.Equal(HttpStatusCode.Forbidden, (await visitor.GetAsync(QuotasPath(tenant))).StatusCode);
        Assert.Equal(HttpStatusCode.Forbidden, (await visitor.PutAsJsonAsync(QuotasPath(tenant), QuotaLimits.DefaultMaxima)).StatusCode);
    }

    private static async Task SetLimits(TenantSession tenant, QuotaLimits limits)
    {
        using var admin = tenant.AsAdmin();
        (await admin.PutAsJsonAsync(QuotasPath(tenant), limits)).EnsureSuccessStatusCode();
    }

    private static async Task AssertTooMany(HttpResponseMessage answer, string detail)
    {
        Assert.Equal(HttpStatusCode.TooManyRequests, answer.StatusCode);
        Assert.True(answer.Headers.RetryAfter?.Delta >= TimeSpan.FromSeconds(1), $"Retry-After: {answer.Headers.RetryAfter}");
        Assert.Equal("application/problem+json", answer.Content.Headers.ContentType?.MediaType);
        var problem = (await answer.Content.ReadFromJsonAsync<ProblemDetails>())!;
        Assert.Equal(429, problem.Status);
        Assert.Contains(detail, problem.Detail, StringComparison.Ordinal);
        Assert.Matches(@"Retry in \d+ s\.$", problem.Detail);
    }

    private static string QuotasPath(TenantSession tenant) => $"/api/tenants/{tenant.TenantId}/quotas";

    private static string Conversations(TenantSession tenant) => $"/api/tenants/{tenant.TenantId}/conversations";

    private static string Messages(ConversationKey conversation) => $"/api/tenants/{conversation.TenantId}/conversations/{conversation.ConversationId}/messages";
}
