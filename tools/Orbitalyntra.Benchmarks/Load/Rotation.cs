namespace Orbitalyntra.Benchmarks.Load;

/// <summary>
/// The conversations that take turns sending, in the order the scheduler visits them: the steady ones, and each new one
/// once its first messages are acknowledged, so that a new conversation goes on as the others do.
/// </summary>
public sealed class Rotation
{
    private readonly List<ConversationLoad> conversations = [];
    private long next;

    /// <summary>Every conversation that joined, to check for loss and to close at the end.</summary>
    public IReadOnlyList<ConversationLoad> All
    {
        get
        {
            lock (conversations)
            {
                return [.. conversations];
            }
        }
    }

    public void Join(ConversationLoad conversation)
    {
        lock (conversations)
        {
            conversations.Add(conversation);
        }
    }

    /// <summary>The conversation whose turn it is, or null while none has joined (a run of starts alone).</summary>
    public ConversationLoad? Next()
    {
        lock (conversations)
        {
            return conversations.Count == 0 ? null : conversations[(int)(next++ % conversations.Count)];
        }
    }
}
