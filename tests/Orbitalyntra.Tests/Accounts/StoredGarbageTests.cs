using System.Net;
using System.Net.Http.Json;
using Orbitalyntra.Accounts;
using Orbitalyntra.Tests.Infrastructure;

namespace Orbitalyntra.Tests.Accounts;

/// <summary>
/// Issue 19's stored garbage, sent as the probe sent it: control characters, ANSI escapes, a bidirectional override in a
/// name, a noncharacter and zero-width-only text are refused with a problem detail wherever a person's text is stored,
/// and nothing is stored.
/// </summary>
[Collection(ChatClusterCollection.Name)]
public sealed class StoredGarbageTests(ChatCluster chat)
{
    public static TheoryData<string> Garbage => ["nul\0here", "\u001b[31mred\u001b[0m", "invoice\u202egpj.exe", "a\uffffb", "\u200b\u200b\u200b"];

    [Theory]
    [MemberData(nameof(Garbage))]
    public async Task Garbage_is_refused_everywhere_a_persons_text_is_stored_and_nothing_is_kept(string garbage)
    {
        var tenant = await chat.NewTenant();
        using var admin = tenant.AsAdmin();
        var t = $"/api/tenants/{tenant.TenantId}";
        var (conversation, visitorToken) = await tenant.VisitorConversation();
        using var visitor = tenant.Bearer(visitorToken);
        var settings = (await admin.GetFromJsonAsync<TenantSettings>($"{t}/settings", WebHost.Json))!;

        // A bidirectional override is refused in names only: in a message it may be what a right-to-left writer typed.
        var inProse = !garbage.Contains('\u202e');
        var keys = await admin.GetStringAsync($"{t}/api-keys");
        if (inProse)
        {
            await Refused(visitor.PostAsJsonAsync($"{t}/conversations/{conversation.ConversationId}/messages", new { clientMessageId = "g1", text = garbage }), "text");
            await Refused(admin.PostAsJsonAsync($"{t}/canned-answers", new { shortcut = "garbage", text = garbage }), "text");
            await Refused(admin.PutAsJsonAsync($"{t}/settings", settings with { Greeting = garbage }, WebHost.Json), "greeting");
        }

        await Refused(admin.PostAsJsonAsync($"{t}/agents", new { displayName = garbage, email = $"g-{Guid.NewGuid():N}@example.test", password = TenantSession.AdminPassword }), "displayName");
        await Refused(admin.PostAsJsonAsync($"{t}/api-keys", new { label = garbage, scopes = new[] { "admin" } }), "label");
        await Refused(visitor.PutAsJsonAsync($"{t}/visitors/me/contact", new { name = garbage }), "name");
        await Refused(chat.Web.Http.PostAsJsonAsync("/api/tenants", new
        {
            tenantId = $"g{Guid.NewGuid():N}"[..20], organisationName = garbage, contactEmail = "contact@example.test",
            admin = new { displayName = "Ada", email = "ada@example.test", password = TenantSession.AdminPassword },
        }), "organisationName");

        var messages = await admin.GetStringAsync($"{t}/conversations/{conversation.ConversationId}/messages");
        Assert.DoesNotContain("g1", messages);
        var agents = await admin.GetStringAsync($"{t}/agents");
        Assert.Single(System.Text.Json.JsonDocument.Parse(agents).RootElement.EnumerateArray());
        Assert.Equal(keys, await admin.GetStringAsync($"{t}/api-keys"));
        Assert.Equal("[]", await admin.GetStringAsync($"{t}/canned-answers"));
        Assert.Equal(settings.Greeting, (await admin.GetFromJsonAsync<TenantSettings>($"{t}/settings", WebHost.Json))!.Greeting);
    }

    private static async Task Refused(Task<HttpResponseMessage> call, string field)
    {
        using var response = await call;
        var body = await response.Content.ReadAsStringAsync();
        Assert.True(response.StatusCode == HttpStatusCode.BadRequest, $"{field}: {(int)response.StatusCode} {body}");
        Assert.Equal("application/problem+json", response.Content.Headers.ContentType?.MediaType);
        Assert.Contains(field, body);
    }
}
