using System.Net;
using System.Net.Http.Json;
using System.Text;
using System.Text.Json;
using Orbitalyntra.Chat;
using Orbitalyntra.Tests.Infrastructure;

namespace Orbitalyntra.Tests.Chat;

[Collection(ChatClusterCollection.Name)]
public sealed class ConversationsApiTests(ChatCluster chat)
{
    private static string Conversations(string tenantId) => $"/api/tenants/{tenantId}/conversations";

    private static string Messages(ConversationKey key) => $"{Conversations(key.TenantId)}/{key.ConversationId}/messages";

    private static string Body(string clientMessageId, string text) => JsonSerializer.Serialize(new { clientMessageId, text });

    private static StringContent Json(string body) => new(body, Encoding.UTF8, "application/json");

    /// <summary>A visitor's conversation and an HTTP client acting as that visitor.</summary>
    private async Task<(ConversationKey Key, HttpClient Visitor, TenantSession Tenant)> Started()
    {
        var tenant = await chat.NewTenant();
        var (key, token) = await tenant.VisitorConversation();
        return (key, tenant.Bearer(token), tenant);
    }

    private static async Task<MessagePage> Read(HttpClient http, ConversationKey key, long after = 0)
    {
        var response = await http.GetAsync($"{Messages(key)}?after={after}&limit=200");
        response.EnsureSuccessStatusCode();
        return (await response.Content.ReadFromJsonAsync<MessagePage>(WebHost.Json))!;
    }

    private static async Task<JsonElement> AssertProblem(HttpResponseMessage response, HttpStatusCode status)
    {
        Assert.Equal(status, response.StatusCode);
        Assert.Equal("application/problem+json", response.Content.Headers.ContentType?.MediaType);
        var problem = await response.Content.ReadFromJsonAsync<JsonElement>();
        Assert.Equal((int)status, problem.GetProperty("status").GetInt32());
        Assert.True(problem.TryGetProperty("title", out _));
        return problem;
    }

    [Fact]
    public async Task A_visitor_and_an_agent_write_and_read_back_over_REST()
    {
        var (key, visitor, tenant) = await Started();
        using var agent = tenant.AsAdmin();

        for (var i = 1; i <= 3; i++)
        {
            var posted = await (i == 2 ? agent : visitor).PostAsync(Messages(key), Json(Body($"m{i}", $"hello {i}")));
            Assert.Equal(HttpStatusCode.Created, posted.StatusCode);
            Assert.Equal(i, (await posted.Content.ReadFromJsonAsync<ChatMessage>(WebHost.Json))!.Sequence);
        }

        var retried = await visitor.PostAsync(Messages(key), Json(Body("m1", "hello 1")));
        Assert.Equal(HttpStatusCode.OK, retried.StatusCode);
        Assert.Equal(1, (await retried.Content.ReadFromJsonAsync<ChatMessage>(WebHost.Json))!.Sequence);

        var page = await Read(agent, key);
        Assert.Equal(["hello 1", "hello 2", "hello 3"], page.Messages.Select(m => m.Text));
        Assert.Equal([SenderRole.Visitor, SenderRole.Agent, SenderRole.Visitor], page.Messages.Select(m => m.Sender.Role));
        Assert.Equal(tenant.SignUp.Admin.AgentId, page.Messages[1].Sender.Id);
        Assert.Equal(["hello 3"], (await Read(visitor, key, after: 2)).Messages.Select(m => m.Text));

        var summary = await agent.GetFromJsonAsync<ConversationSummary>($"{Conversations(key.TenantId)}/{key.ConversationId}", WebHost.Json);
        Assert.Equal(3, summary!.LastSequence);
    }

    // Which texts and ids the rules refuse is tested in the fast tier (ChatRulesTests); here, the bodies the web host refuses.
    public static TheoryData<string, string, HttpStatusCode> BadMessageBodies => new()
    {
        { "empty text", Body("a", ""), HttpStatusCode.BadRequest },
        { "malformed JSON", """{"clientMessageId":"a","text":""", HttpStatusCode.BadRequest },
        { "not JSON at all", "hello there", HttpStatusCode.BadRequest },
        { "text of the wrong type", """{"clientMessageId":"a","text":123}""", HttpStatusCode.BadRequest },
        { "client message id of the wrong type", """{"clientMessageId":{"id":1},"text":"hi"}""", HttpStatusCode.BadRequest },
        { "missing client message id", """{"text":"hi"}""", HttpStatusCode.BadRequest },
        { "body over 64 KiB", Body("a", new string('x', 70_000)), HttpStatusCode.RequestEntityTooLarge },
    };

