using System.Collections.Immutable;
using System.Globalization;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using Orbitalyntra.Notifications;
using Orbitalyntra.Privacy;

namespace Orbitalyntra.Retention;

/// <summary>
/// Runs a tenant's purges on one reminder. A purge walks the retention index kind by kind through the day buckets
/// older than the kind's cutoff, asks each holder to purge itself (<see cref="IRetentionHolder"/>: the holder checks its
/// own last activity), marks the entry with the run and the outcome, then asks the tenant-wide holders
/// (<see cref="TenantRetentionHolder"/>), and removes the entries only after the report is saved: a purge interrupted
/// anywhere resumes under the same run id, and counts every item exactly once. It knows holders only by grain id.
/// </summary>
public sealed partial class RetentionGrain(
    [PersistentState("retention")] IPersistentState<RetentionState> state,
    IRetentionIndex index,
    IAuditTrail audit,
    ISubjectPlaces places,
    IEnumerable<TenantRetentionHolder> tenantHolders,
    IEnumerable<PurgeCounter> counters,
    IOptions<RetentionOptions> options,
    TimeProvider time,
    ILogger<RetentionGrain> logger) : Grain, IRetentionGrain, IRemindable
{
    private const string PurgeReminder = "purge";

    /// <summary>
    /// How many items are purged at once: a backlog (a shortened policy, a long outage) goes that many times faster,
    /// while the storage calls in flight stay bounded. Their continuations run one at a time on the grain, so the tally
    /// needs no lock.
    /// </summary>
    private const int ItemsAtOnce = 16;

    /// <summary>The kinds found through the index, in the order a purge takes them.</summary>
    private static readonly RetentionKind[] IndexedKinds = Enum.GetValues<RetentionKind>();

    private string TenantId => this.GetPrimaryKeyString();

    async Task IRetentionGrain.Schedule()
    {
        if (await this.GetReminder(PurgeReminder) is null)
        {
            await this.RegisterOrUpdateReminder(PurgeReminder, options.Value.PurgePeriod, options.Value.PurgePeriod);
        }
    }

    Task IRetentionGrain.PolicyChanged() =>
        this.RegisterOrUpdateReminder(PurgeReminder, options.Value.AfterPolicyChange, options.Value.PurgePeriod);

    Task<IReadOnlyList<PurgeReport>> IRetentionGrain.Reports() => Task.FromResult<IReadOnlyList<PurgeReport>>(state.State.Reports);

    async Task<PurgePreview> IRetentionGrain.Preview(int days)
    {
        var policy = await Policy() ?? RetentionPolicy.Default;
        var now = time.GetUtcNow();
        var until = DateOnly.FromDateTime(now.UtcDateTime).AddDays(days);
        var upcoming = new List<DueItems>();
        foreach (var kind in IndexedKinds)
        {
            var lifetime = (int)policy.LifetimeOf(kind).TotalDays;

            // An item is due once its last active day is past its lifetime, whatever its older entries say: the preview
            // reads the kind's whole index (an administrator's occasional question), the purge only the due buckets.
            var lastActive = new Dictionary<GrainId, DateOnly>();
            await foreach (var entry in index.Before(TenantId, kind, DateOnly.MaxValue))
            {
                lastActive[entry.Holder] = lastActive.TryGetValue(entry.Holder, out var later) && later > entry.Day ? later : entry.Day;
            }

            upcoming.AddRange(lastActive.Values
                .Select(day => day.AddDays(lifetime + 1))
                .Where(due => due <= until)
                .GroupBy(due => due)
                .Select(due => new DueItems(kind, due.Key, due.Count())));
        }

        var next = state.State.LastRunAt + options.Value.PurgePeriod;
        return new PurgePreview(policy, now, [.. upcoming.OrderBy(u => u.Due).ThenBy(u => u.Kind)], next);
    }

    async Task IRemindable.ReceiveReminder(string reminderName, TickStatus status)
    {
        if (reminderName != PurgeReminder)
        {
            return;
        }

        if (await Policy() is not { } policy)
        {
            // The tenant is gone (or never existed): nothing of it is left to purge on this reminder.
            if (await this.GetReminder(PurgeReminder) is { } reminder)
            {
                await this.UnregisterReminder(reminder);
            }

            return;
        }

        await Purge(policy);
    }

    private Task<RetentionPolicy?> Policy() => GrainFactory.GetGrain<IRetentionPolicySource>(TenantId).GetRetentionPolicy();

    private async Task Purge(RetentionPolicy policy)
    {
        var now = time.GetUtcNow();
        if (state.State.Running is not { } run)
        {
            run = new RunningPurge(Guid.NewGuid(), now);
            await Save(state.State with { Running = run });
        }

        var tally = new PurgeTally(counters);
        var done = new List<RetentionEntry>();
        var isHeld = await HeldHolders();
        foreach (var kind in IndexedKinds)
        {
            var cutoff = now - policy.LifetimeOf(kind);
            var batch = new List<RetentionEntry>(ItemsAtOnce);
            await foreach (var entry in index.Before(TenantId, kind, DateOnly.FromDateTime(cutoff.UtcDateTime)))
            {
                batch.Add(entry);
                if (batch.Count == ItemsAtOnce)
                {
                    await Task.WhenAll(batch.Select(e => PurgeEntry(e, run.RunId, policy, now, tally, done, isHeld)));
                    batch.Clear();
                }
            }

            await Task.WhenAll(batch.Select(e => PurgeEntry(e, run.RunId, policy, now, tally, done, isHeld)));
        }

        foreach (var holder in tenantHolders.Select(h => GrainId.Create(h.GrainType, TenantId)))
        {
            if (isHeld(holder))
            {
                tally.Held(holder);
                continue;
            }

            await PurgeTenantHolder(holder, policy, now, tally);
        }

        // An hourly purge that found nothing leaves no report: the list keeps the purges that did something.
        var report = tally.Report(run, time.GetUtcNow());
        if (report.Removed.Any(c => c.Count > 0) || report.Held != (state.State.Reports.FirstOrDefault()?.Held ?? 0))
        {
            // Something went, or what legal holds keep changed (a hold keeps the same things run after run: not mailed
            // hourly). Queued before the run is saved as ended: a crash in between resumes the run, which queues the same
            // id again.
            await GrainFactory.GetGrain<INotificationOutboxGrain>(TenantId).Enqueue(ReportMail(report));
        }

        var reports = tally.Empty ? state.State.Reports : state.State.Reports.Insert(0, report).Take(options.Value.ReportsKept).ToImmutableList();
        await Save(state.State with { Running = null, Reports = reports, LastRunAt = run.StartedAt });
        foreach (var entry in done)
        {
            await index.Remove(entry);
        }

        if (!tally.Empty)
        {
            await audit.Append(TenantId, new AuditEntry(report.CompletedAt, Actor.System("retention"), "retention.purged", null, tally.Summary()));
            LogPurged(TenantId, run.RunId, tally.Summary(), report.Failed);
        }
    }

    /// <summary>
    /// The administrators' report of a purge (optional, <see cref="MailTopic.RetentionReports"/>): counts only, one id per run.
    /// </summary>
    private Notification ReportMail(PurgeReport report) => Notification.ToGroup(
        Notification.IdOf(TenantId, report.RunId.ToString("N"), "retention-report"),
        NotificationKind.RetentionReport,
        Audience.TenantAdmins,
        [
            (NotificationValues.At, report.CompletedAt.ToString("O", CultureInfo.InvariantCulture)),
            (NotificationValues.Held, report.Held.ToString(CultureInfo.InvariantCulture)),
            .. report.Removed.Where(c => c.Count > 0).Select(c => (NotificationValues.RemovedPrefix + c.Counter, c.Count.ToString(CultureInfo.InvariantCulture))),
        ]);

    /// <summary>
    /// What the tenant's legal holds keep, read once per purge: everything under a tenant hold; else each held conversation
    /// and every place of each held subject (docs/decisions/0036).
    /// </summary>
    private async Task<Func<GrainId, bool>> HeldHolders()
    {
        var holds = await GrainFactory.GetGrain<ILegalHoldsGrain>(TenantId).List();
        if (holds.Any(h => h.Scope == HoldScope.Tenant))
        {
            return _ => true;
        }

        var held = holds.Where(h => h.Holder is not null).Select(h => h.Holder!.Holder).ToHashSet();
        foreach (var subject in holds.Where(h => h is { Scope: HoldScope.Subject, TargetId: not null }))
        {
            held.UnionWith(await places.List(new SubjectKey(TenantId, subject.TargetId!)));
        }

        return held.Contains;
    }

    private async Task PurgeEntry(
        RetentionEntry entry, Guid runId, RetentionPolicy policy, DateTimeOffset now, PurgeTally tally, List<RetentionEntry> done, Func<GrainId, bool> isHeld)
    {
        if (entry.PurgedIn is null && isHeld(entry.Holder))
        {
            // Left in the index untouched: the first purge after the lift finds it due.
            tally.Held(entry.Holder);
            return;
        }

        try
        {
            if (entry.PurgedIn is { } earlierRun && state.State.Reports.Any(r => r.RunId == earlierRun))
            {
                // Purged and reported by an earlier run that stopped before removing its entries.
                await index.Remove(entry);
                return;
            }

            if (entry is not { PurgedIn: not null, Outcome: { } outcome })
            {
                outcome = await GrainFactory.GetGrain<IRetentionHolder>(entry.Holder).Purge(policy, now);
                if (outcome.Result is PurgeResult.Kept or PurgeResult.Gone)
                {
                    // Active since (a newer entry stands for it) or already purged: nothing to count.
                    await index.Remove(entry);
                    return;
                }

                await index.Mark(entry, runId, outcome);
            }

            tally.Add(outcome);
            done.Add(entry);
            RetentionMetrics.Purged.Add(1, new KeyValuePair<string, object?>("kind", entry.Kind.ToString()));
        }
        catch (Exception failure)
        {
            // The entry stays as it was: the next purge retries the holder, and one failing holder never stops the others.
            tally.Failed++;
            RetentionMetrics.Failed.Add(1);
            LogHolderFailed(failure, TenantId, entry.Holder.Type.ToString()!);
        }
    }

    /// <summary>
    /// A tenant-wide holder purges what is past the policy's lifetimes; it is asked on every run, so a failure is retried
    /// by the next one. A run interrupted after it may ask again: what was purged is gone and not counted twice.
    /// </summary>
    private async Task PurgeTenantHolder(GrainId holder, RetentionPolicy policy, DateTimeOffset now, PurgeTally tally)
    {
        try
        {
            tally.Add(await GrainFactory.GetGrain<IRetentionHolder>(holder).Purge(policy, now));
        }
        catch (Exception failure)
        {
            tally.Failed++;
            RetentionMetrics.Failed.Add(1);
            LogHolderFailed(failure, TenantId, holder.Type.ToString()!);
        }
    }

    private async Task Save(RetentionState next)
    {
        state.State = next;
        await state.WriteStateAsync();
    }

    [LoggerMessage(Level = LogLevel.Information, Message = "Retention of tenant {TenantId}: purge {RunId} removed {Summary}; {Failed} items left for the next purge")]
    private partial void LogPurged(string tenantId, Guid runId, string summary, int failed);

    [LoggerMessage(Level = LogLevel.Warning, Message = "Retention of tenant {TenantId}: a holder of type {Holder} could not be purged; the next purge retries it")]
    private partial void LogHolderFailed(Exception exception, string tenantId, string holder);
}

/// <summary>A tenant's retention: the purge under way, if one was interrupted, the latest reports and the last start.</summary>
[GenerateSerializer, Immutable, Alias("orbitalyntra.retention.state")]
public sealed record RetentionState(
    [property: Id(0)] RunningPurge? Running,
    [property: Id(1)] ImmutableList<PurgeReport> Reports,
    [property: Id(2)] DateTimeOffset? LastRunAt = null)
{
    public RetentionState()
        : this(null, [])
    {
    }
}

/// <summary>A purge started and not yet reported.</summary>
[GenerateSerializer, Immutable, Alias("orbitalyntra.retention.running-purge")]
public sealed record RunningPurge([property: Id(0)] Guid RunId, [property: Id(1)] DateTimeOffset StartedAt);
