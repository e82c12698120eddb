using System.Globalization;
using System.Text.RegularExpressions;
using Orbitalyntra.Retention;

namespace Orbitalyntra.Accounts;

/// <summary>How a tenant's widget and desk behave. Retention and consent settings join these with their features.</summary>
/// <param name="Greeting">What the widget says first.</param>
/// <param name="AccentColor">The widget's colour, <c>#rrggbb</c>.</param>
/// <param name="TimeZone">The IANA time zone of the business hours, e.g. <c>Europe/Paris</c>.</param>
/// <param name="BusinessHours">When agents answer, per day; days not listed are closed; none listed means no hours are set (never closed).</param>
/// <param name="TrackingConsent">Whether visitors' browsing is kept only after their analytics consent (the default).</param>
/// <param name="Retention">How long each kind of data lives; null means <see cref="RetentionPolicy.Default"/>.</param>
/// <param name="Assistant">When the FAQ assistant suggests articles in the chat (docs/decisions/0025).</param>
/// <param name="UnseenReplyMailDelaySeconds">
/// How long an agent's reply may stay unread before it is mailed to a visitor who confirmed an address
/// (docs/notifications.md); 0 (also what settings stored before it existed read) means <see cref="DefaultUnseenReplyMailDelaySeconds"/>.
/// </param>
/// <param name="AdminsNeedSecondFactor">
/// Administrators sign in with an authenticator's code too; one without sets it up at the next sign-in (docs/decisions/0053).
/// </param>
[GenerateSerializer, Immutable, Alias("orbitalyntra.accounts.tenant-settings")]
public sealed record TenantSettings(
    [property: Id(0)] string Greeting,
    [property: Id(1)] string AccentColor,
    [property: Id(2)] string TimeZone,
    [property: Id(3)] IReadOnlyList<OpeningHours> BusinessHours,
    [property: Id(4)] TrackingConsent TrackingConsent = TrackingConsent.Required,
    [property: Id(5)] RetentionPolicy? Retention = null,
    [property: Id(6)] AssistantMode Assistant = AssistantMode.BeforeAgents,
    [property: Id(7)] int UnseenReplyMailDelaySeconds = TenantSettings.DefaultUnseenReplyMailDelaySeconds,
    [property: Id(12)] bool AdminsNeedSecondFactor = false)
{
    /// <summary>Five minutes: a visitor still on the page has read the reply by then.</summary>
    public const int DefaultUnseenReplyMailDelaySeconds = 300;

    /// <summary>The longest delay: a day.</summary>
    public const int MaxUnseenReplyMailDelaySeconds = 86_400;

    /// <summary>What a new tenant starts with.</summary>
    public static readonly TenantSettings Default = new("Hi! How can we help?", "#2563eb", "UTC", []);

    /// <summary>How long an agent's reply may stay unread before it is mailed to the visitor.</summary>
    public TimeSpan UnseenReplyMailDelay() =>
        TimeSpan.FromSeconds(UnseenReplyMailDelaySeconds > 0 ? UnseenReplyMailDelaySeconds : DefaultUnseenReplyMailDelaySeconds);
}

/// <summary>When a tenant's visitors' browsing may be kept.</summary>
public enum TrackingConsent
{
    /// <summary>Only after the visitor's analytics consent: nothing before it (the rule in the EEA, and the default).</summary>
    Required = 1,

    /// <summary>
    /// From the first page view, unless the visitor refused or withdrew analytics consent, restricted or objected to
    /// processing: for tenants whose law and purpose allow it.
    /// </summary>
    NotRequired = 2,

    /// <summary>
    /// Visitors without analytics consent are counted only in the day's aggregates, with no identifier and no session
    /// (nothing stored on their device, nothing kept that singles them out); visitors who consent are kept as under
    /// <see cref="Required"/>.
    /// </summary>
    Cookieless = 3,
}

/// <summary>
/// When the FAQ assistant answers a visitor's question in the chat. <see cref="BeforeAgents"/> is 0 so that settings
/// stored before the assistant existed read as the default.
/// </summary>
public enum AssistantMode
{
    /// <summary>Until an agent answers: the conversation waits with the assistant, out of agents' queues, until the visitor asks for a person (the default).</summary>
    BeforeAgents = 0,

    /// <summary>Never.</summary>
    Off = 1,

