using MailKit.Net.Smtp;
using Microsoft.Extensions.Options;
using MimeKit;

namespace Orbitalyntra.Notifications;

/// <summary>Hands a message to an SMTP server; throws when it was not accepted.</summary>
public interface IMailSender
{
    Task Send(MimeMessage message, CancellationToken cancellationToken);
}

/// <summary>MailKit's SMTP client, one connection per message (mail is rare; a relay may close idle connections).</summary>
public sealed class SmtpMailSender(IOptions<NotificationOptions> options) : IMailSender
{
    public async Task Send(MimeMessage message, CancellationToken cancellationToken)
    {
        var smtp = options.Value.Smtp;
        using var client = new SmtpClient { Timeout = (int)smtp.Timeout.TotalMilliseconds };
        await client.ConnectAsync(smtp.Host, smtp.Port, smtp.Security, cancellationToken);
        if (!string.IsNullOrEmpty(smtp.UserName))
        {
            await client.AuthenticateAsync(smtp.UserName, smtp.Password ?? "", cancellationToken);
        }

        await client.SendAsync(message, cancellationToken);
        await client.DisconnectAsync(quit: true, cancellationToken);
    }
}
