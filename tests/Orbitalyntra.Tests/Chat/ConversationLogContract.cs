using Azure.Data.Tables;
using Microsoft.Extensions.Options;
using Orbitalyntra.Chat;
using Orbitalyntra.Tests.Infrastructure;

namespace Orbitalyntra.Tests.Chat;

/// <summary>
/// What every <see cref="IConversationLog"/> does, as its documentation says; each implementation runs it through a
/// subclass below, so that the memory log used by benchmarks cannot drift from the table log used in production.
/// </summary>
public abstract class ConversationLogContract(IConversationLog log, Func<CancellationToken, Task>? create = null) : StorageContract(create)
{
    private static readonly Sender Visitor = new(SenderRole.Visitor, "visitor-1");
    private static readonly Sender Agent = new(SenderRole.Agent, "agent-1");
    private static readonly DateTimeOffset SentAt = new DateTimeOffset(2026, 11, 27, 10, 0, 0, TimeSpan.Zero).AddTicks(1_234_567);

    // Fresh per test, so that implementations sharing one storage account never see each other's messages.
    private readonly ConversationKey conversation = new("contract", Guid.NewGuid());
    private readonly ConversationKey other = new("contract", Guid.NewGuid());

    // Conversations a test made besides those two, all removed after it.
    private readonly List<ConversationKey> more = [];

    private IConversationLog Log => log;

    protected override async Task CleanUp()
    {
        await Log.Delete(conversation);
        await Log.Delete(other);
        await Task.WhenAll(more.Select(Log.Delete));
    }

    private static StoredMessage Message(long sequence, string clientMessageId, Sender? sender = null, FileAttachment? file = null, bool isNote = false) =>
        new(sequence, clientMessageId, sender ?? Visitor, [(byte)sequence, 0xAB, 0xCD], SentAt.AddSeconds(sequence), isNote, file);

    /// <summary>A message as comparable values (its sealed text as hex: records compare arrays by reference).</summary>
    private static object Shape(StoredMessage message) =>
        (message.Sequence, message.ClientMessageId, message.Sender, Hex(message.SealedText), message.SentAt, message.IsNote, message.File);

    private static string? Hex(byte[]? bytes) => bytes is null ? null : Convert.ToHexString(bytes);

    private async Task<IReadOnlyList<StoredMessage>> Append(params StoredMessage[] messages)
    {
        foreach (var message in messages)
        {
            Assert.Equal(AppendOutcome.Appended, (await Log.Append(conversation, message)).Outcome);
        }

        return messages;
    }

    private async Task<List<object>> All() => [.. (await Log.ReadAfter(conversation, 0, 1_000)).Select(Shape)];

    [Fact]
    public async Task An_empty_conversation_has_no_last_sequence_no_messages_and_no_senders()
    {
        Assert.Equal(0, await Log.ReadLastSequence(conversation));
        Assert.Empty(await Log.ReadAfter(conversation, 0, 10));
        Assert.Empty(await Log.ReadSenders(conversation));
    }

    [Fact]
    public async Task Appended_messages_read_back_whole_oldest_first_and_the_last_sequence_follows()
    {
        var file = new FileAttachment(Guid.NewGuid(), "image/png", 1_234);
        var stored = await Append(Message(1, "a"), Message(2, "b", Agent, isNote: true), Message(3, "c", file: file));

        Assert.Equal(stored.Select(Shape), await All());
        Assert.Equal(3, await Log.ReadLastSequence(conversation));
    }

    [Fact]
    public async Task A_retry_at_its_own_sequence_number_stores_nothing_and_answers_the_stored_message()
    {
        var first = (await Append(Message(1, "same")))[0];

        var again = await Log.Append(conversation, Message(1, "same") with { SealedText = [9, 9] });

        Assert.Equal(AppendOutcome.DuplicateClientMessageId, again.Outcome);
        Assert.Equal(Shape(first), Shape(again.Existing!));
        Assert.Equal(1, await Log.ReadLastSequence(conversation));
        Assert.Single(await All());
    }

    [Fact]
    public async Task A_sequence_number_taken_by_another_senders_message_with_the_same_client_message_id_is_taken()
    {
        await Append(Message(1, "same", Visitor));

        var taken = await Log.Append(conversation, Message(1, "same", Agent));

        Assert.Equal(AppendOutcome.SequenceTaken, taken.Outcome);
        Assert.Null(taken.Existing);
    }

    [Fact]
    public async Task The_same_client_message_id_from_another_sender_is_another_message()
    {
        await Append(Message(1, "same", Visitor), Message(2, "same", Agent), Message(3, "same", Visitor with { Id = "visitor-2" }));

        Assert.Equal(3, await Log.ReadLastSequence(conversation));
    }

