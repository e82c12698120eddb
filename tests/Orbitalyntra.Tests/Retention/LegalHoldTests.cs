using System.Net;
using System.Net.Http.Json;
using Orbitalyntra.Privacy;
using Orbitalyntra.Retention;
using Orbitalyntra.Tests.Infrastructure;
using Orbitalyntra.Tests.Privacy;

namespace Orbitalyntra.Tests.Retention;

/// <summary>
/// Legal holds placed by an operator keep what they cover from retention purges and from erasure until they are lifted
/// (docs/decisions/0036), on silos whose clock travels weeks ahead.
/// </summary>
[Collection(RetentionClusterCollection.Name)]
public sealed class LegalHoldTests(RetentionCluster cluster)
{
    private const string Reason = "Dispute 2026-118: the customer's lawyer asked to keep the exchange";

    [Fact]
    public async Task A_held_conversation_survives_the_purge_that_takes_its_unheld_neighbour_and_the_first_purge_after_the_lift_takes_it()
    {
        var tenant = await cluster.NewTenant();
        await tenant.SetRetention(RetentionTestData.Short);
        var person = await TestPerson.Chatting(tenant, "Hugo", conversations: 2);
        var (held, neighbour) = (person.Conversations[0], person.Conversations[1]);
        using var operators = await Operator();

        var hold = await Place(operators, tenant, new { scope = "conversation", targetId = held.ConversationId.ToString("N"), reason = Reason });

        cluster.Clock.Travel(TimeSpan.FromDays(31));
        var reports = await Eventually.Succeeds(async () =>
        {
            var all = await tenant.Reports();
            Assert.Equal(1, all.Sum(r => r.Count("conversations")));
            Assert.Contains(all, r => r.Held > 0);
            return all;
        }, TimeSpan.FromSeconds(60));
        Assert.Equal(HttpStatusCode.NotFound, await tenant.Status(neighbour));
        Assert.Equal(HttpStatusCode.OK, await tenant.Status(held));
        Assert.Equal(2, (await person.History(held)).Count);

        // A later purge still finds it due and keeps it, counted as held again.
        await tenant.PurgedSince(cluster.Clock.GetUtcNow());
        Assert.Equal(HttpStatusCode.OK, await tenant.Status(held));

        Assert.Equal(HttpStatusCode.NoContent, (await operators.DeleteAsync($"{Holds(tenant)}/{hold.HoldId:N}")).StatusCode);

        await Eventually.Succeeds(async () => Assert.Equal(2, (await tenant.Reports()).Sum(r => r.Count("conversations"))), TimeSpan.FromSeconds(60));
        Assert.Equal(HttpStatusCode.NotFound, await tenant.Status(held));
        Assert.Empty(await operators.GetFromJsonAsync<List<LegalHold>>(Holds(tenant), WebHost.Json) ?? []);
        using var admin = tenant.AsAdmin();
        var trail = await admin.GetFromJsonAsync<List<AuditEntry>>($"/api/tenants/{tenant.TenantId}/audit?limit=200", WebHost.Json);
        Assert.Contains(trail!, e => e.Action == "hold.placed" && e.By.Role == "operator" && e.Detail!.Contains(Reason, StringComparison.Ordinal));
        Assert.Contains(trail!, e => e.Action == "hold.lifted" && e.Detail!.Contains(hold.HoldId.ToString("N"), StringComparison.Ordinal));
        Assert.Contains(trail!, e => e.Action == "retention.purged" && e.Detail!.Contains("held=1", StringComparison.Ordinal));
    }

    [Theory]
    [InlineData("subject")]
    [InlineData("conversation")]
    public async Task An_erasure_of_held_data_waits_with_the_reason_told_to_the_requester_and_completes_when_the_hold_is_lifted(string scope)
    {
        var tenant = await cluster.NewTenant();
        var person = await TestPerson.Chatting(tenant, "Inès", conversations: 1);
        using var operators = await Operator();
        // Held directly, or through a conversation they wrote in.
        var targetId = scope == "subject" ? person.SubjectId : person.Conversations[0].ConversationId.ToString("N");
        var hold = await Place(operators, tenant, new { scope, targetId, reason = Reason });
        using var visitor = tenant.Bearer(person.Token);
        var me = $"/api/tenants/{tenant.TenantId}/visitors/me";

        var answer = await visitor.PostAsync($"{me}/erasure", null);

        Assert.Equal(HttpStatusCode.Accepted, answer.StatusCode);
        var waiting = (await answer.Content.ReadFromJsonAsync<SubjectRequest>(WebHost.Json))!;
        Assert.Equal((RequestKind.Erasure, RequestStatus.Open), (waiting.Kind, waiting.Status));
        Assert.Contains(Reason, waiting.HeldBecause, StringComparison.Ordinal);
        Assert.Contains("legal hold", waiting.HeldBecause, StringComparison.Ordinal);

        // The requester reads the same when they ask again; their data is still there meanwhile.
        var asked = await (await visitor.PostAsJsonAsync($"{me}/requests", new { kind = "erasure" })).Content.ReadFromJsonAsync<SubjectRequest>(WebHost.Json);
        Assert.Equal((waiting.RequestId, waiting.HeldBecause), (asked!.RequestId, asked.HeldBecause));
        Assert.Equal(person.Email, (await person.Profile()).Contact?.Email);
        Assert.Equal(2, (await person.History(person.Conversations[0])).Count(m => !m.Erased));

        Assert.Equal(HttpStatusCode.NoContent, (await operators.DeleteAsync($"{Holds(tenant)}/{hold.HoldId:N}")).StatusCode);

        var done = await Eventually.Succeeds(async () =>
        {
            using var admin = tenant.AsAdmin();
            var all = await admin.GetFromJsonAsync<List<SubjectRequest>>($"/api/tenants/{tenant.TenantId}/requests?open=false", WebHost.Json);
            return Assert.Single(all!, r => r.RequestId == waiting.RequestId && r.Status == RequestStatus.Completed);
        }, TimeSpan.FromSeconds(60));
        Assert.Null(done.HeldBecause);
        Assert.All((await person.History(person.Conversations[0])).Where(m => m.Sender.Id == person.SubjectId), m => Assert.True(m.Erased));
    }

