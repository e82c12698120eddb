using System.Net;
using System.Net.Http.Json;
using Orbitalyntra.Privacy;
using Orbitalyntra.Tests.Infrastructure;

namespace Orbitalyntra.Tests.Privacy;

/// <summary>Consent, restriction, objection, rectification and the request queue, through the API as people use them.</summary>
[Collection(ChatClusterCollection.Name)]
public sealed class RightsApiTests(ChatCluster chat)
{
    [Fact]
    public async Task A_consent_withdrawal_takes_effect_at_once_and_is_as_easy_as_giving()
    {
        var tenant = await chat.NewTenant();
        var person = await TestPerson.Chatting(tenant, "Cora");
        using var visitor = tenant.Bearer(person.Token);
        var me = $"/api/tenants/{tenant.TenantId}/visitors/me";

        (await visitor.PostAsJsonAsync($"{me}/consents", new { purpose = "analytics", granted = true, source = "widget banner" })).EnsureSuccessStatusCode();
        (await visitor.PostAsJsonAsync($"{me}/consents", new { purpose = "marketing", granted = true, source = "widget banner" })).EnsureSuccessStatusCode();
        Assert.True(await Subject(person).MayProcess(ConsentPurpose.Analytics));

        var withdrawal = await visitor.PostAsJsonAsync($"{me}/requests", new { kind = "consentWithdrawal" });
        Assert.Equal(HttpStatusCode.Created, withdrawal.StatusCode);
        Assert.Equal(RequestStatus.Completed, (await withdrawal.Content.ReadFromJsonAsync<SubjectRequest>(WebHost.Json))!.Status);
        Assert.False(await Subject(person).MayProcess(ConsentPurpose.Analytics));
        Assert.False(await Subject(person).MayProcess(ConsentPurpose.Marketing));

        var ledger = (await visitor.GetFromJsonAsync<SubjectProfile>($"{me}/privacy", WebHost.Json))!.Consents;
        Assert.Equal(
            [(ConsentPurpose.Analytics, true), (ConsentPurpose.Marketing, true), (ConsentPurpose.Analytics, false), (ConsentPurpose.Marketing, false)],
            ledger.Select(c => (c.Purpose, c.Granted)));
        Assert.All(ledger, c => Assert.Equal(person.SubjectId, c.By.Id));
    }

    [Theory]
    [InlineData("restriction")]
    [InlineData("objection")]
    public async Task A_restriction_or_an_objection_stops_processing_that_had_consent(string kind)
    {
        var tenant = await chat.NewTenant();
        var person = await TestPerson.Chatting(tenant, "Rhea");
        using var admin = tenant.AsAdmin();
        var subject = $"/api/tenants/{tenant.TenantId}/subjects/{person.SubjectId}";
        (await admin.PostAsJsonAsync($"{subject}/consents", new { purpose = "analytics", granted = true, source = "phone call" })).EnsureSuccessStatusCode();
        Assert.True(await Subject(person).MayProcess(ConsentPurpose.Analytics));

        var response = await admin.PostAsJsonAsync($"{subject}/requests", new { kind });

        Assert.Equal(HttpStatusCode.Created, response.StatusCode);
        Assert.Equal(RequestStatus.Completed, (await response.Content.ReadFromJsonAsync<SubjectRequest>(WebHost.Json))!.Status);
        Assert.All(Enum.GetValues<ConsentPurpose>(), purpose => Assert.False(Subject(person).MayProcess(purpose).Result));
        var profile = await person.Profile();
        Assert.True(kind == "restriction" ? profile.Restricted : profile.Objected);
    }

    [Fact]
    public async Task A_rectification_shows_in_every_place_that_holds_the_field()
    {
        var tenant = await chat.NewTenant();
        var person = await TestPerson.Chatting(tenant, "Ruth");
        using var admin = tenant.AsAdmin();
        var newEmail = $"ruth.{Guid.NewGuid():N}@corrected.test";

        var response = await admin.PutAsJsonAsync($"/api/tenants/{tenant.TenantId}/subjects/{person.SubjectId}/contact", new { name = "Ruth Corrected", email = newEmail });

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal(new ContactDetails("Ruth Corrected", newEmail), (await person.Profile()).Contact);
        using var visitor = tenant.Bearer(person.Token);
        Assert.Equal(newEmail, (await visitor.GetFromJsonAsync<SubjectProfile>($"/api/tenants/{tenant.TenantId}/visitors/me/privacy", WebHost.Json))!.Contact!.Email);
        Assert.Equal([person.SubjectId], await tenant.SearchByEmail(newEmail));
        Assert.Empty(await tenant.SearchByEmail(person.Email));
        Assert.Empty(await AzuriteScan.Find(newEmail, "Ruth Corrected"));
    }