    [Fact]
    public async Task A_sequence_number_already_taken_is_refused_and_stores_nothing_not_even_the_client_message_id()
    {
        await Append(Message(1, "first"));

        var taken = await Log.Append(conversation, Message(1, "second"));

        Assert.Equal(AppendOutcome.SequenceTaken, taken.Outcome);
        Assert.Null(taken.Existing);
        await Append(Message(2, "second"));
        Assert.Equal(["first", "second"], (await Log.ReadAfter(conversation, 0, 10)).Select(m => m.ClientMessageId));
    }

    [Fact]
    public async Task A_client_message_id_is_looked_for_only_at_the_sequence_number_appended_to()
    {
        // Earlier numbers are the grain's to check, among its recent messages (docs/decisions/0021): the log keeps one
        // record per message, none per client message id.
        await Append(Message(1, "retried"), Message(2, "other"));

        Assert.Equal(AppendOutcome.SequenceTaken, (await Log.Append(conversation, Message(2, "retried"))).Outcome);
        Assert.Equal(AppendOutcome.Appended, (await Log.Append(conversation, Message(3, "retried"))).Outcome);
        Assert.Equal(["retried", "other", "retried"], (await Log.ReadAfter(conversation, 0, 10)).Select(m => m.ClientMessageId));
    }

    [Fact]
    public async Task Pages_after_a_sequence_number_hold_up_to_the_limit_without_gaps_or_overlaps()
    {
        await Append([.. Enumerable.Range(1, 7).Select(i => Message(i, $"m{i}"))]);

        Assert.Equal([3L, 4, 5], (await Log.ReadAfter(conversation, 2, 3)).Select(m => m.Sequence));
        Assert.Equal([6L, 7], (await Log.ReadAfter(conversation, 5, 3)).Select(m => m.Sequence));
        Assert.Empty(await Log.ReadAfter(conversation, 7, 3));
        Assert.Empty(await Log.ReadAfter(conversation, 0, 0));
    }

    [Fact]
    public async Task Erasing_a_sender_erases_their_messages_keeps_their_places_and_answers_their_files()
    {
        var file = new FileAttachment(Guid.NewGuid(), "text/plain", 5);
        var stored = await Append(Message(1, "v1"), Message(2, "a1", Agent), Message(3, "v2", file: file));

        var erasure = await Log.EraseSender(conversation, Visitor.Id);

        Assert.Equal(2, erasure.Erased);
        Assert.Equal([file.FileId], erasure.Files);
        Assert.Equal([Shape(stored[0].Erased()), Shape(stored[1]), Shape(stored[2].Erased())], await All());
        Assert.Equal(3, await Log.ReadLastSequence(conversation));
        Assert.Equal(AppendOutcome.SequenceTaken, (await Log.Append(conversation, Message(1, "v1"))).Outcome);
    }

    [Fact]
    public async Task Erasing_a_sender_again_erases_nothing_more_but_still_answers_their_files()
    {
        var file = new FileAttachment(Guid.NewGuid(), "text/plain", 5);
        await Append(Message(1, "v1", file: file));
        await Log.EraseSender(conversation, Visitor.Id);

        var again = await Log.EraseSender(conversation, Visitor.Id);

        Assert.Equal(0, again.Erased);
        Assert.Equal([file.FileId], again.Files);
    }

    [Fact]
    public async Task An_erased_senders_client_message_ids_are_forgotten_and_they_remain_a_sender()
    {
        await Append(Message(1, "v1"), Message(2, "a1", Agent));
        await Log.EraseSender(conversation, Visitor.Id);

        await Append(Message(3, "v1"));

        Assert.Equal([Agent.Id, Visitor.Id], (await Log.ReadSenders(conversation)).Order());
    }

    [Fact]
    public async Task Each_sender_is_listed_once()
    {
        await Append(Message(1, "v1"), Message(2, "a1", Agent), Message(3, "v2"), Message(4, "a2", Agent));

        Assert.Equal([Agent.Id, Visitor.Id], (await Log.ReadSenders(conversation)).Order());
    }

    [Fact]
    public async Task Deleting_a_conversation_removes_everything_answers_the_count_and_is_idempotent()
    {
        await Append(Message(1, "v1"), Message(2, "a1", Agent));
        await Log.EraseSender(conversation, Visitor.Id);

        Assert.Equal(2, await Log.Delete(conversation));
        Assert.Equal(0, await Log.Delete(conversation));
        Assert.Equal(0, await Log.ReadLastSequence(conversation));
        Assert.Empty(await Log.ReadSenders(conversation));
        await Append(Message(1, "a1", Agent));
    }

    [Fact]
    public async Task Conversations_are_apart()
    {
        await Append(Message(1, "m1"), Message(2, "m2"));

        Assert.Equal(AppendOutcome.Appended, (await Log.Append(other, Message(1, "m1"))).Outcome);
        Assert.Equal(1, await Log.Delete(other));
        Assert.Equal(2, await Log.ReadLastSequence(conversation));
    }

