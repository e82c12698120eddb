using System.Globalization;
using System.Net;
using System.Text;
using System.Text.RegularExpressions;
using Microsoft.Extensions.Options;
using MimeKit;

namespace Orbitalyntra.Notifications;

/// <summary>
/// Writes one delivery as a MIME message for its recipient: their language's template, a text and an HTML part (every
/// value HTML-escaped, links made links), the delivery id as <c>Message-ID</c>, and for optional mail the one-click
/// unsubscribe headers (RFC 2369, RFC 8058) with a token that is a keyed hash, so nothing is stored to check it.
/// Visitors' mail about a conversation reads it at this moment (MailComposer.Visitors.cs).
/// </summary>
public sealed partial class MailComposer(IGrainFactory grains, MailLinks links, IOptions<NotificationOptions> options)
{
    /// <summary>The values that are links: the HTML part makes each one a link.</summary>
    private static readonly HashSet<string> LinkValues = ["unsubscribe", "confirm", "conversation", "console"];

    /// <summary>What a delivery becomes for its recipient: the message and the optional topic it belongs to (none: essential).</summary>
    public sealed record Composed(MimeMessage Message, MailTopic? Topic);

    /// <summary>
    /// The message, or null when what it speaks of is gone (a notice that no longer exists, a conversation purged or not the
    /// recipient's, messages all erased).
    /// </summary>
    public async Task<Composed?> Compose(string tenantId, Notification delivery, MailRecipient recipient)
    {
        var language = recipient.Preferences.Language;
        var values = new Dictionary<string, string>(delivery.Values.Select(v => KeyValuePair.Create(v.Key, v.Value)))
        {
            ["name"] = recipient.DisplayName,
        };
        if (values.TryGetValue(NotificationValues.At, out var at) && DateTimeOffset.TryParse(at, CultureInfo.InvariantCulture, out var moment))
        {
            values[NotificationValues.At] = FormatMoment(moment, language);
        }

        if (values.TryGetValue(NotificationValues.RequestKind, out var kind))
        {
            values[NotificationValues.RequestKind] = MailTemplates.RequestKindName(kind, language);
        }

        MailTopic? topic = delivery.Kind switch
        {
            NotificationKind.RequestDeadlineApproaching => MailTopic.DeadlineReminders,
            NotificationKind.UnseenReply => MailTopic.ConversationReplies,
            NotificationKind.AssignedWhileAway => MailTopic.AssignedWhileAway,
            NotificationKind.RetentionReport => MailTopic.RetentionReports,
            _ => null,
        };
        switch (delivery.Kind)
        {
            case NotificationKind.AssignedWhileAway:
                values["console"] = links.Console;
                break;
            case NotificationKind.RetentionReport:
                values["counts"] = MailTemplates.PurgeCounts(
                    delivery.Values.Where(v => v.Key.StartsWith(NotificationValues.RemovedPrefix, StringComparison.Ordinal))
                        .Select(v => (v.Key[NotificationValues.RemovedPrefix.Length..], v.Value))
                        .Append((NotificationValues.Held, values.GetValueOrDefault(NotificationValues.Held, "0"))),
                    language);
                break;
        }

        if (delivery.Kind == NotificationKind.PlatformNotice)
        {
            if (!Guid.TryParse(values.GetValueOrDefault(NotificationValues.NoticeId), out var noticeId)
                || await grains.GetGrain<IPlatformNoticesGrain>(IPlatformNoticesGrain.Key).Get(noticeId) is not { } notice)
            {
                return null;
            }

            var text = notice.In(language);
            (values["title"], values["body"]) = (text.Title, text.Body);
            topic = notice.Category == NoticeCategory.ServiceUpdate ? MailTopic.ServiceUpdates : null;
        }

        if (delivery.Audience == Audience.Visitor && !await AddVisitorValues(tenantId, delivery, recipient, values))
        {
            return null;
        }

        if (delivery.Kind == NotificationKind.AccountEmailConfirmation)
        {
            // Only to the new address, which its owner proves by following the link; nothing once no change waits.
            if (recipient.PendingAddress is not { } pending)
            {
                return null;
            }

            recipient = recipient with { Address = pending };
            values["confirm"] = await links.AccountEmail(tenantId, delivery.RecipientId!, pending);
            values["days"] = links.LifetimeDays;
        }

        var template = MailTemplates.For(delivery.Kind, language);
        var body = template.Body;
        if (topic is { } optional)
        {
            body += "\n\n" + MailTemplates.UnsubscribeFooter(language);
            values["unsubscribe"] = await links.Unsubscribe(tenantId, delivery.RecipientId!, optional);
        }

        var message = new MimeMessage
        {
            MessageId = $"{delivery.Id:N}@{SenderDomain}",
            Subject = Fill(template.Subject, values, (_, value) => value),
        };
        var smtp = options.Value.Smtp;
        message.From.Add(new MailboxAddress(smtp.FromName, smtp.From));
        message.To.Add(new MailboxAddress(recipient.DisplayName, recipient.Address));
        message.Headers.Add("Auto-Submitted", "auto-generated");
        message.Headers.Add("X-Orbitalyntra-Notification", delivery.Kind.ToString());
        if (topic is not null)
        {
            message.Headers.Add("List-Unsubscribe", $"<{values["unsubscribe"]}>");
            message.Headers.Add("List-Unsubscribe-Post", "List-Unsubscribe=One-Click");
        }

        message.Body = new BodyBuilder { TextBody = Fill(body, values, (_, value) => value), HtmlBody = Html(body, values, language) }.ToMessageBody();
        return new Composed(message, topic);
    }

    private string SenderDomain => options.Value.Smtp.From.Split('@') is [_, var domain] ? domain : "orbitalyntra.localhost";

    private static string FormatMoment(DateTimeOffset moment, string language) =>
        moment.ToUniversalTime().ToString(language == MailLanguages.English ? "yyyy-MM-dd HH:mm 'UTC'" : "dd/MM/yyyy HH:mm 'UTC'", CultureInfo.InvariantCulture);

    /// <summary>
    /// Replaces each <c>{name}</c> of <paramref name="template"/> by its value as <paramref name="render"/> writes it, in one
    /// pass: a value that contains braces (a visitor's message) is never filled in turn.
    /// </summary>
    private static string Fill(string template, IReadOnlyDictionary<string, string> values, Func<string, string, string> render) =>
        Placeholder().Replace(template, match => values.TryGetValue(match.Groups[1].Value, out var value) ? render(match.Groups[1].Value, value) : match.Value);

    /// <summary>The HTML part: each paragraph of the template, its text and values escaped, its lines kept, its links made links.</summary>
    private static string Html(string body, IReadOnlyDictionary<string, string> values, string language)
    {
        static string Render(string name, string value)
        {
            var encoded = WebUtility.HtmlEncode(value);
            return LinkValues.Contains(name) ? $"<a href=\"{encoded}\">{encoded}</a>" : encoded;
        }

        var html = new StringBuilder($"<!DOCTYPE html><html lang=\"{language}\"><body>");
        foreach (var paragraph in body.Split("\n\n"))
        {
            html.Append("<p>").Append(Fill(WebUtility.HtmlEncode(paragraph), values, Render).Replace("\n", "<br>")).Append("</p>");
        }

        return html.Append("</body></html>").ToString();
    }

    [GeneratedRegex(@"\{(\w+)\}")]
    private static partial Regex Placeholder();
}
