using System.Net;
using System.Net.Http.Json;
using Orbitalyntra.Chat;
using Orbitalyntra.Privacy;
using Orbitalyntra.Tests.Infrastructure;

namespace Orbitalyntra.Tests.Privacy;

/// <summary>A visitor of a test tenant who gives a name and an e-mail and chats in some conversations, all through the API.</summary>
public sealed record TestPerson(TenantSession Tenant, string SubjectId, string Token, string Name, string Email, List<ConversationKey> Conversations)
{
    public static async Task<TestPerson> Chatting(TenantSession tenant, string label, int conversations = 1)
    {
        var visitor = await tenant.NewVisitor();
        var person = new TestPerson(tenant, visitor.VisitorId, visitor.AccessToken, $"{label} Q. Person-{Guid.NewGuid():N}", $"{label}.{Guid.NewGuid():N}@people.test", []);
        using var http = tenant.Bearer(person.Token);
        (await http.PutAsJsonAsync($"/api/tenants/{tenant.TenantId}/visitors/me/contact", new { name = person.Name, email = person.Email })).EnsureSuccessStatusCode();
        for (var i = 0; i < conversations; i++)
        {
            var conversation = await tenant.StartConversation(person.Token);
            person.Conversations.Add(conversation);
            await Send(http, conversation, person.Said(conversation));
            using var agent = tenant.AsAdmin();
            await Send(agent, conversation, AgentSaid(conversation));
        }

        return person;
    }

    /// <summary>What this person wrote in <paramref name="conversation"/>: unique, so that storage scans can look for it.</summary>
    public string Said(ConversationKey conversation) => $"{Name} says: my secret is {conversation.ConversationId:N}";

    public static string AgentSaid(ConversationKey conversation) => $"agent answers {conversation.ConversationId:N}";

    /// <summary>What this person's text file in <paramref name="conversation"/> says: unique, so that storage scans can look for it.</summary>
    public string FileSays(ConversationKey conversation) => $"{Name}'s private file for {conversation.ConversationId:N}";

    /// <summary>Sends <see cref="FileSays"/> as a text file named after the person; answers the file's message.</summary>
    public async Task<ChatMessage> SendFile(ConversationKey conversation)
    {
        using var http = Tenant.Bearer(Token);
        return await Files.Upload(http, conversation, $"{Name}.txt", "text/plain", System.Text.Encoding.UTF8.GetBytes(FileSays(conversation)));
    }

    public async Task<SubjectProfile> Profile()
    {
        using var admin = Tenant.AsAdmin();
        return (await admin.GetFromJsonAsync<SubjectProfile>($"/api/tenants/{Tenant.TenantId}/subjects/{SubjectId}", WebHost.Json))!;
    }

    public async Task<IReadOnlyList<ChatMessage>> History(ConversationKey conversation)
    {
        using var admin = Tenant.AsAdmin();
        var page = await admin.GetFromJsonAsync<MessagePage>(
            $"/api/tenants/{Tenant.TenantId}/conversations/{conversation.ConversationId:N}/messages?limit=100", WebHost.Json);
        return page!.Messages;
    }

    private static async Task Send(HttpClient http, ConversationKey conversation, string text)
    {
        var response = await http.PostAsJsonAsync(
            $"/api/tenants/{conversation.TenantId}/conversations/{conversation.ConversationId:N}/messages",
            new { clientMessageId = Guid.NewGuid().ToString("N"), text });
        Assert.Equal(HttpStatusCode.Created, response.StatusCode);
    }
}

public static class Files
{
    /// <summary>Uploads a file as the client's caller and answers the stored message (201 expected).</summary>
    public static async Task<ChatMessage> Upload(HttpClient http, ConversationKey conversation, string name, string contentType, byte[] content)
    {
        var response = await Send(http, conversation, name, contentType, content, Guid.NewGuid().ToString("N"));
        Assert.Equal(HttpStatusCode.Created, response.StatusCode);
        return (await response.Content.ReadFromJsonAsync<ChatMessage>(WebHost.Json))!;
    }

    public static Task<HttpResponseMessage> Send(HttpClient http, ConversationKey conversation, string? name, string contentType, byte[] content, string clientMessageId)
    {
        var body = new ByteArrayContent(content);
        body.Headers.ContentType = new System.Net.Http.Headers.MediaTypeHeaderValue(contentType);
        if (name is not null)
        {
            body.Headers.ContentDisposition = new System.Net.Http.Headers.ContentDispositionHeaderValue("attachment") { FileNameStar = name };
        }

        return http.PostAsync($"/api/tenants/{conversation.TenantId}/conversations/{conversation.ConversationId:N}/files?clientMessageId={clientMessageId}", body);
    }

    public static Task<HttpResponseMessage> Download(HttpClient http, ConversationKey conversation, long sequence) =>
        http.GetAsync($"/api/tenants/{conversation.TenantId}/conversations/{conversation.ConversationId:N}/messages/{sequence}/file");
}

public static class PrivacyTestData
{
    /// <summary>The subjects an administrator finds by e-mail address.</summary>
    public static async Task<IReadOnlyList<string>> SearchByEmail(this TenantSession tenant, string email)
    {
        using var admin = tenant.AsAdmin();
        var response = await admin.PostAsJsonAsync($"/api/tenants/{tenant.TenantId}/subjects/search", new { email });
        response.EnsureSuccessStatusCode();
        return (await response.Content.ReadFromJsonAsync<Orbitalyntra.Web.Apis.PrivacyApi.SubjectMatches>(WebHost.Json))!.SubjectIds;
    }
}