    [Fact]
    public async Task Many_conversations_appending_at_once_each_keep_their_own_messages_in_order()
    {
        more.AddRange(Enumerable.Range(0, 60).Select(_ => new ConversationKey("contract", Guid.NewGuid())));

        var outcomes = await Task.WhenAll(more.Select(async key =>
        {
            var results = new List<AppendOutcome>();
            for (var sequence = 1; sequence <= 4; sequence++)
            {
                results.Add((await Log.Append(key, Message(sequence, $"{key.ConversationId:N}-{sequence}"))).Outcome);
            }

            return results;
        }));

        Assert.All(outcomes.SelectMany(o => o), outcome => Assert.Equal(AppendOutcome.Appended, outcome));
        foreach (var key in more)
        {
            Assert.Equal(4, await Log.ReadLastSequence(key));
            Assert.Equal(
                Enumerable.Range(1, 4).Select(sequence => Shape(Message(sequence, $"{key.ConversationId:N}-{sequence}"))),
                (await Log.ReadAfter(key, 0, 10)).Select(Shape));
        }
    }

    [Fact]
    public async Task An_append_whose_previous_message_is_not_stored_is_refused_alone_and_stores_nothing()
    {
        // In one shard, queued together: a log that went back in time fails that append, not the transaction's others.
        var shard = MessageShards.ShardOf(conversation);
        more.AddRange(Enumerable.Range(0, int.MaxValue).Select(_ => new ConversationKey("contract", Guid.NewGuid()))
            .Where(key => MessageShards.ShardOf(key) == shard).Take(10));
        await Append(Message(1, "m1"), Message(2, "m2"));

        var stored = more.Take(5).Select(key => Log.Append(key, Message(1, "fresh"))).ToList();
        var pastHole = Log.Append(conversation, Message(4, "m4"));
        stored.AddRange(more.Skip(5).Select(key => Log.Append(key, Message(1, "fresh"))));

        Assert.Equal(AppendOutcome.PreviousMissing, (await pastHole).Outcome);
        Assert.All(await Task.WhenAll(stored), result => Assert.Equal(AppendOutcome.Appended, result.Outcome));
        Assert.Equal(2, await Log.ReadLastSequence(conversation));
        Assert.Equal(["m1", "m2"], (await Log.ReadAfter(conversation, 0, 10)).Select(m => m.ClientMessageId));
        await Append(Message(3, "m3"), Message(4, "m4"));
    }

    [Fact]
    public async Task Appends_that_conflict_among_many_at_once_are_answered_alone_and_the_others_are_stored()
    {
        // Conversations in the same shard of the table log, so that their appends queue for the same transactions.
        var shard = MessageShards.ShardOf(conversation);
        more.AddRange(Enumerable.Range(0, int.MaxValue).Select(_ => new ConversationKey("contract", Guid.NewGuid()))
            .Where(key => MessageShards.ShardOf(key) == shard).Take(41));
        var (busy, fresh) = (more[0], more[1..]);
        var first = (await Append(Message(1, "first")))[0];
        Assert.Equal(AppendOutcome.Appended, (await Log.Append(busy, Message(1, "taken"))).Outcome);

        // Started without awaiting in between: each is queued before the next starts.
        var stored = fresh.Take(20).Select(key => Log.Append(key, Message(1, "fresh"))).ToList();
        var duplicate = Log.Append(conversation, Message(1, "first"));
        var taken = Log.Append(busy, Message(1, "not stored"));
        stored.AddRange(fresh.Skip(20).Select(key => Log.Append(key, Message(1, "fresh"))));
        stored.AddRange(fresh.Select(key => Log.Append(key, Message(2, "fresher"))));

        Assert.All(await Task.WhenAll(stored), result => Assert.Equal(AppendOutcome.Appended, result.Outcome));
        Assert.Equal(AppendOutcome.DuplicateClientMessageId, (await duplicate).Outcome);
        Assert.Equal(Shape(first), Shape((await duplicate).Existing!));
        Assert.Equal(AppendOutcome.SequenceTaken, (await taken).Outcome);
        Assert.Equal(["taken"], (await Log.ReadAfter(busy, 0, 10)).Select(m => m.ClientMessageId));
        Assert.Equal(1, await Log.ReadLastSequence(conversation));
        foreach (var key in fresh)
        {
            Assert.Equal(["fresh", "fresher"], (await Log.ReadAfter(key, 0, 10)).Select(m => m.ClientMessageId));
        }
    }
}

public sealed class MemoryConversationLogContract() : ConversationLogContract(new MemoryConversationLog());

/// <summary>The table log on the tests' Azurite, in a table of its own.</summary>
public sealed class TableConversationLogContract() : ConversationLogContract(Log, Log.EnsureCreated)
{
    private static readonly TableConversationLog Log = new(
        new TableServiceClient(TestStorage.ConnectionString), Options.Create(new ConversationLogOptions { TableName = "contractmessages" }));
}
