using System.Net;
using System.Net.Http.Json;
using System.Text;
using System.Text.Json;
using Orbitalyntra.Chat;
using Orbitalyntra.Tests.Infrastructure;

namespace Orbitalyntra.Tests.Api;

[Collection(ChatClusterCollection.Name)]
public sealed class ConversationsApiTests(ChatCluster chat)
{
    private const string Conversations = "/api/tenants/demo/conversations";

    private HttpClient Http => chat.Web.Http;

    private static string Messages(Guid conversationId) => $"{Conversations}/{conversationId}/messages";

    private static string Body(string clientMessageId, string text, string role = "visitor") =>
        JsonSerializer.Serialize(new { clientMessageId, sender = new { role, id = "visitor-1" }, text });

    private static StringContent Json(string body) => new(body, Encoding.UTF8, "application/json");

    private async Task<ConversationSummary> Start()
    {
        var response = await Http.PostAsync(Conversations, null);
        Assert.Equal(HttpStatusCode.Created, response.StatusCode);
        var summary = (await response.Content.ReadFromJsonAsync<ConversationSummary>(WebHost.Json))!;
        Assert.Equal($"{Conversations}/{summary.ConversationId}", response.Headers.Location!.OriginalString);
        return summary;
    }

    private async Task<MessagePage> Read(Guid conversationId, long after = 0)
    {
        var response = await Http.GetAsync($"{Messages(conversationId)}?after={after}&limit=200");
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
    public async Task A_conversation_is_started_written_and_read_back_over_REST()
    {
        var conversation = await Start();

        for (var i = 1; i <= 3; i++)
        {
            var posted = await Http.PostAsync(Messages(conversation.ConversationId), Json(Body($"m{i}", $"hello {i}")));
            Assert.Equal(HttpStatusCode.Created, posted.StatusCode);
            Assert.Equal(i, (await posted.Content.ReadFromJsonAsync<ChatMessage>(WebHost.Json))!.Sequence);
        }

        var retried = await Http.PostAsync(Messages(conversation.ConversationId), Json(Body("m1", "hello 1")));
        Assert.Equal(HttpStatusCode.OK, retried.StatusCode);
        Assert.Equal(1, (await retried.Content.ReadFromJsonAsync<ChatMessage>(WebHost.Json))!.Sequence);

        var page = await Read(conversation.ConversationId);
        Assert.Equal(["hello 1", "hello 2", "hello 3"], page.Messages.Select(m => m.Text));
        Assert.Equal(3, page.LastSequence);
        Assert.Equal(["hello 3"], (await Read(conversation.ConversationId, after: 2)).Messages.Select(m => m.Text));

        var summary = await Http.GetFromJsonAsync<ConversationSummary>($"{Conversations}/{conversation.ConversationId}", WebHost.Json);
        Assert.Equal(3, summary!.LastSequence);
    }

    public static TheoryData<string, string, HttpStatusCode> BadMessageBodies => new()
    {
        { "empty text", Body("a", ""), HttpStatusCode.BadRequest },
        { "whitespace-only text", Body("a", " \n\t "), HttpStatusCode.BadRequest },
        { "text over 8 KiB", Body("a", new string('x', ChatRules.MaxTextBytes + 1)), HttpStatusCode.BadRequest },
        { "multi-byte text over 8 KiB", Body("a", new string('€', ChatRules.MaxTextBytes / 3 + 1)), HttpStatusCode.BadRequest },
        { "malformed JSON", """{"clientMessageId":"a","sender":""", HttpStatusCode.BadRequest },
        { "not JSON at all", "hello there", HttpStatusCode.BadRequest },
        { "text of the wrong type", """{"clientMessageId":"a","sender":{"role":"visitor","id":"v"},"text":123}""", HttpStatusCode.BadRequest },
        { "sender of the wrong type", """{"clientMessageId":"a","sender":"visitor","text":"hi"}""", HttpStatusCode.BadRequest },
        { "unknown sender role", Body("a", "hi", role: "robot"), HttpStatusCode.BadRequest },
        { "sender role as a number", """{"clientMessageId":"a","sender":{"role":1,"id":"v"},"text":"hi"}""", HttpStatusCode.BadRequest },
        { "missing client message id", """{"sender":{"role":"visitor","id":"v"},"text":"hi"}""", HttpStatusCode.BadRequest },
        { "client message id with spaces", Body("a b", "hi"), HttpStatusCode.BadRequest },
        { "missing sender", """{"clientMessageId":"a","text":"hi"}""", HttpStatusCode.BadRequest },
        { "body over 64 KiB", Body("a", new string('x', 70_000)), HttpStatusCode.RequestEntityTooLarge },
    };

    [Theory]
    [MemberData(nameof(BadMessageBodies))]
    public async Task A_bad_message_gets_a_problem_and_nothing_is_stored(string why, string body, HttpStatusCode status)
    {
        var conversation = await Start();

        var response = await Http.PostAsync(Messages(conversation.ConversationId), Json(body));

        var problem = await AssertProblem(response, status);
        Assert.True(problem.TryGetProperty("detail", out _) || problem.TryGetProperty("errors", out _), $"{why}: the problem says what is wrong");
        Assert.Equal(0, (await Read(conversation.ConversationId)).LastSequence);
    }

    [Fact]
    public async Task A_body_that_is_not_JSON_by_content_type_is_refused()
    {
        var conversation = await Start();

        var response = await Http.PostAsync(Messages(conversation.ConversationId), new StringContent(Body("a", "hi"), Encoding.UTF8, "text/plain"));

        await AssertProblem(response, HttpStatusCode.UnsupportedMediaType);
        Assert.Equal(0, (await Read(conversation.ConversationId)).LastSequence);
    }

    [Fact]
    public async Task Unknown_and_malformed_ids_get_404_and_create_nothing()
    {
        var unknown = Guid.NewGuid();

        await AssertProblem(await Http.PostAsync(Messages(unknown), Json(Body("a", "hi"))), HttpStatusCode.NotFound);
        await AssertProblem(await Http.GetAsync(Messages(unknown)), HttpStatusCode.NotFound);
        await AssertProblem(await Http.GetAsync($"{Conversations}/{unknown}"), HttpStatusCode.NotFound);
        await AssertProblem(await Http.PostAsync($"{Conversations}/not-a-conversation/messages", Json(Body("a", "hi"))), HttpStatusCode.NotFound);
        await AssertProblem(await Http.GetAsync($"{Conversations}/{{{unknown}}}"), HttpStatusCode.NotFound);
        await AssertProblem(await Http.PostAsync("/api/tenants/no-such-tenant/conversations", null), HttpStatusCode.NotFound);
        await AssertProblem(await Http.PostAsync("/api/tenants/Not_A_Tenant!/conversations", null), HttpStatusCode.NotFound);
        await AssertProblem(await Http.PostAsync($"/api/tenants/no-such-tenant/conversations/{unknown}/messages", Json(Body("a", "hi"))), HttpStatusCode.NotFound);

        Assert.Null(await chat.Conversation(new ConversationKey("demo", unknown)).GetSummary());
        Assert.Null(await chat.Conversation(new ConversationKey("no-such-tenant", unknown)).GetSummary());
    }

    [Theory]
    [InlineData("after=-1", "after")]
    [InlineData("limit=0", "limit")]
    [InlineData("limit=201", "limit")]
    public async Task Out_of_range_paging_gets_a_validation_problem(string query, string field)
    {
        var conversation = await Start();

        var problem = await AssertProblem(await Http.GetAsync($"{Messages(conversation.ConversationId)}?{query}"), HttpStatusCode.BadRequest);

        Assert.True(problem.GetProperty("errors").TryGetProperty(field, out _));
    }

    [Fact]
    public async Task Paging_parameters_of_the_wrong_type_get_a_problem()
    {
        var conversation = await Start();

        var problem = await AssertProblem(await Http.GetAsync($"{Messages(conversation.ConversationId)}?after=yesterday"), HttpStatusCode.BadRequest);

        Assert.Contains("after", problem.GetProperty("detail").GetString());
    }

    [Fact]
    public async Task The_OpenAPI_document_describes_every_endpoint()
    {
        var document = await Http.GetFromJsonAsync<JsonElement>("/openapi/v1.json");
        var paths = document.GetProperty("paths");

        Assert.True(paths.GetProperty("/api/tenants/{tenantId}/conversations").TryGetProperty("post", out _));
        Assert.True(paths.GetProperty("/api/tenants/{tenantId}/conversations/{conversationId}").TryGetProperty("get", out _));
        var messages = paths.GetProperty("/api/tenants/{tenantId}/conversations/{conversationId}/messages");
        Assert.True(messages.TryGetProperty("post", out _));
        Assert.True(messages.TryGetProperty("get", out _));
    }
}
