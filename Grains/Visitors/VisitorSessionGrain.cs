using System.Collections.Immutable;
using Microsoft.Extensions.Logging;
using Orbitalyntra.Accounts;
using Orbitalyntra.Analytics;
using Orbitalyntra.Privacy;
using Orbitalyntra.Retention;

namespace Orbitalyntra.Visitors;

[GrainType("visitorsession")]
public sealed partial class VisitorSessionGrain(
    [PersistentState("session")] IPersistentState<VisitorSessionState> state,
    ISubjectPlaces places,
    IRetentionIndex retention,
    TimeProvider time,
    ILogger<VisitorSessionGrain> logger) : Grain, IVisitorSessionGrain, IPersonalDataHolder, IRetentionHolder
{
    /// <summary>What a purge report counts of sessions.</summary>
    public static readonly string[] PurgeCounters = [SessionsCounter, PageViewsCounter, DeviceDataCounter];

    private const string SessionsCounter = "visitorSessions";
    private const string PageViewsCounter = "pageViews";
    private const string DeviceDataCounter = "deviceData";

    private const string NotAllowed = "Not kept: the visitor has not given analytics consent, or restricted or objected to processing, or was erased.";

    /// <summary>How long a session trusts the tenant's consent mode it read: a changed mode applies within this.</summary>
    private static readonly TimeSpan ConsentModeFreshness = TimeSpan.FromSeconds(30);

    private bool placeRecorded;
    private SessionContent? opened;
    private (TenantSettings Settings, DateTimeOffset ReadAt)? tenantSettings;
    private DateOnly activeDayRecorded;

    /// <summary>What a session's retention index entries cover: the session, its page views, its address and device.</summary>
    private static readonly RetentionKind[] RetainedKinds = [RetentionKind.VisitorSession, RetentionKind.PageViews, RetentionKind.DeviceData];

    private SubjectKey Key => SubjectKey.Parse(this.GetPrimaryKeyString());

    private IDataSubjectGrain Subject => GrainFactory.DataSubject(Key);

    public async Task<TrackingOutcome> Record(PageViewReport report, string? ipAddress, string? userAgent)
    {
        if (TrackingRules.Problem(report) is { } problem)
        {
            return new TrackingOutcome(false, problem);
        }

        if (!await Allowed())
        {
            return new TrackingOutcome(false, NotAllowed);
        }

        if (!placeRecorded)
        {
            await places.Add(Key, this.GetGrainId());
            placeRecorded = true;
        }

        if (await Subject.KeyToSeal() is not { } key)
        {
            return new TrackingOutcome(false, NotAllowed);
        }

        var now = time.GetUtcNow();
        await RecordActivity(now);
        var before = Content(key);
        var pageViewsFrom = now - ((await Settings()).Retention ?? RetentionPolicy.Default).LifetimeOf(RetentionKind.PageViews);
        var pages = (before?.Pages ?? []).RemoveAll(p => p.At < pageViewsFrom).Add(TrackingRules.Reduce(report, now));
        var content = new SessionContent(
            TrackingRules.ReduceDevice(userAgent, ipAddress),
            pages.Count > TrackingRules.MaxPageViews ? pages.RemoveRange(0, pages.Count - TrackingRules.MaxPageViews) : pages);
        state.State = new VisitorSessionState(
            state.RecordExists ? state.State.FirstSeen : now,
            now,
            Sealing.SealJson(key, content, SealingContext));
        await state.WriteStateAsync();
        opened = content;

        // Consent withdrawn or the subject erased while this view was being kept: it must not stay.
        if (!await Allowed())
        {
            await Erase();
            return new TrackingOutcome(false, NotAllowed);
        }

        await AnalyticsFeed.Count(logger, Key.TenantId, "page view", () =>
            GrainFactory.AnalyticsDay(Key.TenantId, now).CountPageView(AnalyticsRules.Hit(pages[^1], before?.Pages.LastOrDefault()), Key.SubjectId));
        return new TrackingOutcome(true);
    }

    /// <summary>What the tenant's consent mode and the visitor's choices allow now.</summary>
    private async Task<bool> Allowed()
    {
        return (await Settings()).TrackingConsent == TrackingConsent.NotRequired
            ? await Subject.MayProcessUnlessRefused(ConsentPurpose.Analytics)
            : await Subject.MayProcess(ConsentPurpose.Analytics);
    }

    /// <summary>The tenant's settings, re-read at most every <see cref="ConsentModeFreshness"/>.</summary>
    private async Task<TenantSettings> Settings()
    {
        var now = time.GetUtcNow();
        if (tenantSettings is not { } known || now - known.ReadAt > ConsentModeFreshness)
        {
            tenantSettings = known = (await GrainFactory.GetGrain<ITenantGrain>(Key.TenantId).GetSettings() ?? TenantSettings.Default, now);
        }

        return known.Settings;
    }

    /// <summary>Puts today in the retention index before a page view of today is stored (once a day per activation).</summary>
    private async Task RecordActivity(DateTimeOffset now)
    {
        var today = DateOnly.FromDateTime(now.UtcDateTime);
        if (today != activeDayRecorded)
        {
            await retention.Touch(Key.TenantId, today, this.GetGrainId(), RetainedKinds);
            activeDayRecorded = today;
        }
    }

    /// <summary>
    /// Deletes the session when it was last active before its lifetime, otherwise removes the page views older than
    /// theirs, and the address and device data when the session was last active before theirs.
    /// </summary>
    async Task<PurgeOutcome> IRetentionHolder.Purge(RetentionPolicy policy, DateTimeOffset now)
    {
        var cutoffs = SessionCutoffs.Of(policy, now);
        if (!state.RecordExists)
        {
            await places.Remove(Key, this.GetGrainId());
            return PurgeOutcome.Gone;
        }

        if (state.State.LastSeen < cutoffs.Session || await Subject.KeyToRead() is not { } key || Content(key) is not { } content)
        {
            await Erase();
            return PurgeOutcome.Deleted(new PurgeCount(SessionsCounter, 1));
        }

        var pages = content.Pages.RemoveAll(p => p.At < cutoffs.PageViews);
        var clearDevice = content.Device is not null && state.State.LastSeen < cutoffs.DeviceData;
        if (pages.Count == content.Pages.Count && !clearDevice)
        {
            return PurgeOutcome.Kept;
        }

        var trimmed = new SessionContent(clearDevice ? null : content.Device, pages);
        state.State = state.State with { Sealed = Sealing.SealJson(key, trimmed, SealingContext) };
        await state.WriteStateAsync();
        opened = trimmed;
        return PurgeOutcome.Trimmed(new PurgeCount(PageViewsCounter, content.Pages.Count - pages.Count), new PurgeCount(DeviceDataCounter, clearDevice ? 1 : 0));
    }

    public async Task<VisitorSession?> Get() =>
        state.RecordExists && await Subject.KeyToRead() is { } key && Content(key) is { } content
            ? new VisitorSession(state.State.FirstSeen, state.State.LastSeen, content.Device, content.Pages)
            : null;

    Task IPersonalDataHolder.EraseSubject(SubjectKey subject) => Erase();

    async Task<IReadOnlyList<ExportItem>> IPersonalDataHolder.ExportSubject(SubjectKey subject) =>
        await Get() is { } session ? [ExportItem.Of(VisitorSession.ExportSection, session.FirstSeen, session)] : [];

    /// <summary>Deletes everything kept; idempotent.</summary>
    private async Task Erase()
    {
        opened = null;
        if (state.RecordExists)
        {
            await state.ClearStateAsync();
        }

        // After the state: a failure in between leaves the record that leads an erasure or a purge back here.
        await places.Remove(Key, this.GetGrainId());
    }

    private string SealingContext => $"{Key}/session";

    /// <summary>The pages and device, opened once per activation.</summary>
    private SessionContent? Content(byte[] key) => opened ??= state.State.Sealed is { } sealedContent
        ? Sealing.OpenJson<SessionContent>(key, sealedContent, SealingContext)
        : null;

    /// <summary>What is sealed: the device and the navigation path.</summary>
    private sealed record SessionContent(DeviceInfo? Device, ImmutableList<PageView> Pages);
}

/// <summary>
/// A visitor's browsing as stored: already reduced (path only, truncated address, device families), and sealed with
/// the visitor's data key, so that erasing the visitor shreds every copy, backups included.
/// </summary>
[GenerateSerializer, Immutable, Alias("orbitalyntra.visitors.session-state")]
public sealed record VisitorSessionState(
    [property: Id(0)] DateTimeOffset FirstSeen,
    [property: Id(1)] DateTimeOffset LastSeen,
    [property: Id(2)] byte[]? Sealed)
{
    public VisitorSessionState()
        : this(default, default, null)
    {
    }
}
