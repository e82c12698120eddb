using Orbitalyntra.Notifications;
using Orbitalyntra.Privacy;

namespace Orbitalyntra.Chat;

/// <summary>
/// What a visitor's mail needs from the conversation (docs/decisions/0027): each agent's reply, and each read receipt of
/// the visitor, told to the visitor's mail grain after the acknowledgement by a one-way call of the conversation to itself
/// (queued behind the turn that acknowledged, as the assistant's follow-up is), so neither the message nor the receipt
/// waits for it. Only a visitor who asked for mail is told anything; asking their data-subject record costs no storage
/// while they chat (it is active), and nothing is stored on the message path.
/// </summary>
public sealed partial class ConversationGrain
{
    private void FollowAgentReply(ChatMessage message)
    {
        if (IsAnswer(message) && state.State.VisitorId is not null)
        {
            _ = this.AsReference<IConversationGrain>().FollowAgentReply(message.Sequence, message.SentAt);
        }
    }

    private void FollowVisitorRead(Sender reader, ReceiptKind kind, long upToSequence)
    {
        if (kind == ReceiptKind.Read && IsOwnVisitor(reader))
        {
            _ = this.AsReference<IConversationGrain>().FollowVisitorRead(upToSequence);
        }
    }

    async Task IConversationGrain.FollowAgentReply(long sequence, DateTimeOffset sentAt)
    {
        if (await MailedVisitor() is { } visitorMail)
        {
            await visitorMail.AgentReplied(key.ConversationId, sequence, sentAt);
        }
    }

    async Task IConversationGrain.FollowVisitorRead(long upToSequence)
    {
        if (await MailedVisitor() is { } visitorMail)
        {
            await visitorMail.VisitorRead(key.ConversationId, upToSequence);
        }
    }

    /// <summary>The mail grain of the conversation's visitor, when they asked for mail.</summary>
    private async Task<IVisitorMailGrain?> MailedVisitor()
    {
        if (!Started || state.State.VisitorId is not { } visitorId)
        {
            return null;
        }

        var visitor = new SubjectKey(key.TenantId, visitorId);
        return await GrainFactory.DataSubject(visitor).AsksForMail() ? GrainFactory.VisitorMail(visitor) : null;
    }
}
