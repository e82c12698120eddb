namespace Orbitalyntra.Notifications;

/// <summary>What a notification is about; each kind has its templates in French and English (docs/notifications.md).</summary>
public enum NotificationKind
{
    /// <summary>Too many failed sign-ins locked the account for a while.</summary>
    AccountLocked = 1,

    /// <summary>The account's password was changed.</summary>
    PasswordChanged = 2,

    /// <summary>An API key of the tenant was issued.</summary>
    ApiKeyCreated = 3,

    /// <summary>An API key of the tenant was revoked.</summary>
    ApiKeyRevoked = 4,

    /// <summary>A sign-in from a browser family the account had not used before.</summary>
    NewBrowserSignIn = 5,

    /// <summary>A notice an operator wrote to every account holder (service update, policy change, change of ownership).</summary>
    PlatformNotice = 6,

    /// <summary>A data-subject request's deadline is a few days away.</summary>
    RequestDeadlineApproaching = 7,

    /// <summary>A data-subject request is still open after its deadline.</summary>
    RequestDeadlineMissed = 8,

    /// <summary>A visitor gave an address: the link that confirms it (double opt-in); it carries no conversation content.</summary>
    VisitorAddressConfirmation = 9,

    /// <summary>
    /// Agents' replies the visitor did not read within the tenant's delay (a visitor who left the message form, or left the
    /// page, reads them this way), with a link back to the conversation.
    /// </summary>
    UnseenReply = 10,

    /// <summary>The conversation's transcript, as the visitor saw it, which the visitor asked for.</summary>
    Transcript = 11,

    /// <summary>Webhook deliveries to an endpoint failed for days: it was disabled, its undelivered events are dead letters.</summary>
    WebhookDisabled = 12,

    /// <summary>An account holder gave a new e-mail: the link, mailed to the new address, that makes it theirs.</summary>
    AccountEmailConfirmation = 13,

    /// <summary>A conversation was given to an agent who was away or offline: it waits for them (no message text).</summary>
    AssignedWhileAway = 14,

    /// <summary>A retention purge removed or kept (legal holds) something of the tenant: the counts by kind of data.</summary>
    RetentionReport = 15,

    /// <summary>The account's two-step sign-in was turned off by its holder or removed by an administrator.</summary>
    SecondFactorRemoved = 16,
}

/// <summary>
/// The optional mail a person may turn off (their preferences, and the one-click <c>List-Unsubscribe</c> link); a
/// notification without a topic is essential and always sent.
/// </summary>
public enum MailTopic
{
    /// <summary>Platform notices of the kind "service update".</summary>
    ServiceUpdates = 1,

    /// <summary>Reminders that a data-subject request's deadline approaches.</summary>
    DeadlineReminders = 2,

    /// <summary>A visitor's mail of agents' replies they did not read; a visitor's topic, not an agent's.</summary>
    ConversationReplies = 3,

    /// <summary>A conversation given to the agent while they were away or offline; off by default.</summary>
    AssignedWhileAway = 4,

    /// <summary>An administrator's report of each retention purge that removed or kept something; off by default.</summary>
    RetentionReports = 5,
}

/// <summary>Who a notification goes to.</summary>
public enum Audience
{
    /// <summary>One account holder, named by the notification's recipient id.</summary>
    Person = 1,

    /// <summary>Every administrator of the tenant, as they are when it is delivered.</summary>
    TenantAdmins = 2,

    /// <summary>Every account holder of the tenant, as they are when it is delivered.</summary>
    AccountHolders = 3,

    /// <summary>One website visitor, named by the notification's recipient id (their data-subject id).</summary>
    Visitor = 4,
}
