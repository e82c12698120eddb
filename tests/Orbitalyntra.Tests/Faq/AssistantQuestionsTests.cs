using System.Net;
using System.Net.Http.Json;
using Orbitalyntra.Chat;
using Orbitalyntra.Tests.Infrastructure;
using Orbitalyntra.Web.Apis;

namespace Orbitalyntra.Tests.Faq;

/// <summary>
/// Questions the assistant had no good answer for: their texts are kept only with the visitor's faqImprovement consent,
/// shown to administrators, and erased with the visitor (docs/decisions/0025).
/// </summary>
[Collection(ChatClusterCollection.Name)]
public sealed class AssistantQuestionsTests(ChatCluster chat)
{
    [Fact]
    public async Task A_consented_question_reaches_administrators_an_unconsented_one_never_reaches_storage_and_erasure_removes_it()
    {
        var tenant = await chat.NewTenant();
        await AssistantTests.Publish(tenant, "en", "Refund policy", "We refund any order within 30 days.");
        var consenting = await tenant.NewVisitor();
        var silent = await tenant.NewVisitor();
        using var consentingHttp = tenant.Bearer(consenting.AccessToken);
        using var silentHttp = tenant.Bearer(silent.AccessToken);
        var consent = await consentingHttp.PostAsJsonAsync(
            $"/api/tenants/{tenant.TenantId}/visitors/me/consents", new { purpose = "faqImprovement", granted = true, source = "widget" });
        consent.EnsureSuccessStatusCode();

        var kept = $"Do you sell purple elephants {Guid.NewGuid():N}?";
        var notKept = $"Do you sell purple elephants {Guid.NewGuid():N}?";
        await Ask(tenant, consentingHttp, consenting.AccessToken, kept);
        await Ask(tenant, silentHttp, silent.AccessToken, notKept);

        using var admin = tenant.AsAdmin();
        var report = await Eventually.Succeeds(async () =>
        {
            var read = (await admin.GetFromJsonAsync<FaqEffectivenessApi.EffectivenessReport>($"/api/tenants/{tenant.TenantId}/faq/effectiveness", WebHost.Json))!;
            Assert.Equal(2, read.Total.NoResult);
            Assert.Single(read.Questions);
            return read;
        });
        Assert.Equal(kept, Assert.Single(report.Questions).Text);
        Assert.Empty(await AzuriteScan.Find(kept, notKept));
        Assert.Contains(await AzuriteScan.Find(consenting.VisitorId), InQuestions);
        Assert.DoesNotContain(await AzuriteScan.Find(silent.VisitorId), InQuestions);

        Assert.Equal(HttpStatusCode.Accepted, (await consentingHttp.PostAsync($"/api/tenants/{tenant.TenantId}/visitors/me/erasure", null)).StatusCode);
        Assert.DoesNotContain(await AzuriteScan.Find(consenting.VisitorId), InQuestions);
        var after = (await admin.GetFromJsonAsync<FaqEffectivenessApi.EffectivenessReport>($"/api/tenants/{tenant.TenantId}/faq/effectiveness", WebHost.Json))!;
        Assert.Empty(after.Questions);
        Assert.Equal(2, after.Total.NoResult);
    }

    private static bool InQuestions(string found) => found.Contains("faqquestions", StringComparison.OrdinalIgnoreCase);

    private static async Task Ask(TenantSession tenant, HttpClient visitor, string token, string question)
    {
        var conversation = await tenant.StartConversation(token);
        var response = await visitor.PostAsJsonAsync(
            $"/api/tenants/{tenant.TenantId}/conversations/{conversation.ConversationId}/messages", new { clientMessageId = "q1", text = question });
        Assert.Equal(HttpStatusCode.Created, response.StatusCode);
    }
}