    [Theory]
    [MemberData(nameof(BadMessageBodies))]
    public async Task A_bad_message_gets_a_problem_and_nothing_is_stored(string why, string body, HttpStatusCode status)
    {
        var (key, visitor, _) = await Started();

        var response = await visitor.PostAsync(Messages(key), Json(body));

        var problem = await AssertProblem(response, status);
        Assert.True(problem.TryGetProperty("detail", out _) || problem.TryGetProperty("errors", out _), $"{why}: the problem says what is wrong");
        Assert.Equal(0, (await Read(visitor, key)).LastSequence);
    }

    [Fact]
    public async Task A_body_that_is_not_JSON_by_content_type_is_refused()
    {
        var (key, visitor, _) = await Started();

        var response = await visitor.PostAsync(Messages(key), new StringContent(Body("a", "hi"), Encoding.UTF8, "text/plain"));

        await AssertProblem(response, HttpStatusCode.UnsupportedMediaType);
        Assert.Equal(0, (await Read(visitor, key)).LastSequence);
    }

    [Fact]
    public async Task Unknown_and_malformed_ids_get_404_and_create_nothing()
    {
        var tenant = await chat.NewTenant();
        using var admin = tenant.AsAdmin();
        var unknown = new ConversationKey(tenant.TenantId, Guid.NewGuid());
        var conversations = Conversations(tenant.TenantId);

        await AssertProblem(await admin.PostAsync(Messages(unknown), Json(Body("a", "hi"))), HttpStatusCode.NotFound);
        await AssertProblem(await admin.GetAsync(Messages(unknown)), HttpStatusCode.NotFound);
        await AssertProblem(await admin.GetAsync($"{conversations}/{unknown.ConversationId}"), HttpStatusCode.NotFound);
        await AssertProblem(await admin.GetAsync($"{conversations}/{{{unknown.ConversationId}}}"), HttpStatusCode.NotFound);
        await AssertProblem(await admin.PostAsync($"{conversations}/not-a-conversation/messages", Json(Body("a", "hi"))), HttpStatusCode.NotFound);
        await AssertProblem(await admin.PostAsync(Conversations("no-such-tenant"), null), HttpStatusCode.NotFound);
        await AssertProblem(await admin.PostAsync(Conversations("Not_A_Tenant!"), null), HttpStatusCode.NotFound);

        Assert.Null(await chat.Conversation(unknown).GetSummary());
    }

    [Theory]
    [InlineData("after=-1", "after")]
    [InlineData("limit=0", "limit")]
    [InlineData("limit=201", "limit")]
    public async Task Out_of_range_paging_gets_a_validation_problem(string query, string field)
    {
        var (key, visitor, _) = await Started();

        var problem = await AssertProblem(await visitor.GetAsync($"{Messages(key)}?{query}"), HttpStatusCode.BadRequest);

        Assert.True(problem.GetProperty("errors").TryGetProperty(field, out _));
    }

    [Fact]
    public async Task Paging_parameters_of_the_wrong_type_get_a_problem()
    {
        var (key, visitor, _) = await Started();

        var problem = await AssertProblem(await visitor.GetAsync($"{Messages(key)}?after=yesterday"), HttpStatusCode.BadRequest);

        Assert.Contains("after", problem.GetProperty("detail").GetString());
    }

    [Fact]
    public async Task The_OpenAPI_document_describes_every_endpoint()
    {
        var document = await chat.Web.Http.GetFromJsonAsync<JsonElement>("/openapi/v1.json");
        var paths = document.GetProperty("paths");

        Assert.True(paths.GetProperty("/api/tenants/{tenantId}/conversations").TryGetProperty("post", out _));
        Assert.True(paths.GetProperty("/api/tenants/{tenantId}/conversations/{conversationId}").TryGetProperty("get", out _));
        var messages = paths.GetProperty("/api/tenants/{tenantId}/conversations/{conversationId}/messages");
        Assert.True(messages.TryGetProperty("post", out _));
        Assert.True(messages.TryGetProperty("get", out _));
    }
}
