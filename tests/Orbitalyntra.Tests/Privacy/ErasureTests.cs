using System.Net;
using System.Net.Http.Json;
using Azure.Data.Tables;
using Orbitalyntra.Privacy;
using Orbitalyntra.Tests.Infrastructure;

namespace Orbitalyntra.Tests.Privacy;

/// <summary>
/// Erasure by crypto-shredding: the subject's key goes first, then every place that held their data is cleared;
/// other people's data stays readable. Checked in storage itself (Azurite), not only through the API.
/// </summary>
[Collection(ChatClusterCollection.Name)]
public sealed class ErasureTests(ChatCluster chat)
{
    [Fact]
    public async Task Personal_data_is_never_stored_in_clear_and_erasure_leaves_nothing_readable_of_the_subject()
    {
        var tenant = await chat.NewTenant();
        var erased = await TestPerson.Chatting(tenant, "Erin", conversations: 2);
        var kept = await TestPerson.Chatting(tenant, "Kim", conversations: 1);
        var erasedFile = await erased.SendFile(erased.Conversations[1]);
        var keptFile = await kept.SendFile(kept.Conversations[0]);
        string[] everythingPersonal =
        [
            erased.Name, erased.Email, .. erased.Conversations.Select(erased.Said), erased.FileSays(erased.Conversations[1]),
            kept.Name, kept.Email, .. kept.Conversations.Select(kept.Said), kept.FileSays(kept.Conversations[0]),
        ];
        Assert.Empty(await AzuriteScan.Find(everythingPersonal));

        using var admin = tenant.AsAdmin();
        var response = await admin.PostAsync($"/api/tenants/{tenant.TenantId}/subjects/{erased.SubjectId}/erasure", null);
        Assert.Equal(HttpStatusCode.Accepted, response.StatusCode);
        var progress = (await response.Content.ReadFromJsonAsync<ErasureProgress>(WebHost.Json))!;
        Assert.NotNull(progress.CompletedAt);
        Assert.Empty(progress.Pending);
        Assert.NotEmpty(progress.LegalHolds);

        // Nothing in clear anywhere, and nothing sealed for the subject left, nor a key to open it.
        Assert.Empty(await AzuriteScan.Find(everythingPersonal));
        Assert.DoesNotContain(CapturedLogs.Instance.Lines, line => everythingPersonal.Any(line.Contains));
        Assert.Empty(await SealedRowsOf(erased));
        Assert.Null(await chat.Client.GetGrain<IDataSubjectGrain>(new SubjectKey(tenant.TenantId, erased.SubjectId).ToString()).KeyToRead());

        // The subject's messages and files keep their places, erased; the agent's answers and the other visitor stay.
        foreach (var conversation in erased.Conversations)
        {
            var history = await erased.History(conversation);
            Assert.All(history.Where(m => m.Sender.Id == erased.SubjectId), m => Assert.True(m is { Erased: true, Text: "", File: null }));
            Assert.Equal([TestPerson.AgentSaid(conversation)], history.Where(m => m.Sender.Id != erased.SubjectId).Select(m => m.Text));
        }

        Assert.Empty(await Chat.FilesTests.BlobsOf(erased.Conversations[1]));
        using var erasedFileDownload = await Files.Download(admin, erased.Conversations[1], erasedFile.Sequence);
        Assert.Equal(HttpStatusCode.NotFound, erasedFileDownload.StatusCode);
        Assert.Equal(
            [kept.Said(kept.Conversations[0]), TestPerson.AgentSaid(kept.Conversations[0]), $"{kept.Name}.txt"],
            (await kept.History(kept.Conversations[0])).Select(m => m.Text));
        using var keptFileDownload = await Files.Download(admin, kept.Conversations[0], keptFile.Sequence);
        Assert.Equal(kept.FileSays(kept.Conversations[0]), await keptFileDownload.Content.ReadAsStringAsync());
        var keptProfile = await kept.Profile();
        Assert.Equal(new ContactDetails(kept.Name, kept.Email), keptProfile.Contact);
        var erasedProfile = await erased.Profile();
        Assert.Null(erasedProfile.Contact);
        Assert.Empty(erasedProfile.Places);

        // Found by e-mail no more; the other person still is.
        Assert.Empty(await tenant.SearchByEmail(erased.Email));
        Assert.Equal([kept.SubjectId], await tenant.SearchByEmail(kept.Email));
    }

