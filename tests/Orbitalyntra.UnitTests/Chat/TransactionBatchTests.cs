using Orbitalyntra.Chat;

namespace Orbitalyntra.UnitTests.Chat;

/// <summary>What one entity-group transaction of a shard takes from the appends waiting for it.</summary>
public sealed class TransactionBatchTests
{
    private static readonly Sender Visitor = new(SenderRole.Visitor, "visitor-1");

    private static PendingAppend Append(ConversationKey conversation, long sequence, int textBytes = 100)
    {
        var message = new StoredMessage(sequence, $"m{sequence}", Visitor, new byte[textBytes], DateTimeOffset.UnixEpoch, false);
        return new PendingAppend(conversation, message);
    }

    private static ConversationKey NewConversation() => new("tenant", Guid.NewGuid());

    [Fact]
    public void A_transaction_takes_the_oldest_hundred_appends_one_entity_each()
    {
        var queue = Enumerable.Range(0, 130).Select(_ => Append(NewConversation(), 1)).ToList();
        var waiting = queue.ToList();

        var batch = TransactionBatch.Take(queue);

        Assert.Equal(waiting[..100], batch);
        Assert.Equal(waiting[100..], queue);
    }

    [Fact]
    public void A_later_message_checks_its_previous_row_so_a_transaction_takes_fifty_of_them()
    {
        var queue = Enumerable.Range(0, 60).Select(_ => Append(NewConversation(), 2)).ToList();
        var waiting = queue.ToList();

        var batch = TransactionBatch.Take(queue);

        Assert.Equal(waiting[..50], batch);
        Assert.All(batch, append => Assert.Equal(2, append.Actions.Count));
    }

    [Fact]
    public void A_conversation_has_one_append_per_transaction_and_its_next_waits_in_order()
    {
        var (a, b) = (NewConversation(), NewConversation());
        PendingAppend[] waiting = [Append(a, 1), Append(b, 1), Append(a, 2), Append(b, 2), Append(a, 3)];
        var queue = waiting.ToList();

        Assert.Equal([waiting[0], waiting[1]], TransactionBatch.Take(queue));
        Assert.Equal([waiting[2], waiting[3]], TransactionBatch.Take(queue));
        Assert.Equal([waiting[4]], TransactionBatch.Take(queue));
        Assert.Empty(TransactionBatch.Take(queue));
    }

    [Fact]
    public void A_transaction_stays_under_the_payload_limit_but_always_takes_its_first_append()
    {
        var queue = Enumerable.Range(0, 5).Select(_ => Append(NewConversation(), 1, textBytes: 1024 * 1024)).ToList();
        queue.Insert(0, Append(NewConversation(), 1, textBytes: 5 * 1024 * 1024));

        Assert.Single(TransactionBatch.Take(queue));
        var batch = TransactionBatch.Take(queue);

        Assert.Equal(2, batch.Count);
        Assert.InRange(batch.Sum(append => append.Bytes), 2 * 1024 * 1024 * 4 / 3, TransactionBatch.MaxBytes);
        Assert.Equal(3, queue.Count);
    }
}
