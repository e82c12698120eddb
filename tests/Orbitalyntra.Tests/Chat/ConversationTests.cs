using Orbitalyntra.Chat;
using Orbitalyntra.Tests.Infrastructure;
using static Orbitalyntra.Tests.Chat.ChatTestData;

namespace Orbitalyntra.Tests.Chat;

[Collection(ChatClusterCollection.Name)]
public sealed class ConversationTests(ChatCluster chat)
{
    private async Task<IConversationGrain> Started() => chat.Conversation(await chat.StartConversation());

    [Fact]
    public async Task The_suite_runs_a_cluster_of_two_silos()
    {
        var hosts = await chat.Client.GetGrain<IManagementGrain>(0).GetHosts(onlyActive: true);
        Assert.Equal(2, hosts.Count);
    }

    [Fact]
    public async Task Messages_get_consecutive_sequence_numbers_and_read_back_in_order()
    {
        var conversation = await Started();
        for (var i = 1; i <= 25; i++)
        {
            var stored = await conversation.Stored(Post($"m{i}", $"message {i}", i % 2 == 0 ? Agent : Visitor));
            Assert.Equal(i, stored.Sequence);
        }

        var history = await conversation.History();
        Assert.Equal(Enumerable.Range(1, 25).Select(i => $"message {i}"), history.Select(m => m.Text));
        Assert.Equal(Enumerable.Range(1, 25).Select(i => (long)i), history.Select(m => m.Sequence));

        var page = await conversation.ReadAfter(10, 5);
        Assert.Equal([11L, 12, 13, 14, 15], page!.Messages.Select(m => m.Sequence));
        Assert.Equal(25, page.LastSequence);
    }

    [Fact]
    public async Task Concurrent_posts_are_numbered_without_gaps_or_repeats()
    {
        var conversation = await Started();
        var acknowledged = await Task.WhenAll(Enumerable.Range(1, 40).Select(i => conversation.Stored(Post($"c{i}", $"concurrent {i}"))));

        Assert.Equal(Enumerable.Range(1, 40).Select(i => (long)i), acknowledged.Select(m => m.Sequence).Order());
        var history = await conversation.History();
        Assert.Equal(acknowledged.OrderBy(m => m.Sequence), history);
    }

    [Fact]
    public async Task Messages_survive_deactivation()
    {
        var conversation = await Started();
        var before = new List<ChatMessage>();
        for (var i = 1; i <= 5; i++)
        {
            before.Add(await conversation.Stored(Post($"d{i}", $"before deactivation {i}")));
        }

        await chat.Deactivate(conversation);

        Assert.Equal(before, await conversation.History());
        Assert.Equal(6, (await conversation.Stored(Post("d6", "after deactivation"))).Sequence);
    }

    [Fact]
    public async Task A_retried_post_with_the_same_client_message_id_stores_one_message()
    {
        var conversation = await Started();
        var first = await conversation.Stored(Post("retry-me", "hello"));

        var retry = await conversation.Post(Post("retry-me", "hello"));
        var retryWithOtherText = await conversation.Post(Post("retry-me", "a different text"));

        Assert.Equal(PostStatus.AlreadyStored, retry.Status);
        Assert.Equal(first, retry.Message);
        Assert.Equal(first, retryWithOtherText.Message);
        Assert.Equal([first], await conversation.History());
    }

    [Fact]
    public async Task The_same_client_message_id_from_another_sender_is_another_message()
    {
        var conversation = await Started();
        await conversation.Stored(Post("1", "from the visitor", Visitor));
        var fromAgent = await conversation.Stored(Post("1", "from the agent", Agent));

        Assert.Equal(2, fromAgent.Sequence);
    }

    [Fact]
    public async Task A_retry_is_recognised_after_deactivation_while_fewer_than_100_messages_followed_it()
    {
        var conversation = await Started();
        var first = await conversation.Stored(Post("old", "the first message"));
        for (var i = 0; i < 99; i++)
        {
            await conversation.Stored(Post($"n{i}", $"message {i}"));
        }

        await chat.Deactivate(conversation);
        var retry = await conversation.Post(Post("old", "the first message"));

        Assert.Equal(PostStatus.AlreadyStored, retry.Status);
        Assert.Equal(first, retry.Message);
        Assert.Equal(100, (await conversation.ReadAfter(0, 1))!.LastSequence);
    }

