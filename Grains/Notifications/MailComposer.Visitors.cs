using System.Globalization;
using Orbitalyntra.Accounts;
using Orbitalyntra.Chat;

namespace Orbitalyntra.Notifications;

/// <summary>
/// What a visitor's mail shows, read when it is sent (decision 0027): the confirmation link of their address; or a
/// conversation's messages, only when the conversation is the recipient's own, without the staff's private notes, each
/// sender named as the widget names them ("You", "Agent"), with a link back to the conversation.
/// </summary>
public sealed partial class MailComposer
{
    /// <summary>The most messages one mail shows: a longer transcript shows its newest ones and says how many it left out.</summary>
    public const int MaxMessagesShown = 500;

    /// <summary>Adds the values of a visitor's mail; false when there is nothing to send.</summary>
    private async Task<bool> AddVisitorValues(string tenantId, Notification delivery, MailRecipient recipient, Dictionary<string, string> values)
    {
        var tenant = grains.GetGrain<ITenantGrain>(tenantId);
        if (await tenant.GetProfile() is not { } profile)
        {
            return false;
        }

        var visitorId = delivery.RecipientId!;
        var language = recipient.Preferences.Language;
        values["organisation"] = profile.OrganisationName;
        if (delivery.Kind == NotificationKind.VisitorAddressConfirmation)
        {
            values["confirm"] = await links.Confirmation(tenantId, visitorId, recipient.Address);
            values["days"] = links.LifetimeDays;
            return true;
        }

        if (!Guid.TryParse(values.GetValueOrDefault(NotificationValues.ConversationId), out var conversationId)
            || !long.TryParse(values.GetValueOrDefault(NotificationValues.UpToSequence), CultureInfo.InvariantCulture, out var upTo)
            || await tenant.GetWidgetKey() is not { } widgetKey)
        {
            return false;
        }

        var conversation = grains.Conversation(new ConversationKey(tenantId, conversationId));
        if ((await conversation.GetSummary())?.VisitorId != visitorId)
        {
            return false;
        }

        var from = long.TryParse(values.GetValueOrDefault(NotificationValues.FromSequence), CultureInfo.InvariantCulture, out var first) ? first : 1;
        var replies = delivery.Kind == NotificationKind.UnseenReply;
        var shown = await Shown(conversation, from, upTo, message => !replies || message is { Sender.Role: SenderRole.Agent, Erased: false });
        if (shown.Count == 0)
        {
            return false;
        }

        var lines = shown.TakeLast(MaxMessagesShown).Select(message => Line(message, visitorId, language));
        values["messages"] = string.Join("\n", shown.Count > MaxMessagesShown ? lines.Prepend(MailTemplates.Omitted(shown.Count - MaxMessagesShown, language)) : lines);
        values["conversation"] = await links.Conversation(tenantId, visitorId, conversationId, widgetKey);
        return true;
    }

    /// <summary>The messages <paramref name="from"/> to <paramref name="upTo"/> the visitor may see (no private note) that <paramref name="wanted"/> keeps.</summary>
    private static async Task<List<ChatMessage>> Shown(IConversationGrain conversation, long from, long upTo, Func<ChatMessage, bool> wanted)
    {
        var shown = new List<ChatMessage>();
        for (var after = from - 1; after < upTo;)
        {
            if (await conversation.ReadAfter(after, ChatRules.MaxPageSize) is not { Messages.Count: > 0 } page)
            {
                break;
            }

            shown.AddRange(page.WithoutNotes().Messages.Where(message => message.Sequence <= upTo && wanted(message)));
            after = page.NextAfter;
        }

        return shown;
    }

    private static string Line(ChatMessage message, string visitorId, string language)
    {
        var sender = MailTemplates.SenderName(message.Sender.Role, message.Sender.Id == visitorId, language);
        var text = message.Erased ? MailTemplates.Erased(language) : message.File is not null ? MailTemplates.File(message.Text, language) : message.Text;
        return $"[{FormatMoment(message.SentAt, language)}] {sender}: {text}";
    }
}
