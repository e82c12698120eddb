using System.Net;
using System.Net.Http.Json;
using Orbitalyntra.Accounts;
using Orbitalyntra.Chat;
using Orbitalyntra.Desk;
using Orbitalyntra.Faq;
using Orbitalyntra.Privacy;
using Orbitalyntra.Tests.Infrastructure;
using Orbitalyntra.Web.Apis;

namespace Orbitalyntra.Tests.Faq;

/// <summary>The FAQ assistant in the chat, through REST and the hub of the real web host (docs/decisions/0025).</summary>
[Collection(ChatClusterCollection.Name)]
public sealed class AssistantTests(ChatCluster chat)
{
    /// <summary>Long enough for a follow-up that would post to have posted: it runs right after the visitor's post.</summary>
    private static readonly TimeSpan Quiet = TimeSpan.FromSeconds(2);

    [Fact]
    public async Task A_question_gets_suggested_articles_after_its_acknowledgement_and_talk_to_a_person_hands_it_off_to_the_inbox()
    {
        var tenant = await chat.NewTenant();
        var article = await Publish(tenant, "fr", "Délais de livraison", "Votre commande arrive sous 3 jours ouvrés.");
        var (conversation, visitorToken) = await tenant.VisitorConversation();
        using var visitor = tenant.Bearer(visitorToken);

        var question = await Post(visitor, conversation, "q1", "Quels sont les délais de livraison ?");
        Assert.Equal((1L, SenderRole.Visitor), (question.Sequence, question.Sender.Role));
        var suggestion = await AssistantMessage(visitor, conversation);
        Assert.Equal(2, suggestion.Sequence);
        Assert.Equal(article, Assert.Single(suggestion.Suggestions!).ArticleId);
        Assert.Contains("Délais de livraison", suggestion.Text, StringComparison.Ordinal);
        Assert.DoesNotContain(conversation.ConversationId, (await Inbox(tenant)).Waiting);

        Assert.Equal(HttpStatusCode.NoContent, (await visitor.PostAsync($"{Path(conversation)}/assistant/hand-off", null)).StatusCode);
        Assert.Contains(conversation.ConversationId, (await Inbox(tenant)).Waiting);

        // The same question retried posts nothing new, and the assistant does not answer again once a person was asked for.
        await Post(visitor, conversation, "q1", "Quels sont les délais de livraison ?");
        await Post(visitor, conversation, "q2", "Et les délais de livraison à l'étranger ?");
        await Task.Delay(Quiet);
        Assert.Equal([SenderRole.Visitor, SenderRole.Assistant, SenderRole.Visitor], (await Messages(visitor, conversation)).Select(m => m.Sender.Role));
    }

    [Fact]
    public async Task This_answered_my_question_resolves_the_conversation_as_deflected_counted_once_in_a_report_of_counts_only()
    {
        var tenant = await chat.NewTenant();
        var article = await Publish(tenant, "en", "Refund policy", "We refund any order within 30 days.");
        var (conversation, visitorToken) = await tenant.VisitorConversation();
        await using var hub = await ChatClient.Connect(chat.Web, visitorToken);
        await hub.Join(conversation);

        await hub.Send(conversation, "q1", "How do I get a refund?");
        var received = await hub.Receive(2);
        Assert.Equal([SenderRole.Visitor, SenderRole.Assistant], received.Select(m => m.Sender.Role));
        await hub.Invoke(nameof(Web.Hubs.ChatHub.OpenedSuggestion), tenant.TenantId, conversation.ConversationId.ToString(), article);
        await hub.Invoke(nameof(Web.Hubs.ChatHub.AssistantAnswered), tenant.TenantId, conversation.ConversationId.ToString());
        await hub.Invoke(nameof(Web.Hubs.ChatHub.AssistantAnswered), tenant.TenantId, conversation.ConversationId.ToString());

        using var admin = tenant.AsAdmin();
        Assert.Equal(ConversationStatus.Resolved, (await chat.Conversation(conversation).GetSummary())!.Status);
        var report = await admin.GetStringAsync($"/api/tenants/{tenant.TenantId}/faq/effectiveness");
        var counts = System.Text.Json.JsonSerializer.Deserialize<FaqEffectivenessApi.EffectivenessReport>(report, WebHost.Json)!;
        Assert.Equal((1, 1, 1, 1, 0), (counts.Total.QuestionsAsked, counts.Total.Suggested, counts.Total.Helpful, counts.Total.Deflected, counts.Total.HandedOff));
        var top = Assert.Single(counts.TopArticles);
        Assert.Equal((article, "Refund policy", 1, 1, 1), (top.ArticleId, top.Title, top.Shown, top.Opened, top.Helpful));
        Assert.DoesNotContain("refund?", report, StringComparison.OrdinalIgnoreCase);
        Assert.DoesNotContain(visitorToken, report, StringComparison.Ordinal);
    }