    [Fact]
    public async Task A_post_stored_whose_answer_was_lost_is_recognised_when_retried()
    {
        var (key, conversation) = await StartedWithOneMessage();
        var lost = Post("lost", "stored, never acknowledged");
        await LoseTheAnswerTo(key, conversation, lost);

        var retry = await conversation.Post(lost);

        Assert.Equal(PostStatus.AlreadyStored, retry.Status);
        Assert.Equal(2, retry.Message!.Sequence);
        Assert.Equal([1L, 2], (await conversation.History()).Select(m => m.Sequence));
    }

    [Fact]
    public async Task A_post_stored_whose_answer_was_lost_is_recognised_after_the_conversation_moved_and_others_posted()
    {
        var (key, conversation) = await StartedWithOneMessage();
        var lost = Post("lost", "stored, never acknowledged");
        await LoseTheAnswerTo(key, conversation, lost);
        await chat.Deactivate(conversation);
        var next = await conversation.Stored(Post("next", "from the agent", Agent));

        var retry = await conversation.Post(lost);

        Assert.Equal(PostStatus.AlreadyStored, retry.Status);
        Assert.Equal((2L, "stored, never acknowledged"), (retry.Message!.Sequence, retry.Message.Text));
        Assert.Equal(3, next.Sequence);
        Assert.Equal(["first", "lost", "next"], (await conversation.History()).Select(m => m.ClientMessageId));
    }

    [Fact]
    public async Task A_post_after_one_stored_whose_answer_was_lost_takes_the_next_number()
    {
        var (key, conversation) = await StartedWithOneMessage();
        await LoseTheAnswerTo(key, conversation, Post("lost", "stored, never acknowledged"));

        var next = await conversation.Stored(Post("next", "from the agent", Agent));

        Assert.Equal(3, next.Sequence);
        Assert.Equal(["first", "lost", "next"], (await conversation.History()).Select(m => m.ClientMessageId));
    }

    /// <summary>
    /// A started conversation with a first message, so that its author's and the day's records (which mention the
    /// conversation too) are written before a test disturbs its storage.
    /// </summary>
    private async Task<(ConversationKey Key, IConversationGrain Conversation)> StartedWithOneMessage()
    {
        var key = await chat.StartConversation();
        var conversation = chat.Conversation(key);
        await conversation.Stored(Post("first", "the first message"));
        return (key, conversation);
    }

    /// <summary>Posts while storage commits the post but its answer is lost, as when a silo dies right after the commit.</summary>
    private async Task LoseTheAnswerTo(ConversationKey key, IConversationGrain conversation, PostMessage post)
    {
        using (chat.TableFaults.LoseAnswersTouching(key.ToString()))
        {
            await Assert.ThrowsAnyAsync<Exception>(() => conversation.Post(post));
        }
    }

    [Fact]
    public async Task A_conversation_cannot_be_started_in_an_unknown_tenant()
    {
        var conversation = chat.Conversation(new ConversationKey("no-such-tenant", Guid.NewGuid()));

        Assert.Null(await conversation.Start(null));
        Assert.Null(await conversation.GetSummary());
    }

    [Fact]
    public async Task Nothing_is_stored_in_a_conversation_that_was_never_started()
    {
        var conversation = chat.Conversation(NewConversation());

        Assert.Equal(PostStatus.ConversationNotFound, (await conversation.Post(Post("x", "hello"))).Status);
        Assert.Null(await conversation.ReadAfter(0, 10));
        Assert.Null(await conversation.GetSummary());
    }

    // Which messages the rules refuse is tested in the fast tier (ChatRulesTests); here, that the grain applies them itself.
    [Theory]
    [InlineData("ok-id", "   ")]
    [InlineData("no spaces allowed", "text")]
    public async Task The_grain_itself_rejects_invalid_messages(string clientMessageId, string text)
    {
        var conversation = await Started();

        var outcome = await conversation.Post(Post(clientMessageId, text));

        Assert.Equal(PostStatus.Rejected, outcome.Status);
        Assert.Empty(await conversation.History());
    }
}
