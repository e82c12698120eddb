using Orbitalyntra.Accounts;
using Orbitalyntra.Privacy;

namespace Orbitalyntra.Notifications;

/// <summary>Who mail is for: the grain that answers for a recipient, the audience of a topic, the kinds that show a conversation.</summary>
public static class MailAudiences
{
    /// <summary>The grain that answers for <paramref name="recipientId"/>: a visitor's data-subject record, or an agent's account.</summary>
    public static IMailRecipient MailRecipient(this IGrainFactory grains, string tenantId, Audience audience, string recipientId) =>
        audience == Audience.Visitor
            ? grains.DataSubject(new SubjectKey(tenantId, recipientId)).AsReference<IMailRecipient>()
            : grains.Agent(tenantId, recipientId).AsReference<IMailRecipient>();

    /// <summary>Whose topic <paramref name="topic"/> is: visitors' (<see cref="Audience.Visitor"/>) or account holders' (<see cref="Audience.Person"/>).</summary>
    public static Audience AudienceOf(MailTopic topic) => topic == MailTopic.ConversationReplies ? Audience.Visitor : Audience.Person;

    /// <summary>
    /// True for mail that shows a conversation's messages: it goes only to the conversation's own visitor, at an address
    /// they confirmed (double opt-in).
    /// </summary>
    public static bool CarriesConversation(NotificationKind kind) =>
        kind is NotificationKind.UnseenReply or NotificationKind.Transcript;
}
