using System.Net;
using System.Net.Http.Json;
using Orbitalyntra.Desk;
using Orbitalyntra.Tests.Infrastructure;

namespace Orbitalyntra.Tests.Desk;

[Collection(ChatClusterCollection.Name)]
public sealed class CannedAnswersApiTests(ChatCluster chat)
{
    [Fact]
    public async Task Staff_keep_canned_answers_by_unique_shortcut()
    {
        var tenant = await chat.NewTenant();
        using var staff = tenant.AsAdmin();
        var answers = $"/api/tenants/{tenant.TenantId}/canned-answers";

        var refund = await staff.PostAsJsonAsync(answers, new { shortcut = "refund", text = "Refunds take 5 working days." });
        var greeting = await staff.PostAsJsonAsync(answers, new { shortcut = "hello", text = "Hi! How can I help?" });
        var taken = await staff.PostAsJsonAsync(answers, new { shortcut = "refund", text = "Another text" });
        var invalid = await staff.PostAsJsonAsync(answers, new { shortcut = "Has Spaces", text = "" });

        Assert.Equal(HttpStatusCode.Created, refund.StatusCode);
        Assert.Equal(HttpStatusCode.Created, greeting.StatusCode);
        Assert.Equal(HttpStatusCode.Conflict, taken.StatusCode);
        Assert.Equal(HttpStatusCode.BadRequest, invalid.StatusCode);
        Assert.Equal(["hello", "refund"], (await staff.GetFromJsonAsync<List<CannedAnswer>>(answers, WebHost.Json))!.Select(a => a.Shortcut));

        var removed = (await refund.Content.ReadFromJsonAsync<CannedAnswer>(WebHost.Json))!;
        Assert.Equal(HttpStatusCode.NoContent, (await staff.DeleteAsync($"{answers}/{removed.AnswerId}")).StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, (await staff.DeleteAsync($"{answers}/{removed.AnswerId}")).StatusCode);
        Assert.Equal(["hello"], (await staff.GetFromJsonAsync<List<CannedAnswer>>(answers, WebHost.Json))!.Select(a => a.Shortcut));
    }

    [Fact]
    public async Task Visitors_see_no_canned_answers()
    {
        var tenant = await chat.NewTenant();
        var visitor = await tenant.NewVisitor();
        using var http = tenant.Bearer(visitor.AccessToken);

        Assert.Equal(HttpStatusCode.NotFound, (await http.GetAsync($"/api/tenants/{tenant.TenantId}/canned-answers")).StatusCode);
    }
}