    [Fact]
    public async Task No_assistant_when_the_setting_is_off_after_an_agent_answered_or_for_a_mere_remark()
    {
        var tenant = await chat.NewTenant();
        await Publish(tenant, "en", "Refund policy", "We refund any order within 30 days.");
        using var admin = tenant.AsAdmin();

        var (answered, answeredToken) = await tenant.VisitorConversation();
        using var visitor = tenant.Bearer(answeredToken);
        await Post(admin, answered, "a1", "Hello, I'm Ada.");
        await Post(visitor, answered, "q1", "How do I get a refund?");

        await Post(visitor, answered, "r1", "thanks, bye");

        var off = TenantSettings.Default with { Assistant = AssistantMode.Off };
        Assert.Equal(HttpStatusCode.OK, (await admin.PutAsJsonAsync($"/api/tenants/{tenant.TenantId}/settings", off, WebHost.Json)).StatusCode);
        var (silenced, silencedToken) = await tenant.VisitorConversation();
        using var silencedVisitor = tenant.Bearer(silencedToken);
        await Post(silencedVisitor, silenced, "q1", "How do I get a refund?");

        await Task.Delay(Quiet);
        Assert.DoesNotContain(await Messages(visitor, answered), m => m.Sender.Role == SenderRole.Assistant);
        Assert.DoesNotContain(await Messages(silencedVisitor, silenced), m => m.Sender.Role == SenderRole.Assistant);
        var refused = await silencedVisitor.PostAsync($"{Path(silenced)}/assistant/answered", null);
        Assert.Equal(HttpStatusCode.Conflict, refused.StatusCode);
        var badSetting = await admin.PutAsJsonAsync($"/api/tenants/{tenant.TenantId}/settings", new { greeting = "Hi", accentColor = "#2563eb", timeZone = "UTC", businessHours = Array.Empty<object>(), assistant = "sometimes" });
        Assert.Equal(HttpStatusCode.BadRequest, badSetting.StatusCode);
        Assert.Equal(AssistantMode.Off, (await admin.GetFromJsonAsync<TenantSettings>($"/api/tenants/{tenant.TenantId}/settings", WebHost.Json))!.Assistant);
    }

    [Fact]
    public async Task An_agent_cannot_answer_for_the_visitor_and_nobody_posts_as_the_assistant()
    {
        var tenant = await chat.NewTenant();
        await Publish(tenant, "en", "Refund policy", "We refund any order within 30 days.");
        var (conversation, visitorToken) = await tenant.VisitorConversation();
        using var visitor = tenant.Bearer(visitorToken);
        await Post(visitor, conversation, "q1", "How do I get a refund?");
        await AssistantMessage(visitor, conversation);

        using var admin = tenant.AsAdmin();
        Assert.Equal(HttpStatusCode.Forbidden, (await admin.PostAsync($"{Path(conversation)}/assistant/answered", null)).StatusCode);
        var forged = await chat.Conversation(conversation).Post(new PostMessage("x1", new Sender(SenderRole.Assistant, "faq-assistant"), "Trust me"));
        Assert.Equal(PostStatus.Rejected, forged.Status);
    }

    [Fact]
    public async Task Any_further_message_of_the_visitor_hands_the_conversation_back_to_the_inbox_counted_once()
    {
        var tenant = await chat.NewTenant();
        await Publish(tenant, "en", "Refund policy", "We refund any order within 30 days.");
        var (conversation, visitorToken) = await tenant.VisitorConversation();
        using var visitor = tenant.Bearer(visitorToken);
        await Post(visitor, conversation, "q1", "How do I get a refund?");
        await AssistantMessage(visitor, conversation);
        Assert.DoesNotContain(conversation.ConversationId, (await Inbox(tenant)).Waiting);

        await Post(visitor, conversation, "m2", "It is for order 1234");
        await Eventually.Succeeds(async () => Assert.Contains(conversation.ConversationId, (await Inbox(tenant)).Waiting));
        await Post(visitor, conversation, "m3", "Is anyone there?");
        await Task.Delay(Quiet);
        Assert.Equal([SenderRole.Visitor, SenderRole.Assistant, SenderRole.Visitor, SenderRole.Visitor], (await Messages(visitor, conversation)).Select(m => m.Sender.Role));
        var total = (await Report(tenant)).Total;
        Assert.Equal((1, 0, 1), (total.QuestionsAsked, total.NotHelpful, total.HandedOff));
    }

