using System.Net;
using System.Net.Http.Json;
using Orbitalyntra.Desk;
using Orbitalyntra.Tests.Infrastructure;

namespace Orbitalyntra.Tests.Desk;

/// <summary>
/// Issue 19's flood, as the probe made it: one visitor token starts conversations from four clients in parallel while an
/// agent's connection watches the inbox. The watcher gets one small delta per change and a bounded first page, measured
/// on the wire, and builds the same inbox a fresh page shows (docs/decisions/0045-inbox-deltas.md).
/// </summary>
[Collection(ChatClusterCollection.Name)]
public sealed class InboxPushTests(ChatCluster chat)
{
    private const int Flood = 240;

    /// <summary>The most a push of one change may cost on the wire; the whole view of this flood is many times more.</summary>
    private const int MaxDeltaBytes = 1024;

    /// <summary>The first page: a hundred waiting conversations and the agents.</summary>
    private const int MaxPageBytes = 12 * 1024;

    [Fact]
    public async Task A_flood_of_waiting_conversations_reaches_a_watching_agent_as_small_deltas_and_a_bounded_page()
    {
        var tenant = await chat.NewTenant();
        await using var wire = await RawHubConnection.Connect(chat.Web, tenant.AdminToken);
        await using var console = await ChatClient.Connect(chat.Web, tenant.AdminToken);
        await wire.Invoke("WatchInbox", tenant.TenantId);
        await console.WatchInbox(tenant.TenantId);
        await console.InboxWhere(_ => true);

        // Four clients at once, each for many visitors: one visitor's flood is cut short by the quotas (QuotaTests).
        await Task.WhenAll(Enumerable.Range(0, 4).Select(_ => tenant.StartConversationsOfManyVisitors(Flood / 4)));

        var whole = System.Text.Json.JsonSerializer.Serialize(await chat.Client.GetGrain<IInboxGrain>(tenant.TenantId).GetInbox(), WebHost.Json);
        Assert.True(whole.Length > 8 * MaxDeltaBytes, $"the flood's whole view is only {whole.Length} bytes: the test would not tell deltas from views");
        List<(string Target, System.Text.Json.Nodes.JsonArray Arguments, int Bytes)> Deltas() => [.. wire.Received.Where(m => m.Target == "inboxDelta")];
        await Eventually.Holds(() => Deltas() is [.., var last] && last.Arguments[0]!["waitingCount"]!.GetValue<int>() == Flood, "the last delta counts the whole flood", TimeSpan.FromSeconds(60));
        var deltas = Deltas();
        Assert.Equal(Flood, deltas.Count);
        Assert.All(deltas, delta => Assert.True(delta.Bytes <= MaxDeltaBytes, $"a delta of {delta.Bytes} bytes"));

        // A client that joins now (or missed a delta) reads a first page, not the whole inbox.
        await wire.Invoke("WatchInbox", tenant.TenantId);
        await Eventually.Holds(() => wire.Received.Count(m => m.Target == "inboxPage") == 2, "the page read again came");
        var page = wire.Received.Last(m => m.Target == "inboxPage");
        Assert.True(page.Bytes <= MaxPageBytes, $"a first page of {page.Bytes} bytes");
        Assert.Equal(Flood, page.Arguments[0]!["waitingCount"]!.GetValue<int>());
        var view = (await tenant.AsAdmin().GetFromJsonAsync<InboxView>($"/api/tenants/{tenant.TenantId}/inbox", WebHost.Json))!;
        Assert.Equal(view.Waiting.Take(InboxRules.PageSize), page.Arguments[0]!["entries"]!.AsArray().Select(e => Guid.Parse(e!["conversationId"]!.GetValue<string>())));

        // The watcher that applied the deltas holds what the page shows.
        await Eventually.Holds(() => console.WatchedView.Waiting.SequenceEqual(view.Waiting.Take(InboxRules.PageSize)), "the watcher shows the first page");
        Assert.Equal(0, console.MissedDeltas);
    }

    [Fact]
    public async Task The_REST_inbox_answers_a_flood_a_bounded_page_at_a_time_each_waiting_conversation_once_in_queue_order()
    {
        var tenant = await chat.NewTenant();
        await tenant.StartConversationsOfManyVisitors(InboxRules.PageSize + 30);
        var queue = (await chat.Client.GetGrain<IInboxGrain>(tenant.TenantId).GetInbox()).Waiting;
        using var admin = tenant.AsAdmin();

        var listed = new List<Guid>();
        long? after = null;
        var pages = 0;
        do
        {
            var body = await admin.GetStringAsync($"/api/tenants/{tenant.TenantId}/inbox?limit=40{(after is { } cursor ? $"&waitingAfter={cursor}" : "")}");
            var page = System.Text.Json.JsonSerializer.Deserialize<InboxListing>(body, WebHost.Json)!;
            Assert.True(page.Waiting.Count <= 40, $"a page of {page.Waiting.Count}");
            Assert.Equal(queue.Count, page.WaitingCount);
            listed.AddRange(page.Waiting);
            after = page.NextWaitingAfter;
            pages++;
        }
        while (after is not null);

        Assert.Equal(queue, listed);
        Assert.Equal(4, pages);
        var first = (await admin.GetFromJsonAsync<InboxListing>($"/api/tenants/{tenant.TenantId}/inbox", WebHost.Json))!;
        Assert.Equal(queue.Take(InboxRules.DefaultListLimit), first.Waiting);
        foreach (var wrong in new[] { "limit=0", $"limit={InboxRules.MaxListLimit + 1}", "waitingAfter=-1", "limit=ten" })
        {
            var refused = await admin.GetAsync($"/api/tenants/{tenant.TenantId}/inbox?{wrong}");
            Assert.Equal(HttpStatusCode.BadRequest, refused.StatusCode);
        }
    }

    [Fact]
    public async Task When_waiting_conversations_are_routed_the_next_ones_enter_the_page_and_loads_follow()
    {
        var tenant = await chat.NewTenant();
        await using var console = await ChatClient.Connect(chat.Web, tenant.AdminToken);
        await console.WatchInbox(tenant.TenantId);
        await console.InboxWhere(_ => true);
        await tenant.StartConversationsOfManyVisitors(InboxRules.PageSize + 5);

        using var admin = tenant.AsAdmin();
        Assert.Equal(HttpStatusCode.OK, (await admin.PutAsJsonAsync($"/api/tenants/{tenant.TenantId}/presence", new { status = "online", capacity = 4 })).StatusCode);

        var view = (await admin.GetFromJsonAsync<InboxView>($"/api/tenants/{tenant.TenantId}/inbox", WebHost.Json))!;
        Assert.Equal(4, view.Assigned.Count);
        var watched = await console.InboxWhere(shown => shown.Assigned.Count == 4);
        Assert.Equal(view.Waiting.Take(InboxRules.PageSize), watched.Waiting);
        Assert.Equal(view.Assigned, watched.Assigned);
        Assert.Equal(4, watched.Agents.Single().Load);
        Assert.Equal(InboxRules.PageSize + 1, console.WatchedWaitingCount);
        Assert.Equal(0, console.MissedDeltas);
    }
}
