using System.Globalization;
using System.Net;
using System.Text;
using Microsoft.Extensions.Options;
using MimeKit;
using Orbitalyntra.Privacy;

namespace Orbitalyntra.Notifications;

/// <summary>
/// Writes one delivery as a MIME message for its recipient: their language's template, a text and an HTML part (every
/// value HTML-escaped), the delivery id as <c>Message-ID</c>, and for optional mail the one-click unsubscribe headers
/// (RFC 2369, RFC 8058) with a token that is a keyed hash, so nothing is stored to check it.
/// </summary>
public sealed class MailComposer(IGrainFactory grains, ITenantKeyProvider keys, IOptions<NotificationOptions> options)
{
    private const string UnsubscribePurpose = "mail-unsubscribe";

    /// <summary>What a delivery becomes for its recipient: the message and the optional topic it belongs to (none: essential).</summary>
    public sealed record Composed(MimeMessage Message, MailTopic? Topic);

    /// <summary>The message, or null when what it speaks of is gone (a notice that no longer exists).</summary>
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

        MailTopic? topic = delivery.Kind == NotificationKind.RequestDeadlineApproaching ? MailTopic.DeadlineReminders : null;
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

        var template = MailTemplates.For(delivery.Kind, language);
        var body = template.Body;
        if (topic is { } optional)
        {
            body += "\n\n" + MailTemplates.UnsubscribeFooter(language);
            values["unsubscribe"] = await UnsubscribeLink(tenantId, delivery.RecipientId!, optional);
        }

        var message = new MimeMessage
        {
            MessageId = $"{delivery.Id:N}@{SenderDomain}",
            Subject = Fill(template.Subject, values, html: false),
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

        message.Body = new BodyBuilder { TextBody = Fill(body, values, html: false), HtmlBody = Html(body, values, language) }.ToMessageBody();
        return new Composed(message, topic);
    }

    /// <summary>The token that proves an unsubscribe link came from a mail of this tenant to this person about this topic.</summary>
    public async Task<string> UnsubscribeToken(string tenantId, string recipientId, MailTopic topic) =>
        await keys.KeyedHash(tenantId, UnsubscribePurpose, $"{recipientId}|{topic}");

    private async Task<string> UnsubscribeLink(string tenantId, string recipientId, MailTopic topic)
    {
        var token = await UnsubscribeToken(tenantId, recipientId, topic);
        var topicName = JsonNamingPolicyName(topic);
        return $"{options.Value.PublicBaseUrl.TrimEnd('/')}/api/unsubscribe/{tenantId}/{recipientId}/{topicName}?token={token}";
    }

    /// <summary>The topic as the API spells enums: camelCase.</summary>
    private static string JsonNamingPolicyName(MailTopic topic) => System.Text.Json.JsonNamingPolicy.CamelCase.ConvertName(topic.ToString());

    private string SenderDomain => options.Value.Smtp.From.Split('@') is [_, var domain] ? domain : "orbitalyntra.localhost";

    private static string FormatMoment(DateTimeOffset moment, string language) =>
        moment.ToUniversalTime().ToString(language == MailLanguages.English ? "yyyy-MM-dd HH:mm 'UTC'" : "dd/MM/yyyy HH:mm 'UTC'", CultureInfo.InvariantCulture);

    private static string Fill(string template, IReadOnlyDictionary<string, string> values, bool html)
    {
        var text = new StringBuilder(template);
        foreach (var (name, value) in values)
        {
            text.Replace("{" + name + "}", html ? WebUtility.HtmlEncode(value) : value);
        }

        return text.ToString();
    }

    /// <summary>The HTML part: each paragraph of the template, its text and values escaped, the unsubscribe link a link.</summary>
    private static string Html(string body, IReadOnlyDictionary<string, string> values, string language)
    {
        var html = new StringBuilder($"<!DOCTYPE html><html lang=\"{language}\"><body>");
        foreach (var paragraph in body.Split("\n\n"))
        {
            var escaped = Fill(WebUtility.HtmlEncode(paragraph), values, html: true).Replace("\n", "<br>");
            if (values.TryGetValue("unsubscribe", out var link))
            {
                var encoded = WebUtility.HtmlEncode(link);
                escaped = escaped.Replace(encoded, $"<a href=\"{encoded}\">{encoded}</a>");
            }

            html.Append("<p>").Append(escaped).Append("</p>");
        }

        return html.Append("</body></html>").ToString();
    }
}
