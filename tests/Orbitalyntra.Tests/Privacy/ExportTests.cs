using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using Json.Schema;
using Orbitalyntra.Chat;
using Orbitalyntra.Privacy;
using Orbitalyntra.Tests.Infrastructure;

namespace Orbitalyntra.Tests.Privacy;

/// <summary>"Download my data": a machine-readable export that follows its published JSON Schema.</summary>
[Collection(ChatClusterCollection.Name)]
public sealed class ExportTests(ChatCluster chat)
{
    /// <summary>The published export schema, loaded once: the schema registry refuses a second schema with its id.</summary>
    internal static readonly JsonSchema Schema =
        JsonSchema.FromText(File.ReadAllText(Path.Combine(AppContext.BaseDirectory, "schemas", "subject-export.schema.json")));

    /// <summary>The export <paramref name="json"/> follows the published schema; the failure lists where it does not.</summary>
    internal static void AssertFollowsSchema(string json)
    {
        using var document = JsonDocument.Parse(json);
        var evaluation = Schema.Evaluate(document.RootElement, new EvaluationOptions { OutputFormat = OutputFormat.List });
        Assert.True(evaluation.IsValid, string.Join("\n", (evaluation.Details ?? []).Where(d => d.Errors is { Count: > 0 }).SelectMany(d => d.Errors!.Select(e => $"{d.InstanceLocation}: {e.Value}"))));
    }

    [Fact]
    public async Task A_visitor_downloads_everything_held_about_them_as_json_that_follows_the_schema()
    {
        var tenant = await chat.NewTenant();
        var person = await TestPerson.Chatting(tenant, "Eva", conversations: 2);
        using var visitor = tenant.Bearer(person.Token);
        using var admin = tenant.AsAdmin();
        var me = $"/api/tenants/{tenant.TenantId}/visitors/me";
        (await visitor.PostAsJsonAsync($"{me}/consents", new { purpose = "crmSync", granted = true, source = "pre-chat form" })).EnsureSuccessStatusCode();
        (await admin.PostAsJsonAsync(
            $"/api/tenants/{tenant.TenantId}/conversations/{person.Conversations[0].ConversationId:N}/notes",
            new { clientMessageId = "note-1", text = "staff only: a note about Eva" })).EnsureSuccessStatusCode();
        var file = await person.SendFile(person.Conversations[1]);
        var request = await (await visitor.PostAsJsonAsync($"{me}/requests", new { kind = "portability" })).Content.ReadFromJsonAsync<SubjectRequest>(WebHost.Json);

        var response = await visitor.GetAsync($"{me}/export");

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal("attachment", response.Content.Headers.ContentDisposition?.DispositionType);
        var json = await response.Content.ReadAsStringAsync();
        AssertFollowsSchema(json);

        var export = JsonSerializer.Deserialize<SubjectExport>(json, WebHost.Json)!;
        var conversations = export.Section<ExportedConversation>(ExportedConversation.Section);
        Assert.Equal(person.SubjectId, export.SubjectId);
        Assert.Equal(new ContactDetails(person.Name, person.Email), export.Contact);
        Assert.Equal([ConsentPurpose.CrmSync], export.Consents.Select(c => c.Purpose));
        Assert.Equal(person.Conversations.Select(c => c.ConversationId).Order(), conversations.Select(c => c.ConversationId).Order());
        foreach (var conversation in conversations)
        {
            var key = person.Conversations.Single(c => c.ConversationId == conversation.ConversationId);
            Assert.Equal([(true, person.Said(key)), (false, TestPerson.AgentSaid(key))], conversation.Messages.Take(2).Select(m => (m.ByYou, m.Text)));
        }

        var exportedFile = conversations.Single(c => c.ConversationId == person.Conversations[1].ConversationId).Messages.Single(m => m.File is not null);
        Assert.Equal(file.Sequence, exportedFile.Sequence);
        Assert.Equal(person.FileSays(person.Conversations[1]), System.Text.Encoding.UTF8.GetString(Convert.FromBase64String(exportedFile.File!.ContentBase64!)));

        Assert.DoesNotContain("staff only", json);
        var closed = (await admin.GetFromJsonAsync<List<SubjectRequest>>($"/api/tenants/{tenant.TenantId}/requests?open=false", WebHost.Json))!;
        Assert.Equal(RequestStatus.Completed, closed.Single(r => r.RequestId == request!.RequestId).Status);
        var trail = (await admin.GetFromJsonAsync<List<AuditEntry>>($"/api/tenants/{tenant.TenantId}/audit", WebHost.Json))!;
        Assert.Contains(trail, e => e.Action == "subject.exported" && e.SubjectId == person.SubjectId && e.By.Role == "visitor");
    }

    [Fact]
    public async Task Nothing_is_exported_for_an_erased_subject_and_nothing_for_another_tenant()
    {
        var tenant = await chat.NewTenant();
        var other = await chat.NewTenant();
        var person = await TestPerson.Chatting(tenant, "Nils");
        using var outsider = other.AsAdmin();
        Assert.Equal(HttpStatusCode.NotFound, (await outsider.GetAsync($"/api/tenants/{tenant.TenantId}/subjects/{person.SubjectId}/export")).StatusCode);

        using var admin = tenant.AsAdmin();
        Assert.Equal(HttpStatusCode.OK, (await admin.GetAsync($"/api/tenants/{tenant.TenantId}/subjects/{person.SubjectId}/export")).StatusCode);
        (await admin.PostAsync($"/api/tenants/{tenant.TenantId}/subjects/{person.SubjectId}/erasure", null)).EnsureSuccessStatusCode();
        Assert.Equal(HttpStatusCode.NotFound, (await admin.GetAsync($"/api/tenants/{tenant.TenantId}/subjects/{person.SubjectId}/export")).StatusCode);
    }
}
