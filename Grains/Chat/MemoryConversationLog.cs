using System.Collections.Concurrent;

namespace Orbitalyntra.Chat;

/// <summary>
/// The conversation log in process memory, with the same semantics as <see cref="TableConversationLog"/>. Nothing
/// survives the silo: it exists for benchmarks (to show the cost of durability) and quick local experiments.
/// </summary>
public sealed class MemoryConversationLog : IConversationLog
{
    private readonly ConcurrentDictionary<ConversationKey, Partition> partitions = new();

    public Task<long> ReadLastSequence(ConversationKey conversation)
    {
        var partition = Get(conversation);
        lock (partition)
        {
            return Task.FromResult((long)partition.Messages.Count);
        }
    }

    public Task<AppendResult> Append(ConversationKey conversation, StoredMessage message)
    {
        var partition = Get(conversation);
        lock (partition)
        {
            if (message.Sequence > partition.Messages.Count + 1)
            {
                return Task.FromResult(AppendResult.PreviousMissing);
            }

            if (message.Sequence != partition.Messages.Count + 1)
            {
                var holder = message.Sequence >= 1 && message.Sequence <= partition.Messages.Count ? partition.Messages[(int)message.Sequence - 1] : null;
                return Task.FromResult(AppendResult.Refused(message, holder));
            }

            partition.Messages.Add(message);
            return Task.FromResult(AppendResult.Appended);
        }
    }

    public Task<IReadOnlyList<StoredMessage>> ReadAfter(ConversationKey conversation, long afterSequence, int limit)
    {
        var partition = Get(conversation);
        lock (partition)
        {
            IReadOnlyList<StoredMessage> page = partition.Messages.Skip((int)Math.Min(afterSequence, int.MaxValue)).Take(limit).ToList();
            return Task.FromResult(page);
        }
    }

    public Task<SenderErasure> EraseSender(ConversationKey conversation, string senderId)
    {
        var partition = Get(conversation);
        lock (partition)
        {
            var erased = 0;
            var files = new List<Guid>();
            for (var i = 0; i < partition.Messages.Count; i++)
            {
                var message = partition.Messages[i];
                if (message.Sender.Id != senderId)
                {
                    continue;
                }

                if (message.File is { } file)
                {
                    files.Add(file.FileId);
                }

                if (message.SealedText is not null || message.ClientMessageId.Length > 0)
                {
                    partition.Messages[i] = message.Erased();
                    erased++;
                }
            }

            return Task.FromResult(new SenderErasure(erased, files));
        }
    }

    private Partition Get(ConversationKey conversation) => partitions.GetOrAdd(conversation, _ => new Partition());

    public Task<IReadOnlyList<string>> ReadSenders(ConversationKey conversation)
    {
        var partition = partitions.GetOrAdd(conversation, _ => new Partition());
        lock (partition)
        {
            return Task.FromResult<IReadOnlyList<string>>(partition.Messages.Select(m => m.Sender.Id).Distinct().ToList());
        }
    }

    public Task<int> Delete(ConversationKey conversation) =>
        Task.FromResult(partitions.TryRemove(conversation, out var partition) ? partition.Messages.Count : 0);

    private sealed class Partition
    {
        public List<StoredMessage> Messages { get; } = [];
    }
}
