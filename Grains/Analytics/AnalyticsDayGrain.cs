using System.Globalization;
using System.Security.Cryptography;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using Orbitalyntra.Retention;
using Orleans.Storage;

namespace Orbitalyntra.Analytics;

/// <summary>
/// A tenant's anonymous counters for one UTC day.
/// <para>
/// Unique visitors: each identifier (a visitor id, or in cookieless mode the address and user agent) is hashed with a
/// random salt made for this tenant and day, and only the hash's effect on a HyperLogLog register is kept. The salt is
/// stored only while the day is current, so that a reactivation later that day still recognises a returning visitor;
/// once the day is over it is deleted (at the next flush, activation, or the <c>forget-salt</c> reminder, whichever
/// comes first). Without it, nobody — not even with a suspect's identifier in hand — can tell whether that identifier
/// touched the sketch: the stored day cannot be linked to anyone, and days cannot be linked to each other either
/// (so a period's distinct visitors are not known, only the sum of its days).
/// </para>
/// <para>
/// Writes: counts accumulate in memory and are persisted every <see cref="AnalyticsOptions.FlushPeriod"/> (10 s by
/// default) and on deactivation, not once per page view. A silo crash therefore loses at most one flush period of
/// counts (and the salt, if it was made in that period: returning visitors then count twice that day).
/// </para>
/// </summary>
[GrainType("analyticsday")]
public sealed partial class AnalyticsDayGrain(
    [PersistentState("analytics-day")] IPersistentState<AnalyticsDayState> state,
    IOptions<AnalyticsOptions> options,
    IRetentionIndex retention,
    TimeProvider time,
    ILogger<AnalyticsDayGrain> logger) : Grain, IAnalyticsDayGrain, IRetentionHolder, IRemindable
{
    /// <summary>What a purge report counts of analytics days.</summary>
    public const string DaysCounter = "analyticsDays";

    private const string ForgetSaltReminder = "forget-salt";

    private AnalyticsDayKey key;
    private AnalyticsDayCounts counts = AnalyticsDayCounts.Empty;
    private HyperLogLog visitors = new();
    private byte[]? salt;
    private bool dirty;
    private IGrainTimer? flushTimer;
    private bool indexed;

    private bool DayIsOver => DateOnly.FromDateTime(time.GetUtcNow().UtcDateTime) > key.Day;

    public override async Task OnActivateAsync(CancellationToken cancellationToken)
    {
        key = AnalyticsDayKey.Parse(this.GetPrimaryKeyString());
        counts = state.State.Counts;
        visitors = HyperLogLog.FromRegisters(state.State.Sketch);
        salt = state.State.DailySalt;
        if (salt is not null && DayIsOver)
        {
            await Save();
        }
    }

    public override async Task OnDeactivateAsync(DeactivationReason reason, CancellationToken cancellationToken)
    {
        try
        {
            await Save();
        }
        catch (Exception problem)
        {
            LogNotSaved(problem, key);
        }
    }

    Task IAnalyticsDayGrain.CountPageView(PageHit hit, string visitorId) => Count(hit, $"visitor\n{visitorId}");

    Task IAnalyticsDayGrain.CountAnonymousPageView(PageHit hit, string? ipAddress, string? userAgent) =>
        Count(hit, $"anonymous\n{ipAddress}\n{userAgent}");

    private async Task Count(PageHit hit, string identifier)
    {
        counts = counts.With(hit);
        if (await Salt() is { } today)
        {
            visitors.Add(HyperLogLog.Hash(today, $"{key.TenantId}\n{identifier}"));
        }

        Touched();
    }

    Task IAnalyticsDayGrain.CountConversationStarted() => Touched(counts with { ConversationsStarted = counts.ConversationsStarted + 1 });

    Task IAnalyticsDayGrain.CountFirstResponse(TimeSpan after) => Touched(counts with { FirstResponse = counts.FirstResponse.Add(after) });

    Task IAnalyticsDayGrain.CountResolution(TimeSpan after) => Touched(counts with { Resolution = counts.Resolution.Add(after) });

    Task<AnalyticsDayCounts> IAnalyticsDayGrain.GetCounts() => Task.FromResult(counts with { UniqueVisitors = visitors.Estimate() });

    /// <summary>Deletes the day's counters, stored and in memory, once the day is past the analytics lifetime.</summary>
    async Task<PurgeOutcome> IRetentionHolder.Purge(RetentionPolicy policy, DateTimeOffset now)
    {
        if (key.Day >= DateOnly.FromDateTime((now - policy.LifetimeOf(RetentionKind.Analytics)).UtcDateTime))
        {
            return PurgeOutcome.Kept;
        }

        var existed = state.RecordExists;
        counts = AnalyticsDayCounts.Empty;
        visitors = new HyperLogLog();
        salt = null;
        dirty = false;
        flushTimer?.Dispose();
        flushTimer = null;
        if (state.RecordExists)
        {
            await state.ClearStateAsync();
        }

        if (await this.GetReminder(ForgetSaltReminder) is { } reminder)
        {
            await this.UnregisterReminder(reminder);
        }

        return existed ? PurgeOutcome.Deleted(new PurgeCount(DaysCounter, 1)) : PurgeOutcome.Gone;
    }

    /// <summary>Deletes the salt once the day is over; idempotent, as reminder ticks may repeat.</summary>
    async Task IRemindable.ReceiveReminder(string reminderName, TickStatus status)
    {
        if (reminderName != ForgetSaltReminder || !DayIsOver)
        {
            return;
        }

        await Save();
        if (await this.GetReminder(ForgetSaltReminder) is { } reminder)
        {
            await this.UnregisterReminder(reminder);
        }
    }

    /// <summary>
    /// The day's salt, made on first use with a reminder that deletes it after the day; null once the day is over, when
    /// a late page view is counted but adds nothing to the sketch (the salt that could have recognised it is gone).
    /// </summary>
    private async Task<byte[]?> Salt()
    {
        if (DayIsOver)
        {
            return null;
        }

        if (salt is null)
        {
            var dayEnds = new DateTimeOffset(key.Day.AddDays(1).ToDateTime(TimeOnly.MinValue), TimeSpan.Zero);
            await this.RegisterOrUpdateReminder(ForgetSaltReminder, dayEnds - time.GetUtcNow() + TimeSpan.FromMinutes(1), TimeSpan.FromHours(1));
            salt = RandomNumberGenerator.GetBytes(32);
        }

        return salt;
    }

    private Task Touched(AnalyticsDayCounts changed)
    {
        counts = changed;
        Touched();
        return Task.CompletedTask;
    }

    /// <summary>Marks the counts as changed; the flush timer starts with the first change of an activation.</summary>
    private void Touched()
    {
        dirty = true;
        var period = options.Value.FlushPeriod;
        flushTimer ??= this.RegisterGrainTimer(Flush, new GrainTimerCreationOptions(period, period) { Interleave = false, KeepAlive = false });
    }

    private async Task Flush(CancellationToken cancellationToken)
    {
        try
        {
            await Save();
        }
        catch (Exception problem)
        {
            // Kept dirty: the next tick retries. A conflicting write means another activation wrote: this one's view is stale.
            LogNotSaved(problem, key);
            if (problem is InconsistentStateException)
            {
                this.DeactivateOnIdle();
            }
        }
    }

    /// <summary>Persists what changed, and drops the salt for good once the day is over.</summary>
    private async Task Save()
    {
        if (salt is not null && DayIsOver)
        {
            salt = null;
            dirty = true;
        }

        if (!dirty)
        {
            return;
        }

        // In the retention index before the first write of an activation, so that no stored day escapes its purge.
        if (!indexed)
        {
            await retention.Touch(key.TenantId, key.Day, this.GetGrainId(), [RetentionKind.Analytics]);
            indexed = true;
        }

        state.State = new AnalyticsDayState(counts with { UniqueVisitors = visitors.Estimate() }, visitors.IsEmpty ? null : visitors.ToRegisters(), salt);
        await state.WriteStateAsync();
        dirty = false;
    }

    [LoggerMessage(Level = LogLevel.Warning, Message = "Analytics day {Day}: counts not saved yet")]
    private partial void LogNotSaved(Exception problem, AnalyticsDayKey day);
}
