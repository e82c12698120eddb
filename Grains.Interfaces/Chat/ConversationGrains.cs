namespace Orbitalyntra.Chat;

/// <summary>Finding a conversation's grain by its <see cref="ConversationKey"/>, not by a hand-made key string.</summary>
public static class ConversationGrains
{
    /// <summary>The grain of the conversation <paramref name="key"/>.</summary>
    public static IConversationGrain Conversation(this IGrainFactory grains, ConversationKey key) =>
        grains.GetGrain<IConversationGrain>(key.ToString());
}