    [Fact]
    public async Task An_erased_visitor_cannot_write_again_and_a_second_erasure_changes_nothing()
    {
        var tenant = await chat.NewTenant();
        var person = await TestPerson.Chatting(tenant, "Ola");
        using var visitor = tenant.Bearer(person.Token);
        using var admin = tenant.AsAdmin();

        var first = await visitor.PostAsync($"/api/tenants/{tenant.TenantId}/visitors/me/erasure", null);
        Assert.Equal(HttpStatusCode.Accepted, first.StatusCode);
        var again = await admin.PostAsync($"/api/tenants/{tenant.TenantId}/subjects/{person.SubjectId}/erasure", null);
        Assert.Equal(
            (await first.Content.ReadFromJsonAsync<ErasureProgress>(WebHost.Json))!.RequestedAt,
            (await again.Content.ReadFromJsonAsync<ErasureProgress>(WebHost.Json))!.RequestedAt);

        // The erasure ended the visitor's token (issue 19): nothing more can be written with it.
        var post = await visitor.PostAsJsonAsync(
            $"/api/tenants/{tenant.TenantId}/conversations/{person.Conversations[0].ConversationId:N}/messages",
            new { clientMessageId = "after-erasure", text = "I am back" });
        Assert.Equal(HttpStatusCode.Unauthorized, post.StatusCode);
        Assert.Contains("erased", await post.Content.ReadAsStringAsync());
        var contact = await visitor.PutAsJsonAsync($"/api/tenants/{tenant.TenantId}/visitors/me/contact", new { name = "New name" });
        Assert.Equal(HttpStatusCode.Unauthorized, contact.StatusCode);
        Assert.Equal(2, (await person.History(person.Conversations[0])).Count);
        Assert.Single(await AuditOf(tenant, person.SubjectId, "erasure.completed"));
        var requests = (await admin.GetFromJsonAsync<List<SubjectRequest>>($"/api/tenants/{tenant.TenantId}/requests?open=false", WebHost.Json))!;
        Assert.Equal([RequestStatus.Completed, RequestStatus.Completed], requests.Where(r => r.SubjectId == person.SubjectId).Select(r => r.Status));
    }

    [Fact]
    public async Task An_erasure_interrupted_half_way_completes_after_a_cluster_restart_once()
    {
        var tenant = await chat.NewTenant();
        var person = await TestPerson.Chatting(tenant, "Ida", conversations: 2);
        using var admin = tenant.AsAdmin();

        ErasureProgress halfWay;
        using (chat.TableFaults.FailRequestsTouching(person.Conversations[1].ToString()))
        {
            var response = await admin.PostAsync($"/api/tenants/{tenant.TenantId}/subjects/{person.SubjectId}/erasure", null);
            halfWay = (await response.Content.ReadFromJsonAsync<ErasureProgress>(WebHost.Json))!;
            Assert.Null(halfWay.CompletedAt);
            Assert.Equal([person.Conversations[1].ToString()], halfWay.Pending.Select(p => p.Id));
            await chat.StopSilos();
        }

        await chat.StartSilos();

        var done = await Eventually.Succeeds(async () =>
        {
            var erasure = (await person.Profile()).Erasure!;
            Assert.NotNull(erasure.CompletedAt);
            return erasure;
        }, TimeSpan.FromSeconds(60));
        Assert.Empty(done.Pending);
        Assert.Equal(halfWay.RequestedAt, done.RequestedAt);
        foreach (var conversation in person.Conversations)
        {
            Assert.Equal([true, false], (await person.History(conversation)).Select(m => m.Erased));
        }

        Assert.Empty(await AzuriteScan.Find([person.Name, person.Email, .. person.Conversations.Select(person.Said)]));
        Assert.Single(await AuditOf(tenant, person.SubjectId, "erasure.ordered"));
        Assert.Single(await AuditOf(tenant, person.SubjectId, "erasure.completed"));
        var request = Assert.Single((await admin.GetFromJsonAsync<List<SubjectRequest>>($"/api/tenants/{tenant.TenantId}/requests?open=false", WebHost.Json))!);
        Assert.Equal(RequestStatus.Completed, request.Status);
        Assert.Equal("system", Assert.Single(await AuditOf(tenant, person.SubjectId, "request.completed")).By.Role);
    }