    /// <summary>Every question, even after agents answered; the conversation stays in the inbox.</summary>
    Always = 2,
}

/// <summary>The hours of one day, <c>HH:mm</c> local time, opening before closing.</summary>
/// <param name="Day">The day.</param>
/// <param name="Opens">Opening time.</param>
/// <param name="Closes">Closing time.</param>
[GenerateSerializer, Immutable, Alias("orbitalyntra.accounts.opening-hours")]
public sealed record OpeningHours([property: Id(0)] DayOfWeek Day, [property: Id(1)] string Opens, [property: Id(2)] string Closes);

/// <summary>The rules of tenant settings.</summary>
public static partial class TenantSettingsRules
{
    /// <summary>The problems of <paramref name="settings"/> by field; empty when they are valid.</summary>
    public static IReadOnlyDictionary<string, string[]> Check(TenantSettings settings)
    {
        var problems = new Dictionary<string, string[]>();
        if (TextRules.IsBlank(settings.Greeting) || settings.Greeting.Length > 200)
        {
            problems["greeting"] = ["greeting must be 1 to 200 characters."];
        }
        else if (TextRules.ProseProblem(settings.Greeting) is { } problem)
        {
            problems["greeting"] = [$"greeting {problem}"];
        }

        if (settings.AccentColor is null || !Color().IsMatch(settings.AccentColor))
        {
            problems["accentColor"] = ["accentColor must be a colour like #2563eb."];
        }

        if (settings.TimeZone is null || !TimeZoneInfo.TryFindSystemTimeZoneById(settings.TimeZone, out _))
        {
            problems["timeZone"] = ["timeZone must be an IANA time zone such as Europe/Paris."];
        }

        if (!Enum.IsDefined(settings.TrackingConsent))
        {
            problems["trackingConsent"] = ["trackingConsent must be 'required', 'notRequired' or 'cookieless'."];
        }

        if (!Enum.IsDefined(settings.Assistant))
        {
            problems["assistant"] = ["assistant must be 'off', 'beforeAgents' or 'always'."];
        }

        if (settings.UnseenReplyMailDelaySeconds is < 0 or > TenantSettings.MaxUnseenReplyMailDelaySeconds)
        {
            problems["unseenReplyMailDelaySeconds"] = [$"unseenReplyMailDelaySeconds must be between 1 and {TenantSettings.MaxUnseenReplyMailDelaySeconds} (a day), or 0 for the default."];
        }

        if (settings.Retention is { } retention && RetentionRules.Check(retention) is { Count: > 0 } retentionProblems)
        {
            problems["retention"] = [.. retentionProblems];
        }

        var hours = settings.BusinessHours ?? [];
        if (hours.Any(h => !Enum.IsDefined(h.Day) || !IsTime(h.Opens, out var opens) || !IsTime(h.Closes, out var closes) || opens >= closes)
            || hours.Select(h => h.Day).Distinct().Count() != hours.Count)
        {
            problems["businessHours"] = ["businessHours lists each day at most once, with opens before closes, as HH:mm."];
        }

        return problems;
    }

    /// <summary>
    /// Whether <paramref name="now"/> falls within the opening hours of its day in the tenant's time zone: a day not listed
    /// is closed, but a tenant that lists no day has set no hours, and is never closed by them (docs/decisions/0026).
    /// </summary>
    public static bool IsWithinBusinessHours(TenantSettings settings, DateTimeOffset now)
    {
        if (settings.BusinessHours is not { Count: > 0 })
        {
            return true;
        }

        var local = TimeZoneInfo.TryFindSystemTimeZoneById(settings.TimeZone, out var zone) ? TimeZoneInfo.ConvertTime(now, zone) : now;
        var time = TimeOnly.FromDateTime(local.DateTime);
        return settings.BusinessHours.Any(hours => hours.Day == local.DayOfWeek
            && IsTime(hours.Opens, out var opens) && IsTime(hours.Closes, out var closes)
            && time >= opens && time < closes);
    }

    private static bool IsTime(string? value, out TimeOnly time) =>
        TimeOnly.TryParseExact(value, "HH:mm", CultureInfo.InvariantCulture, DateTimeStyles.None, out time);

    [GeneratedRegex("^#[0-9a-fA-F]{6}$")]
    private static partial Regex Color();
}
