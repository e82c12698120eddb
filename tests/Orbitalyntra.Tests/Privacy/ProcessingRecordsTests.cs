using System.Net;
using System.Net.Http.Json;
using Orbitalyntra.Accounts;
using Orbitalyntra.Privacy;
using Orbitalyntra.Retention;
using Orbitalyntra.Tests.Infrastructure;

namespace Orbitalyntra.Tests.Privacy;

/// <summary>
/// The records of processing (GDPR art. 30) and the sub-processors, for administrators: made from the code's declared
/// activities (which must cover every holder's export section and purge count) and the tenant's own lifetimes.
/// </summary>
[Collection(ChatClusterCollection.Name)]
public sealed class ProcessingRecordsTests(ChatCluster chat)
{
    [Fact]
    public async Task The_records_cover_every_holder_follow_the_tenants_lifetimes_and_name_the_sub_processors()
    {
        var tenant = await chat.NewTenant();
        using var admin = tenant.AsAdmin();
        var settingsPath = $"/api/tenants/{tenant.TenantId}/settings";
        var settings = (await admin.GetFromJsonAsync<TenantSettings>(settingsPath, WebHost.Json))!;
        (await admin.PutAsJsonAsync(settingsPath, settings with { Retention = RetentionPolicy.Default with { ConversationDays = 123 } }, WebHost.Json)).EnsureSuccessStatusCode();

        var records = (await admin.GetFromJsonAsync<ProcessingRecords>($"/api/tenants/{tenant.TenantId}/privacy/records", WebHost.Json))!;

        Assert.Empty(records.Undeclared);
        var conversations = Assert.Single(records.Activities, a => a.Activity.Name == "conversations");
        Assert.Equal([new RecordedLifetime(RetentionKind.Conversation, 123)], conversations.Lifetimes);
        Assert.Contains(records.Activities, a => a.Activity.Consent == ConsentPurpose.Analytics && a.Lifetimes.Any(l => l.Kind == RetentionKind.VisitorSession && l.Days == RetentionPolicy.Default.VisitorSessionDays));
        Assert.All(records.Activities, a => Assert.False(string.IsNullOrWhiteSpace(a.Activity.Purpose.Fr) || string.IsNullOrWhiteSpace(a.Activity.Purpose.En) || string.IsNullOrWhiteSpace(a.Activity.LegalBasis)));
        Assert.All(records.Activities, a => Assert.True(a.Lifetimes.Count > 0 || a.Activity.FixedLifetime is not null, $"{a.Activity.Name} has a lifetime"));
        Assert.Contains(records.SubProcessors, s => s.Name.StartsWith("Microsoft Azure", StringComparison.Ordinal));
        Assert.Contains(records.SubProcessors, s => s.Service == "sending mail");

        var markdown = await admin.GetAsync($"/api/tenants/{tenant.TenantId}/privacy/records.md?language=fr");
        Assert.Equal(HttpStatusCode.OK, markdown.StatusCode);
        Assert.Equal("text/markdown", markdown.Content.Headers.ContentType?.MediaType);
        Assert.Equal($"records-of-processing-{tenant.TenantId}.md", markdown.Content.Headers.ContentDisposition?.FileNameStar ?? markdown.Content.Headers.ContentDisposition?.FileName);
        var text = await markdown.Content.ReadAsStringAsync();
        Assert.StartsWith($"# Registre des traitements — {tenant.TenantId}", text);
        Assert.Contains("Conversation : 123 jours", text);
        Assert.Contains("| Microsoft Azure", text);
    }

    [Fact]
    public async Task Only_the_tenants_administrators_read_the_records_and_a_bad_language_is_refused()
    {
        var tenant = await chat.NewTenant();
        using var admin = tenant.AsAdmin();
        var visitor = await tenant.NewVisitor();
        using var asVisitor = tenant.Bearer(visitor.AccessToken);
        var other = await chat.NewTenant();
        using var otherAdmin = other.AsAdmin();

        Assert.Equal(HttpStatusCode.NotFound, (await asVisitor.GetAsync($"/api/tenants/{tenant.TenantId}/privacy/records")).StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, (await otherAdmin.GetAsync($"/api/tenants/{tenant.TenantId}/privacy/records.md")).StatusCode);
        var refused = await admin.GetAsync($"/api/tenants/{tenant.TenantId}/privacy/records.md?language=de");
        Assert.Equal(HttpStatusCode.BadRequest, refused.StatusCode);
        Assert.Equal("application/problem+json", refused.Content.Headers.ContentType?.MediaType);
    }
}