    [Fact]
    public async Task An_erasure_a_lift_released_that_failed_on_a_storage_fault_is_carried_out_once_the_fault_is_gone()
    {
        var tenant = await cluster.NewTenant();
        var person = await TestPerson.Chatting(tenant, "Noé", conversations: 1);
        using var operators = await Operator();
        // Held through their conversation: the lift's own audit entry names no subject, so only the erasure meets the fault.
        var hold = await Place(operators, tenant, new { scope = "conversation", targetId = person.Conversations[0].ConversationId.ToString("N"), reason = Reason });
        using var visitor = tenant.Bearer(person.Token);
        var waiting = (await (await visitor.PostAsync($"/api/tenants/{tenant.TenantId}/visitors/me/erasure", null)).Content.ReadFromJsonAsync<SubjectRequest>(WebHost.Json))!;
        Assert.NotNull(waiting.HeldBecause);
        using var admin = tenant.AsAdmin();
        async Task<SubjectRequest> Request() => Assert.Single(
            (await admin.GetFromJsonAsync<List<SubjectRequest>>($"/api/tenants/{tenant.TenantId}/requests?open=false", WebHost.Json))!,
            r => r.RequestId == waiting.RequestId);

        using (cluster.TableFaults.FailRequestsTouching(person.SubjectId))
        {
            // The hold is lifted whatever becomes of the erasures it released.
            Assert.Equal(HttpStatusCode.NoContent, (await operators.DeleteAsync($"{Holds(tenant)}/{hold.HoldId:N}")).StatusCode);
            Assert.Empty(await operators.GetFromJsonAsync<List<LegalHold>>(Holds(tenant), WebHost.Json) ?? []);
            var stillWaiting = await Request();
            Assert.Equal(RequestStatus.Open, stillWaiting.Status);
            Assert.NotNull(stillWaiting.HeldBecause);
        }

        var done = await Eventually.Succeeds(async () =>
        {
            var request = await Request();
            Assert.Equal(RequestStatus.Completed, request.Status);
            return request;
        }, TimeSpan.FromSeconds(60));
        Assert.Null(done.HeldBecause);
        Assert.All((await person.History(person.Conversations[0])).Where(m => m.Sender.Id == person.SubjectId), m => Assert.True(m.Erased));
    }

    [Fact]
    public async Task Only_operators_place_holds_and_a_bad_hold_is_refused_with_a_problem_that_changes_nothing()
    {
        var tenant = await cluster.NewTenant();
        using var operators = await Operator();
        using var admin = tenant.AsAdmin();

        var byAdmin = await admin.PostAsJsonAsync(Holds(tenant), new { scope = "tenant", reason = Reason });
        var noReason = await operators.PostAsJsonAsync(Holds(tenant), new { scope = "tenant", reason = "" });
        var badScope = await operators.PostAsJsonAsync(Holds(tenant), new { scope = "planet", reason = Reason });
        var unknownConversation = await operators.PostAsJsonAsync(Holds(tenant), new { scope = "conversation", targetId = Guid.NewGuid().ToString("N"), reason = Reason });
        var unknownSubject = await operators.PostAsJsonAsync(Holds(tenant), new { scope = "subject", targetId = "nobody-here", reason = Reason });
        var unknownTenant = await operators.PostAsJsonAsync("/api/operators/tenants/t-doesnotexist00000/holds", new { scope = "tenant", reason = Reason });

        Assert.Contains(byAdmin.StatusCode, new[] { HttpStatusCode.Forbidden, HttpStatusCode.Unauthorized });
        Assert.Equal(
            (HttpStatusCode.BadRequest, HttpStatusCode.BadRequest, HttpStatusCode.NotFound, HttpStatusCode.NotFound, HttpStatusCode.NotFound),
            (noReason.StatusCode, badScope.StatusCode, unknownConversation.StatusCode, unknownSubject.StatusCode, unknownTenant.StatusCode));
        Assert.Equal("application/problem+json", unknownConversation.Content.Headers.ContentType?.MediaType);
        Assert.Empty(await operators.GetFromJsonAsync<List<LegalHold>>(Holds(tenant), WebHost.Json) ?? []);
        Assert.Equal(HttpStatusCode.NotFound, (await operators.DeleteAsync($"{Holds(tenant)}/{Guid.NewGuid():N}")).StatusCode);
    }

    private static async Task<LegalHold> Place(HttpClient operators, TenantSession tenant, object hold)
    {
        var response = await operators.PostAsJsonAsync(Holds(tenant), hold);
        Assert.Equal(HttpStatusCode.Created, response.StatusCode);
        return (await response.Content.ReadFromJsonAsync<LegalHold>(WebHost.Json))!;
    }

    private static string Holds(TenantSession tenant) => $"/api/operators/tenants/{tenant.TenantId}/holds";

    private async Task<HttpClient> Operator()
    {
        var http = new HttpClient(new HttpClientHandler { CookieContainer = new CookieContainer(), UseCookies = true }) { BaseAddress = cluster.Web.Address };
        (await http.PostAsJsonAsync("/api/operators/sessions", new { name = WebHost.OperatorName, password = WebHost.OperatorPassword })).EnsureSuccessStatusCode();
        return http;
    }
}
