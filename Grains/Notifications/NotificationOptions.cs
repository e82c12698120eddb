using MailKit.Security;

namespace Orbitalyntra.Notifications;

/// <summary>How outboxes deliver (section <c>Notifications</c>); docs/notifications.md lists each setting.</summary>
public sealed class NotificationOptions
{
    public const string Section = "Notifications";

    /// <summary>Where links in mail point (unsubscribe, confirmation, back to the conversation): the web host as people reach it.</summary>
    public string PublicBaseUrl { get; set; } = "http://localhost:5080";

    /// <summary>How long a visitor's confirmation link and link back to a conversation work after the mail was written.</summary>
    public TimeSpan LinkLifetime { get; set; } = TimeSpan.FromDays(7);

    /// <summary>
    /// How long a visitor's unread replies and transcript requests wait for the address to be confirmed; after that they
    /// are dropped unsent.
    /// </summary>
    public TimeSpan ConfirmationWait { get; set; } = TimeSpan.FromDays(2);

    /// <summary>How soon a queued mail is first tried; zero in production (tests delay it to crash a silo in between).</summary>
    public TimeSpan FirstAttemptDelay { get; set; } = TimeSpan.Zero;

    /// <summary>How often an active outbox with pending mail looks for what is due (a timer).</summary>
    public TimeSpan PollPeriod { get; set; } = TimeSpan.FromSeconds(1);

    /// <summary>The reminder that brings an outbox with pending mail back after a crash or a deactivation.</summary>
    public TimeSpan RetryCheckPeriod { get; set; } = TimeSpan.FromMinutes(1);

    /// <summary>The first retry's delay; each further one doubles it, with jitter, up to <see cref="MaxBackoff"/>.</summary>
    public TimeSpan BaseBackoff { get; set; } = TimeSpan.FromSeconds(10);

    public TimeSpan MaxBackoff { get; set; } = TimeSpan.FromHours(1);

    /// <summary>SMTP attempts before a mail is given up (logged as failed).</summary>
    public int MaxAttempts { get; set; } = 12;

    /// <summary>How long the sent-mail log keeps an entry (never longer than the tenant's audit lifetime).</summary>
    public TimeSpan LogLifetime { get; set; } = TimeSpan.FromDays(90);

    /// <summary>The most log entries an outbox keeps, whatever their age.</summary>
    public int LogEntriesKept { get; set; } = 1000;

    public SmtpOptions Smtp { get; set; } = new();
}

/// <summary>The SMTP server or relay mail is sent through (section <c>Notifications:Smtp</c>).</summary>
public sealed class SmtpOptions
{
    public string Host { get; set; } = "127.0.0.1";

    public int Port { get; set; } = 1025;

    /// <summary>MailKit's modes: <c>None</c>, <c>StartTls</c>, <c>StartTlsWhenAvailable</c>, <c>SslOnConnect</c>, <c>Auto</c>.</summary>
    public SecureSocketOptions Security { get; set; } = SecureSocketOptions.None;

    /// <summary>Credentials, when the relay wants them (from a secret store, never committed).</summary>
    public string? UserName { get; set; }

    public string? Password { get; set; }

    /// <summary>The sender's address; its domain also ends every <c>Message-ID</c>.</summary>
    public string From { get; set; } = "notifications@orbitalyntra.localhost";

    public string FromName { get; set; } = "Orbitalyntra";

    public TimeSpan Timeout { get; set; } = TimeSpan.FromSeconds(15);
}