    [Fact]
    public async Task Requests_wait_in_a_queue_with_their_deadline_until_closed_and_every_step_is_audited()
    {
        var tenant = await chat.NewTenant();
        var person = await TestPerson.Chatting(tenant, "Ada");
        using var admin = tenant.AsAdmin();
        using var visitor = tenant.Bearer(person.Token);

        var created = await visitor.PostAsJsonAsync($"/api/tenants/{tenant.TenantId}/visitors/me/requests", new { kind = "access" });
        var request = (await created.Content.ReadFromJsonAsync<SubjectRequest>(WebHost.Json))!;
        var askedAgain = await visitor.PostAsJsonAsync($"/api/tenants/{tenant.TenantId}/visitors/me/requests", new { kind = "access" });
        Assert.Equal(request.RequestId, (await askedAgain.Content.ReadFromJsonAsync<SubjectRequest>(WebHost.Json))!.RequestId);
        Assert.Equal(RequestStatus.Open, request.Status);
        Assert.Equal(request.ReceivedAt.AddMonths(1), request.DueAt);
        var queue = (await admin.GetFromJsonAsync<List<SubjectRequest>>($"/api/tenants/{tenant.TenantId}/requests", WebHost.Json))!;
        Assert.Equal([request.RequestId], queue.Select(r => r.RequestId));

        var requests = $"/api/tenants/{tenant.TenantId}/requests/{request.RequestId:N}";
        var tooFar = await admin.PutAsJsonAsync($"{requests}/extension", new { until = request.ReceivedAt.AddMonths(4), reason = "Busy." });
        Assert.Equal(HttpStatusCode.BadRequest, tooFar.StatusCode);
        Assert.Contains("at most two months", await tooFar.Content.ReadAsStringAsync());
        (await admin.PutAsJsonAsync($"{requests}/extension", new { until = request.ReceivedAt.AddMonths(2), reason = "Large history." })).EnsureSuccessStatusCode();
        var badClosure = await admin.PutAsJsonAsync($"{requests}/closure", new { status = "open", resolution = "" });
        Assert.Equal(HttpStatusCode.BadRequest, badClosure.StatusCode);
        var closed = await admin.PutAsJsonAsync($"{requests}/closure", new { status = "completed", resolution = "Export sent." });
        Assert.Equal(RequestStatus.Completed, (await closed.Content.ReadFromJsonAsync<SubjectRequest>(WebHost.Json))!.Status);

        Assert.Empty((await admin.GetFromJsonAsync<List<SubjectRequest>>($"/api/tenants/{tenant.TenantId}/requests", WebHost.Json))!);
        var all = (await admin.GetFromJsonAsync<List<SubjectRequest>>($"/api/tenants/{tenant.TenantId}/requests?open=false", WebHost.Json))!;
        Assert.Equal(request.ReceivedAt.AddMonths(2), Assert.Single(all).Deadline);
        var trail = (await admin.GetFromJsonAsync<List<AuditEntry>>($"/api/tenants/{tenant.TenantId}/audit", WebHost.Json))!;
        Assert.Equal(
            ["request.received", "request.extended", "request.completed"],
            trail.Where(e => e.Action.StartsWith("request.")).Reverse().Select(e => e.Action));
    }

    [Fact]
    public async Task An_id_nobody_used_is_404_for_every_call_and_nothing_is_made_of_it()
    {
        var tenant = await chat.NewTenant();
        using var admin = tenant.AsAdmin();
        var phantom = $"/api/tenants/{tenant.TenantId}/subjects/CON";
        var calls = new Func<Task<HttpResponseMessage>>[]
        {
            () => admin.PostAsync($"{phantom}/erasure", null),
            () => admin.PutAsJsonAsync($"{phantom}/contact", new { name = "Nobody" }),
            () => admin.PostAsJsonAsync($"{phantom}/consents", new { purpose = "analytics", granted = true, source = "probe" }),
            () => admin.PutAsJsonAsync($"{phantom}/restriction", new { value = true }),
            () => admin.PutAsJsonAsync($"{phantom}/objection", new { value = true }),
            () => admin.PostAsJsonAsync($"{phantom}/requests", new { kind = "access" }),
            () => admin.GetAsync(phantom),
            () => admin.GetAsync($"{phantom}/export"),
        };
        foreach (var call in calls)
        {
            using var response = await call();
            Assert.Equal(HttpStatusCode.NotFound, response.StatusCode);
            Assert.Equal("application/problem+json", response.Content.Headers.ContentType?.MediaType);
        }

        Assert.False(await chat.Client.DataSubject(new SubjectKey(tenant.TenantId, "CON")).IsKnown());
        Assert.Equal("[]", await admin.GetStringAsync($"/api/tenants/{tenant.TenantId}/requests"));
    }

    [Fact]
    public async Task Bad_requests_are_refused_with_problem_details_and_change_nothing()
    {
        var tenant = await chat.NewTenant();
        var person = await TestPerson.Chatting(tenant, "Bo");
        using var admin = tenant.AsAdmin();
        var subject = $"/api/tenants/{tenant.TenantId}/subjects/{person.SubjectId}";

        foreach (var (path, body) in new (string, object)[]
        {
            ($"{subject}/consents", new { purpose = "telepathy", granted = true, source = "x" }),
            ($"{subject}/consents", new { purpose = "analytics", source = "x" }),
            ($"{subject}/consents", new { purpose = "analytics", granted = true }),
            ($"{subject}/requests", new { kind = "everything" }),
            ($"{subject}/requests", new { }),
        })
        {
            var response = await admin.PostAsJsonAsync(path, body);
            Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
            Assert.Equal("application/problem+json", response.Content.Headers.ContentType?.MediaType);
        }

        var badEmail = await admin.PutAsJsonAsync($"{subject}/contact", new { name = "Bo", email = "not an address" });
        Assert.Equal(HttpStatusCode.BadRequest, badEmail.StatusCode);
        Assert.Contains("email", await badEmail.Content.ReadAsStringAsync());
        var badId = await admin.GetAsync($"/api/tenants/{tenant.TenantId}/subjects/not%20an%20id");
        Assert.Equal(HttpStatusCode.BadRequest, badId.StatusCode);

        var profile = await person.Profile();
        Assert.Empty(profile.Consents);
        Assert.Equal(new ContactDetails(person.Name, person.Email), profile.Contact);
        Assert.Empty((await admin.GetFromJsonAsync<List<SubjectRequest>>($"/api/tenants/{tenant.TenantId}/requests", WebHost.Json))!);
    }

    private IDataSubjectGrain Subject(TestPerson person) =>
        chat.Client.GetGrain<IDataSubjectGrain>(new SubjectKey(person.Tenant.TenantId, person.SubjectId).ToString());
}
