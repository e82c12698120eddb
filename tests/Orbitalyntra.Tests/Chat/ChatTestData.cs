using Orbitalyntra.Accounts;
using Orbitalyntra.Chat;
using Orbitalyntra.Tests.Infrastructure;

namespace Orbitalyntra.Tests.Chat;

internal static class ChatTestData
{
    // Fresh per test run, so that runs against the same storage never share an author's history.
    private static readonly string Run = Guid.NewGuid().ToString("N")[..8];

    public static readonly Sender Visitor = new(SenderRole.Visitor, $"visitor-{Run}");
    public static readonly Sender Agent = new(SenderRole.Agent, $"agent-{Run}");

    public static ConversationKey NewConversation() => new(TenantIds.Demo, Guid.NewGuid());

    public static async Task<ConversationKey> StartConversation(this ChatCluster chat)
    {
        var key = NewConversation();
        Assert.NotNull(await chat.Conversation(key).Start(null));
        return key;
    }

    public static PostMessage Post(string clientMessageId, string text, Sender? sender = null) =>
        new(clientMessageId, sender ?? Visitor, text);

    public static async Task<ChatMessage> Stored(this IConversationGrain conversation, PostMessage post)
    {
        var outcome = await conversation.Post(post);
        Assert.Equal(PostStatus.Stored, outcome.Status);
        return outcome.Message!;
    }

    public static async Task<IReadOnlyList<ChatMessage>> History(this IConversationGrain conversation)
    {
        var all = new List<ChatMessage>();
        while (true)
        {
            var page = await conversation.ReadAfter(all.Count == 0 ? 0 : all[^1].Sequence, ChatRules.MaxPageSize);
            Assert.NotNull(page);
            if (page.Messages.Count == 0)
            {
                return all;
            }

            all.AddRange(page.Messages);
        }
    }
}
