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
}