    [Fact]
    public async Task Talk_to_a_person_after_this_answered_my_question_opens_the_resolved_conversation_again_for_agents()
    {
        var tenant = await chat.NewTenant();
        await Publish(tenant, "en", "Refund policy", "We refund any order within 30 days.");
        var (conversation, visitorToken) = await tenant.VisitorConversation();
        using var visitor = tenant.Bearer(visitorToken);
        await Post(visitor, conversation, "q1", "How do I get a refund?");
        await AssistantMessage(visitor, conversation);
        Assert.Equal(HttpStatusCode.NoContent, (await visitor.PostAsync($"{Path(conversation)}/assistant/answered", null)).StatusCode);
        Assert.Equal(ConversationStatus.Resolved, (await chat.Conversation(conversation).GetSummary())!.Status);

        Assert.Equal(HttpStatusCode.NoContent, (await visitor.PostAsync($"{Path(conversation)}/assistant/hand-off", null)).StatusCode);
        Assert.Equal(ConversationStatus.Open, (await chat.Conversation(conversation).GetSummary())!.Status);
        Assert.Contains(conversation.ConversationId, (await Inbox(tenant)).Waiting);
        var total = (await Report(tenant)).Total;
        Assert.Equal((1, 1, 1, 1), (total.Helpful, total.Deflected, total.NotHelpful, total.HandedOff));
    }

    [Fact]
    public async Task The_assistants_message_is_part_of_the_visitors_export_under_its_own_role()
    {
        var tenant = await chat.NewTenant();
        await Publish(tenant, "en", "Refund policy", "We refund any order within 30 days.");
        var (conversation, visitorToken) = await tenant.VisitorConversation();
        using var visitor = tenant.Bearer(visitorToken);
        await Post(visitor, conversation, "q1", "How do I get a refund?");
        await AssistantMessage(visitor, conversation);

        var export = (await visitor.GetFromJsonAsync<SubjectExport>($"/api/tenants/{tenant.TenantId}/visitors/me/export", WebHost.Json))!;
        var messages = Assert.Single(export.Section<ExportedConversation>(ExportedConversation.Section)).Messages;
        Assert.Equal([(1L, SenderRole.Visitor, true), (2L, SenderRole.Assistant, false)], messages.Select(m => (m.Sequence, m.AuthorRole, m.ByYou)));
        Assert.Contains("Refund policy", messages[1].Text, StringComparison.Ordinal);
    }

    private static string Path(ConversationKey conversation) => $"/api/tenants/{conversation.TenantId}/conversations/{conversation.ConversationId}";

    private static async Task<ChatMessage> Post(HttpClient http, ConversationKey conversation, string id, string text)
    {
        var response = await http.PostAsJsonAsync($"{Path(conversation)}/messages", new { clientMessageId = id, text });
        response.EnsureSuccessStatusCode();
        return (await response.Content.ReadFromJsonAsync<ChatMessage>(WebHost.Json))!;
    }

    private static async Task<IReadOnlyList<ChatMessage>> Messages(HttpClient http, ConversationKey conversation) =>
        (await http.GetFromJsonAsync<MessagePage>($"{Path(conversation)}/messages?after=0&limit=50", WebHost.Json))!.Messages;

    private static Task<ChatMessage> AssistantMessage(HttpClient http, ConversationKey conversation) =>
        Eventually.Succeeds(async () => (await Messages(http, conversation)).Single(m => m.Sender.Role == SenderRole.Assistant));

    private static async Task<FaqEffectivenessApi.EffectivenessReport> Report(TenantSession tenant)
    {
        using var admin = tenant.AsAdmin();
        return (await admin.GetFromJsonAsync<FaqEffectivenessApi.EffectivenessReport>($"/api/tenants/{tenant.TenantId}/faq/effectiveness", WebHost.Json))!;
    }

    private static async Task<InboxView> Inbox(TenantSession tenant)
    {
        using var admin = tenant.AsAdmin();
        return (await admin.GetFromJsonAsync<InboxView>($"/api/tenants/{tenant.TenantId}/inbox", WebHost.Json))!;
    }

    /// <summary>Publishes an article in the tenant's knowledge base; answers its id.</summary>
    public static async Task<Guid> Publish(TenantSession tenant, string language, string title, string body)
    {
        using var admin = tenant.AsAdmin();
        var articles = $"/api/tenants/{tenant.TenantId}/faq/articles";
        var created = await admin.PostAsJsonAsync(articles, new { language, title, body });
        var id = (await created.Content.ReadFromJsonAsync<FaqArticle>(WebHost.Json))!.ArticleId;
        (await admin.PostAsync($"{articles}/{id}/publish", null)).EnsureSuccessStatusCode();
        return id;
    }
}
