using System.Net;
using System.Net.Http.Json;
using Orbitalyntra.Chat;
using Orbitalyntra.Tests.Infrastructure;

namespace Orbitalyntra.Tests.Desk;

[Collection(ChatClusterCollection.Name)]
public sealed class ConversationStatusTests(ChatCluster chat)
{
    private static string Status(ConversationKey key) => $"/api/tenants/{key.TenantId}/conversations/{key.ConversationId}/status";

    private static string Summary(ConversationKey key) => $"/api/tenants/{key.TenantId}/conversations/{key.ConversationId}";

    private static async Task<ConversationSummary> Set(HttpClient http, ConversationKey key, object change)
    {
        var response = await http.PutAsJsonAsync(Status(key), change);
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        return (await response.Content.ReadFromJsonAsync<ConversationSummary>(WebHost.Json))!;
    }

    [Fact]
    public async Task Staff_move_a_conversation_through_its_statuses()
    {
        var tenant = await chat.NewTenant();
        var (conversation, _) = await tenant.VisitorConversation();
        using var staff = tenant.AsAdmin();

        Assert.Equal(ConversationStatus.Pending, (await Set(staff, conversation, new { status = "pending" })).Status);
        Assert.Equal(ConversationStatus.Resolved, (await Set(staff, conversation, new { status = "resolved" })).Status);
        Assert.Equal(ConversationStatus.Resolved, (await staff.GetFromJsonAsync<ConversationSummary>(Summary(conversation), WebHost.Json))!.Status);
        Assert.Equal(ConversationStatus.Open, (await Set(staff, conversation, new { status = "open" })).Status);
    }

    [Fact]
    public async Task A_snoozed_conversation_opens_again_by_itself_when_its_time_comes()
    {
        var tenant = await chat.NewTenant();
        var (conversation, _) = await tenant.VisitorConversation();
        using var staff = tenant.AsAdmin();
        var until = DateTimeOffset.UtcNow.AddSeconds(3);

        var snoozed = await Set(staff, conversation, new { status = "snoozed", snoozeUntil = until });
        Assert.Equal(ConversationStatus.Snoozed, snoozed.Status);
        Assert.Equal(until, snoozed.SnoozedUntil);

        var woken = await Eventually.Succeeds(async () =>
        {
            var summary = (await staff.GetFromJsonAsync<ConversationSummary>(Summary(conversation), WebHost.Json))!;
            Assert.Equal(ConversationStatus.Open, summary.Status);
            return summary;
        }, TimeSpan.FromSeconds(60));
        Assert.Null(woken.SnoozedUntil);
        Assert.True(DateTimeOffset.UtcNow >= until);
    }

    [Fact]
    public async Task A_short_snooze_set_after_a_long_one_of_the_same_tenant_still_opens_on_time()
    {
        var tenant = await chat.NewTenant();
        var (longSnooze, _) = await tenant.VisitorConversation();
        var (shortSnooze, _) = await tenant.VisitorConversation();
        using var staff = tenant.AsAdmin();

        // The tenant's one alarm is first set for a time weeks away; the second snooze must not wait for it.
        await Set(staff, longSnooze, new { status = "snoozed", snoozeUntil = DateTimeOffset.UtcNow.AddDays(60) });
        var until = DateTimeOffset.UtcNow.AddSeconds(3);
        await Set(staff, shortSnooze, new { status = "snoozed", snoozeUntil = until });

        await Eventually.Succeeds(async () =>
            Assert.Equal(ConversationStatus.Open, (await staff.GetFromJsonAsync<ConversationSummary>(Summary(shortSnooze), WebHost.Json))!.Status),
            TimeSpan.FromSeconds(60));
        Assert.Equal(ConversationStatus.Snoozed, (await staff.GetFromJsonAsync<ConversationSummary>(Summary(longSnooze), WebHost.Json))!.Status);
    }

    // The snooze rules are tested in the fast tier (ChatRulesTests); here, one of them and the bodies the web host refuses.
    [Theory]
    [InlineData("""{"status":"snoozed"}""")]
    [InlineData("""{"status":"closed"}""")]
    [InlineData("""{"status":3}""")]
    [InlineData("""{}""")]
    public async Task An_invalid_status_change_is_refused_and_changes_nothing(string body)
    {
        var tenant = await chat.NewTenant();
        var (conversation, _) = await tenant.VisitorConversation();
        using var staff = tenant.AsAdmin();

        var response = await staff.PutAsync(Status(conversation), new StringContent(body, System.Text.Encoding.UTF8, "application/json"));

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        Assert.Equal("application/problem+json", response.Content.Headers.ContentType?.MediaType);
        Assert.Equal(ConversationStatus.Open, (await chat.Conversation(conversation).GetSummary())!.Status);
    }

    [Fact]
    public async Task A_visitor_cannot_change_the_status()
    {
        var tenant = await chat.NewTenant();
        var (conversation, visitorToken) = await tenant.VisitorConversation();
        using var visitor = tenant.Bearer(visitorToken);

        var response = await visitor.PutAsJsonAsync(Status(conversation), new { status = "resolved" });

        Assert.Equal(HttpStatusCode.Forbidden, response.StatusCode);
        Assert.Equal(ConversationStatus.Open, (await chat.Conversation(conversation).GetSummary())!.Status);
    }
}
