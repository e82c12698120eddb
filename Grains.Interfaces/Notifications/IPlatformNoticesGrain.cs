using Orleans.Concurrency;
namespace Orbitalyntra.Notifications;

/// <summary>
/// The notices operators write to every account holder of every tenant (one grain, key <see cref="Key"/>): each is
/// stored, then queued in every tenant's outbox (<see cref="Audience.AccountHolders"/>; a reminder finishes the
/// fan-out after a crash, and the notice id makes it idempotent), and shown as a banner until each person
/// acknowledges it.
/// </summary>
[Alias("orbitalyntra.notifications.IPlatformNoticesGrain")]
public interface IPlatformNoticesGrain : IGrainWithStringKey
{
    /// <summary>The one grain's key.</summary>
    public const string Key = "platform";

    /// <summary>Stores the notice and queues it for every tenant's account holders.</summary>
    [Alias("Publish")]
    Task<PlatformNotice> Publish(NewPlatformNotice notice);

    /// <summary>Every notice, newest first.</summary>
    [Alias("List"), AlwaysInterleave]
    Task<IReadOnlyList<PlatformNotice>> List();

    /// <summary>One notice; null when there is none with that id.</summary>
    [Alias("Get"), AlwaysInterleave]
    Task<PlatformNotice?> Get(Guid noticeId);
}

/// <summary>What kind of notice an operator writes: only service updates may be turned off.</summary>
public enum NoticeCategory
{
    /// <summary>News of the service (optional mail: <see cref="MailTopic.ServiceUpdates"/>).</summary>
    ServiceUpdate = 1,

    /// <summary>A change of the privacy policy or the terms (essential).</summary>
    PolicyChange = 2,

    /// <summary>A change of ownership of the service (essential).</summary>
    OwnershipChange = 3,
}

/// <summary>A notice as an operator writes it, in both languages.</summary>
[GenerateSerializer, Immutable, Alias("orbitalyntra.notifications.new-platform-notice")]
public sealed record NewPlatformNotice(
    [property: Id(0)] NoticeCategory Category,
    [property: Id(1)] NoticeText French,
    [property: Id(2)] NoticeText English);

/// <summary>A notice's title and body in one language (plain text).</summary>
[GenerateSerializer, Immutable, Alias("orbitalyntra.notifications.notice-text")]
public sealed record NoticeText([property: Id(0)] string Title, [property: Id(1)] string Body);

/// <summary>A published notice.</summary>
[GenerateSerializer, Immutable, Alias("orbitalyntra.notifications.platform-notice")]
public sealed record PlatformNotice(
    [property: Id(0)] Guid NoticeId,
    [property: Id(1)] NoticeCategory Category,
    [property: Id(2)] NoticeText French,
    [property: Id(3)] NoticeText English,
    [property: Id(4)] DateTimeOffset PublishedAt)
{
    /// <summary>The text in <paramref name="language"/> (French unless English is asked for).</summary>
    public NoticeText In(string language) => language == MailLanguages.English ? English : French;
}

/// <summary>Limits of a notice's texts.</summary>
public static class NoticeRules
{
    /// <summary>Longest title.</summary>
    public const int MaxTitleLength = 200;

    /// <summary>Longest body.</summary>
    public const int MaxBodyLength = 4000;
}
