using System.Collections.Immutable;
using Orbitalyntra.Accounts;
using Orbitalyntra.Privacy;

namespace Orbitalyntra.Visitors;

public sealed class VisitorSessionGrain(
    [PersistentState("session")] IPersistentState<VisitorSessionState> state,
    ISubjectPlaces places,
    TimeProvider time) : Grain, IVisitorSessionGrain
{
    private const string NotAllowed = "Not kept: the visitor has not given analytics consent, or restricted or objected to processing, or was erased.";

    /// <summary>How long a session trusts the tenant's consent mode it read: a changed mode applies within this.</summary>
    private static readonly TimeSpan ConsentModeFreshness = TimeSpan.FromSeconds(30);

    private bool placeRecorded;
    private (TrackingConsent Mode, DateTimeOffset ReadAt)? consentMode;

    private SubjectKey Key => SubjectKey.Parse(this.GetPrimaryKeyString());

    private IDataSubjectGrain Subject => GrainFactory.GetGrain<IDataSubjectGrain>(Key.ToString());

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
            await places.Add(Key, new DataPlace(DataPlaceKind.VisitorSession, Key.ToString()));
            placeRecorded = true;
        }

        var now = time.GetUtcNow();
        var pages = state.State.Pages.Add(TrackingRules.Reduce(report, now));
        state.State = new VisitorSessionState(
            state.RecordExists ? state.State.FirstSeen : now,
            now,
            TrackingRules.ReduceDevice(userAgent, ipAddress),
            pages.Count > TrackingRules.MaxPageViews ? pages.RemoveRange(0, pages.Count - TrackingRules.MaxPageViews) : pages);
        await state.WriteStateAsync();

        // Consent withdrawn or the subject erased while this view was being kept: it must not stay.
        if (!await Allowed())
        {
            await Erase();
            return new TrackingOutcome(false, NotAllowed);
        }

        return new TrackingOutcome(true);
    }

    /// <summary>What the tenant's consent mode and the visitor's choices allow now.</summary>
    private async Task<bool> Allowed()
    {
        var now = time.GetUtcNow();
        if (consentMode is not { } known || now - known.ReadAt > ConsentModeFreshness)
        {
            var settings = await GrainFactory.GetGrain<ITenantGrain>(Key.TenantId).GetSettings();
            consentMode = known = (settings?.TrackingConsent ?? TrackingConsent.Required, now);
        }

        return known.Mode == TrackingConsent.NotRequired
            ? await Subject.MayProcessUnlessRefused(ConsentPurpose.Analytics)
            : await Subject.MayProcess(ConsentPurpose.Analytics);
    }

    public Task<VisitorSession?> Get() => Task.FromResult(state.RecordExists
        ? new VisitorSession(state.State.FirstSeen, state.State.LastSeen, state.State.Device!, state.State.Pages)
        : null);

    public async Task Erase()
    {
        if (state.RecordExists)
        {
            await state.ClearStateAsync();
        }
    }
}

/// <summary>A visitor's browsing as stored: already reduced (path only, truncated address, device families).</summary>
[GenerateSerializer, Immutable, Alias("orbitalyntra.visitors.session-state")]
public sealed record VisitorSessionState(
    [property: Id(0)] DateTimeOffset FirstSeen,
    [property: Id(1)] DateTimeOffset LastSeen,
    [property: Id(2)] DeviceInfo? Device,
    [property: Id(3)] ImmutableList<PageView> Pages)
{
    public VisitorSessionState()
        : this(default, default, null, [])
    {
    }
}
