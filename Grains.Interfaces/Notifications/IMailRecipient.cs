using System.Collections.Immutable;
using Orleans.Concurrency;

namespace Orbitalyntra.Notifications;

/// <summary>
/// A grain that knows how to reach one person by mail: an agent's account, or a visitor's data-subject record (an
/// address given in the widget, confirmed by its double opt-in link). Outboxes call it by grain id when they send, so the address is opened (decision 0008: it is sealed with the
/// person's key) only for the moment of sending and nothing of it is kept in an outbox.
/// </summary>
[Alias("orbitalyntra.notifications.IMailRecipient")]
public interface IMailRecipient : IGrain
{
    /// <summary>
    /// Where and how to write to this person; null when there is nobody to write to (erased, never created). Interleaves:
    /// it reads only, and the person's grain may itself be waiting on the outbox that asks.
    /// </summary>
    [Alias("GetMailRecipient"), AlwaysInterleave]
    Task<MailRecipient?> GetMailRecipient();

    /// <summary>Turns <paramref name="topic"/> off for this person (the one-click unsubscribe link); false when there is nobody.</summary>
    [Alias("OptOut")]
    Task<bool> OptOut(MailTopic topic);
}

/// <summary>A person as mail reaches them, for the moment of sending only: never stored.</summary>
/// <param name="Address">The address, opened from its sealed form.</param>
/// <param name="DisplayName">The name to greet them by.</param>
/// <param name="IsAdmin">True for a tenant's administrator.</param>
/// <param name="Preferences">The language they read and what they turned off.</param>
/// <param name="AddressConfirmed">
/// The person proved the address is theirs: an account's address, or a visitor's after its double opt-in link. Mail that
/// carries conversation content goes only to a confirmed address.
/// </param>
/// <param name="PendingAddress">An account holder's new address, waiting for its confirmation link (mailed there only).</param>
[GenerateSerializer, Immutable, Alias("orbitalyntra.notifications.mail-recipient")]
public sealed record MailRecipient(
    [property: Id(0)] string Address,
    [property: Id(1)] string DisplayName,
    [property: Id(2)] bool IsAdmin,
    [property: Id(3)] MailPreferences Preferences,
    [property: Id(4)] bool AddressConfirmed,
    [property: Id(5)] string? PendingAddress = null);

/// <summary>A person's mail preferences.</summary>
/// <param name="Language">The language mail is written in: <c>fr</c> (the default) or <c>en</c>.</param>
/// <param name="OptedOut">The optional topics on by default that they do not want.</param>
/// <param name="OptedIn">The optional topics off by default (<see cref="OffByDefault"/>) that they asked for.</param>
[GenerateSerializer, Immutable, Alias("orbitalyntra.notifications.mail-preferences")]
public sealed record MailPreferences(
    [property: Id(0)] string Language,
    [property: Id(1)] ImmutableSortedSet<MailTopic> OptedOut,
    [property: Id(2)] ImmutableSortedSet<MailTopic>? OptedIn = null)
{
    /// <summary>French, the topics on by default on, the others off.</summary>
    public static readonly MailPreferences Default = new(MailLanguages.French, []);

    /// <summary>The topics a person receives only after turning them on: mail that not everyone wants.</summary>
    public static readonly ImmutableSortedSet<MailTopic> OffByDefault = [MailTopic.AssignedWhileAway, MailTopic.RetentionReports];

    /// <summary>True when mail of <paramref name="topic"/> (none: essential) may be sent.</summary>
    public bool Wants(MailTopic? topic) => topic switch
    {
        null => true,
        { } optIn when OffByDefault.Contains(optIn) => OptedIn?.Contains(optIn) == true,
        { } optional => !OptedOut.Contains(optional),
    };

    /// <summary>These preferences with <paramref name="topic"/> turned off.</summary>
    public MailPreferences Without(MailTopic topic) => OffByDefault.Contains(topic)
        ? this with { OptedIn = (OptedIn ?? []).Remove(topic) }
        : this with { OptedOut = OptedOut.Add(topic) };
}

/// <summary>The languages mail is written in.</summary>
public static class MailLanguages
{
    /// <summary>French: the default.</summary>
    public const string French = "fr";

    /// <summary>English.</summary>
    public const string English = "en";

    /// <summary>Every language templates exist in.</summary>
    public static readonly IReadOnlyList<string> All = [French, English];

    /// <summary>True for a language templates exist in.</summary>
    public static bool IsSupported(string? language) => language is French or English;
}
