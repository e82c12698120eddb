namespace Orbitalyntra.Chat;

/// <summary>
/// The bounded tail of a conversation kept in memory: the newest messages, indexed by sequence and by
/// (sender, client message id), so that recent reads and retries need no storage round trip.
/// </summary>
internal sealed class RecentMessages(int capacity)
{
    // Not pre-sized: most activations are idle conversations with few recent messages, and memory per idle
    // activation is what bounds how many conversations a silo holds.
    private readonly Queue<ChatMessage> messages = new();
    private readonly Dictionary<(Sender, string), ChatMessage> byClientId = [];

    public void Add(ChatMessage message)
    {
        if (messages.Count == capacity)
        {
            var oldest = messages.Dequeue();
            byClientId.Remove((oldest.Sender, oldest.ClientMessageId));
        }

        messages.Enqueue(message);
        byClientId[(message.Sender, message.ClientMessageId)] = message;
    }

    public void Reset(IEnumerable<ChatMessage> newest)
    {
        messages.Clear();
        byClientId.Clear();
        foreach (var message in newest)
        {
            Add(message);
        }
    }

    /// <summary>The newest message, if any.</summary>
    public ChatMessage? Newest => messages.Count == 0 ? null : messages.Last();

    /// <summary>The newest message held that <paramref name="matches"/>, if any.</summary>
    public ChatMessage? Latest(Func<ChatMessage, bool> matches) => messages.LastOrDefault(matches);

    public ChatMessage? Find(Sender sender, string clientMessageId) => byClientId.GetValueOrDefault((sender, clientMessageId));

    /// <summary>The messages after <paramref name="afterSequence"/>, or null when the tail does not reach back that far.</summary>
    public IReadOnlyList<ChatMessage>? After(long afterSequence, int limit)
    {
        if (messages.Count == 0 || messages.Peek().Sequence > afterSequence + 1)
        {
            return null;
        }

        return messages.Where(m => m.Sequence > afterSequence).Take(limit).ToList();
    }
}
