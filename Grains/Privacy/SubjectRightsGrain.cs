using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using Orbitalyntra.Retention;

namespace Orbitalyntra.Privacy;

/// <summary>
/// One subject's requests carried out across every holder of their data. Stateless but for its reminder: the erasure's
/// progress lives in the subject's record, the requests in the tenant's queue. The reminder keeps an erasure going
/// after a crash until every place reports done.
/// </summary>
public sealed partial class SubjectRightsGrain(
    ISubjectPlaces places,
    IAuditTrail audit,
    IEnumerable<ExportSection> sections,
    IOptions<PrivacyOptions> options,
    TimeProvider time,
    ILogger<SubjectRightsGrain> logger) : Grain, ISubjectRightsGrain, IRemindable
{
    private const string ErasureReminder = "erasure";
    private const string Erased = "Erased: the key destroyed and every place cleared.";
    private const string ErasedBefore = "The subject was erased already.";
    private const string ExportDelivered = "Export delivered.";

    private SubjectKey key;

    private IDataSubjectGrain Subject => GrainFactory.DataSubject(key);

    private IPrivacyRequestsGrain Requests => GrainFactory.GetGrain<IPrivacyRequestsGrain>(key.TenantId);

    public override Task OnActivateAsync(CancellationToken cancellationToken)
    {
        key = SubjectKey.Parse(this.GetPrimaryKeyString());
        return Task.CompletedTask;
    }

    async Task<FiledRequest> ISubjectRightsGrain.File(RequestKind kind, Actor by)
    {
        var request = await Requests.Receive(key.SubjectId, kind, by);
        if (kind == RequestKind.Erasure && await Subject.GetErasure() is null
            && await GrainFactory.GetGrain<ILegalHoldsGrain>(key.TenantId).HoldingSubject(key.SubjectId) is { } hold)
        {
            // Recorded, not carried out: the hold's lift files it again (LegalHoldsGrain), and the requester reads why meanwhile.
            return new FiledRequest(await Requests.Hold(request.RequestId, HeldStatement(hold), by) ?? request, null);
        }

        var erasure = kind == RequestKind.Erasure ? await Erase(by) : null;
        var resolution = kind switch
        {
            RequestKind.Erasure => erasure!.CompletedAt is null ? null : Erased,
            RequestKind.Restriction => await Subject.SetRestriction(true, by) is null ? ErasedBefore : "Processing restricted.",
            RequestKind.Objection => await Subject.SetObjection(true, by) is null ? ErasedBefore : "Objection recorded; processing stopped.",
            RequestKind.ConsentWithdrawal => await Subject.WithdrawConsents("data-subject request", by) is null ? ErasedBefore : "Every consent withdrawn.",
            _ => null,
        };
        if (resolution is not null)
        {
            request = await Requests.Close(request.RequestId, RequestStatus.Completed, resolution, by) ?? request;
        }

        return new FiledRequest(request, erasure);
    }

    async Task<SubjectExport?> ISubjectRightsGrain.Export(Actor by)
    {
        if (await Subject.ExportRecord() is not { } export)
        {
            return null;
        }

        var items = new List<ExportItem>();
        foreach (var place in await places.List(key))
        {
            items.AddRange(await GrainFactory.GetGrain<IPersonalDataHolder>(place).ExportSubject(key));
        }

        export = export with
        {
            Sections = [.. sections.Select(section => new ExportSectionItems(
                section.Name, [.. items.Where(i => i.Section == section.Name).OrderBy(i => i.At).Select(i => i.Json)]))],
        };
        await audit.Append(key.TenantId, new AuditEntry(
            time.GetUtcNow(), by, "subject.exported", key.SubjectId, string.Join(" ", export.Sections.Select(s => $"{s.Name}={s.Items.Count}"))));
        await Requests.CompleteOpen(key.SubjectId, RequestKind.Access, ExportDelivered);
        await Requests.CompleteOpen(key.SubjectId, RequestKind.Portability, ExportDelivered);
        return export;
    }

    /// <summary>What the requester is told of a hold: the legal ground, the date and the operator's reason.</summary>
    private static string HeldStatement(LegalHold hold) => FormattableString.Invariant(
        $"Kept under a legal hold since {hold.PlacedAt:yyyy-MM-dd} (GDPR art. 17(3)(e), legal claims): {hold.Reason}. The erasure is carried out when the hold is lifted.");

    /// <summary>Orders the erasure (the reminder first, so that a crash anywhere after it still ends in a completed erasure), then clears what it can.</summary>
    private async Task<ErasureProgress> Erase(Actor by)
    {
        if (await Subject.GetErasure() is { CompletedAt: not null } done)
        {
            return done;
        }

        await this.RegisterOrUpdateReminder(ErasureReminder, options.Value.ErasureRetryPeriod, options.Value.ErasureRetryPeriod);
        return await ContinueErasure(await Subject.OrderErasure(by));
    }

    async Task IRemindable.ReceiveReminder(string reminderName, TickStatus status)
    {
        if (reminderName == ErasureReminder)
        {
            // A crash may have come between the reminder and the order: the request was filed, so the erasure goes on.
            await ContinueErasure(await Subject.OrderErasure(Actor.System("erasure")));
        }
    }

    /// <summary>
    /// Clears every place the subject's data is recorded in, and forgets each place once it is clear; idempotent, as
    /// clearing a place is and reminder ticks may repeat. A place recorded after the key was destroyed (a conversation
    /// that recorded itself, then was refused the key) is cleared all the same.
    /// </summary>
    private async Task<ErasureProgress> ContinueErasure(ErasureProgress erasure)
    {
        if (erasure.CompletedAt is not null)
        {
            await StopErasureReminder();
            return erasure;
        }

        var remaining = new List<DataPlace>();
        var cleared = 0;
        foreach (var place in await places.List(key))
        {
            try
            {
                await GrainFactory.GetGrain<IPersonalDataHolder>(place).EraseSubject(key);
                await places.Remove(key, place);
                cleared++;
            }
            catch (Exception failure)
            {
                LogPlaceNotCleared(failure, key, place.Type.ToString()!);
                remaining.Add(DataPlace.Of(place));
            }
        }

        var completedAt = remaining.Count == 0 ? time.GetUtcNow() : (DateTimeOffset?)null;
        if (completedAt is not null)
        {
            // Reported before the completion is saved: if reporting fails, the next tick reports again.
            await audit.Append(key.TenantId, new AuditEntry(completedAt.Value, Actor.System("erasure"), "erasure.completed", key.SubjectId, $"{cleared} places cleared in the last pass"));
            await Requests.CompleteOpen(key.SubjectId, RequestKind.Erasure, Erased);
        }

        await Subject.RecordErasureProgress(remaining, completedAt);
        if (completedAt is not null)
        {
            LogErasureCompleted(key, cleared);
            await StopErasureReminder();
        }

        return erasure with { Pending = remaining, CompletedAt = completedAt };
    }

    private async Task StopErasureReminder()
    {
        if (await this.GetReminder(ErasureReminder) is { } reminder)
        {
            await this.UnregisterReminder(reminder);
        }
    }

    [LoggerMessage(Level = LogLevel.Information, Message = "Subject {Subject}: erasure completed, {Places} places cleared in the last pass")]
    private partial void LogErasureCompleted(SubjectKey subject, int places);

    [LoggerMessage(Level = LogLevel.Warning, Message = "Subject {Subject}: a place of type {Holder} could not be cleared yet; the erasure reminder will retry")]
    private partial void LogPlaceNotCleared(Exception exception, SubjectKey subject, string holder);
}