    private static async Task<List<AuditEntry>> AuditOf(TenantSession tenant, string subjectId, string action)
    {
        using var admin = tenant.AsAdmin();
        var entries = await admin.GetFromJsonAsync<List<AuditEntry>>($"/api/tenants/{tenant.TenantId}/audit?limit=200", WebHost.Json);
        return entries!.Where(e => e.SubjectId == subjectId && e.Action == action).ToList();
    }

    /// <summary>Rows of the conversation log that still hold a sealed text written by the person.</summary>
    private static async Task<List<string>> SealedRowsOf(TestPerson person)
    {
        var table = new TableServiceClient(TestStorage.ConnectionString).GetTableClient("messages");
        var rows = new List<string>();
        foreach (var conversation in person.Conversations)
        {
            await foreach (var row in table.QueryAsync<TableEntity>(e => e.PartitionKey == conversation.ToString()))
            {
                if (row.GetString("SenderId") == person.SubjectId && row.ContainsKey("Body"))
                {
                    rows.Add(row.RowKey);
                }
            }
        }

        return rows;
    }

    [Fact]
    public async Task An_agents_name_and_e_mail_are_stored_only_sealed_and_their_erasure_deletes_the_account()
    {
        var tenant = await chat.NewTenant();
        using var admin = tenant.AsAdmin();
        var name = $"Agent Smith {Guid.NewGuid():N}";
        var email = $"smith.{Guid.NewGuid():N}@agents.test";
        var created = await admin.PostAsJsonAsync($"/api/tenants/{tenant.TenantId}/agents", new { displayName = name, email, password = "a long agent password", role = "agent" });
        Assert.Equal(HttpStatusCode.Created, created.StatusCode);
        var agent = (await created.Content.ReadFromJsonAsync<Orbitalyntra.Accounts.AgentProfile>(WebHost.Json))!;
        Assert.Equal((name, email), (agent.DisplayName, agent.Email));
        Assert.Empty(await AzuriteScan.Find(name, email));

        (await admin.PostAsync($"/api/tenants/{tenant.TenantId}/subjects/{agent.AgentId}/erasure", null)).EnsureSuccessStatusCode();

        // The account goes with the person: no profile, no sign-in, and the address is free for a new account.
        Assert.Equal(HttpStatusCode.NotFound, (await admin.GetAsync($"/api/tenants/{tenant.TenantId}/agents/{agent.AgentId}")).StatusCode);
        var signIn = await chat.Web.Http.PostAsJsonAsync($"/api/tenants/{tenant.TenantId}/sessions", new { email, password = "a long agent password" });
        Assert.Equal(HttpStatusCode.Unauthorized, signIn.StatusCode);
        var again = await admin.PostAsJsonAsync($"/api/tenants/{tenant.TenantId}/agents", new { displayName = "New hire", email, password = "another long password", role = "agent" });
        Assert.Equal(HttpStatusCode.Created, again.StatusCode);
    }
}
