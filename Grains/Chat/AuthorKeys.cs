using System.Security.Cryptography;
using Orbitalyntra.Privacy;

namespace Orbitalyntra.Chat;

/// <summary>
/// Seals and opens message texts of one conversation with their authors' data keys, fetched from the data-subject
/// grains and kept for the activation's life. Before it first seals an author's text, the conversation records itself
/// as a place holding that author's data, so that erasure reaches it even if the key is destroyed a moment later.
/// </summary>
internal sealed class AuthorKeys(ConversationKey conversation, GrainId holder, IGrainFactory grains, ISubjectPlaces places)
{
    private readonly Dictionary<string, byte[]> keys = [];
    private readonly HashSet<string> linked = [];

    /// <summary>The stored form of <paramref name="message"/>; null when its author was erased (and may not post again).</summary>
    public async Task<StoredMessage?> Seal(ChatMessage message)
    {
        if (message.Sender.Role == SenderRole.Assistant)
        {
            // Suggestions of public articles: nobody's data, so no key, no place recorded, nothing to erase.
            return new StoredMessage(message.Sequence, message.ClientMessageId, message.Sender, null, message.SentAt, message.IsNote, Suggestions: message.Suggestions);
        }

        var author = message.Sender.Id;
        return await KeyToSeal(author) is { } key
            ? new StoredMessage(
                message.Sequence,
                message.ClientMessageId,
                message.Sender,
                Sealing.SealText(key, message.Text, Context(message.Sequence, author)),
                message.SentAt,
                message.IsNote,
                message.File)
            : null;
    }

    /// <summary>
    /// The author's key to seal something kept in this conversation, after recording the conversation as a place of the
    /// author's data; null when the author was erased.
    /// </summary>
    public async Task<byte[]?> KeyToSeal(string author)
    {
        if (!linked.Contains(author))
        {
            await places.Add(SubjectOf(author), holder);
            if (await Subject(author).KeyToSeal() is not { } fresh)
            {
                return null;
            }

            keys[author] = fresh;
            linked.Add(author);
        }

        return keys[author];
    }

    /// <summary>The readable form of <paramref name="stored"/>: erased when the text or its author's key is gone.</summary>
    public async Task<ChatMessage> Open(StoredMessage stored)
    {
        if (stored is { Sender.Role: SenderRole.Assistant, Suggestions: { } suggestions })
        {
            return new ChatMessage(stored.Sequence, stored.ClientMessageId, stored.Sender, Faq.AssistantRules.Text(suggestions), stored.SentAt, Suggestions: suggestions);
        }

        var author = stored.Sender.Id;
        var text = "";
        var erased = true;
        if (stored.SealedText is { } sealedText && await KeyToRead(author) is { } key)
        {
            try
            {
                text = Sealing.OpenText(key, sealedText, Context(stored.Sequence, author));
                erased = false;
            }
            catch (CryptographicException)
            {
                // Altered or misplaced ciphertext reads as erased rather than as anything it was not.
            }
        }

        return new ChatMessage(
            stored.Sequence, erased ? "" : stored.ClientMessageId, stored.Sender, text, stored.SentAt, stored.IsNote, erased, erased ? null : stored.File);
    }

    public async Task<IReadOnlyList<ChatMessage>> Open(IReadOnlyList<StoredMessage> stored)
    {
        var messages = new List<ChatMessage>(stored.Count);
        foreach (var message in stored)
        {
            messages.Add(await Open(message));
        }

        return messages;
    }

    /// <summary>Drops what is known of the author's key: after an erasure, nothing here may open their texts again.</summary>
    public void Forget(string author)
    {
        keys.Remove(author);
        linked.Remove(author);
    }

    public async Task<byte[]?> KeyToRead(string author)
    {
        if (keys.TryGetValue(author, out var known))
        {
            return known;
        }

        var key = await Subject(author).KeyToRead();
        if (key is not null)
        {
            keys[author] = key;
        }

        return key;
    }

    private SubjectKey SubjectOf(string author) => new(conversation.TenantId, author);

    private IDataSubjectGrain Subject(string author) => grains.DataSubject(SubjectOf(author));

    private string Context(long sequence, string author) => $"{conversation}/{sequence}/{author}";
}
