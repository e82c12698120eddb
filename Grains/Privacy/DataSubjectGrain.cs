using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using Orbitalyntra.Accounts;
using Orbitalyntra.Chat;

namespace Orbitalyntra.Privacy;

public sealed partial class DataSubjectGrain(
    [PersistentState("subject")] IPersistentState<DataSubjectState> state,
    ISubjectPlaces places,
    ITenantKeyProvider tenantKeys,
    IAuditTrail audit,
    IOptions<PrivacyOptions> options,
    TimeProvider time,
    ILogger<DataSubjectGrain> logger) : Grain, IDataSubjectGrain, IRemindable
{
    private const string ErasureReminder = "erasure";

    /// <summary>What an erasure keeps on purpose, and why; told to whoever ordered it.</summary>
    private static readonly string[] LegalHolds =
    [
        "audit trail: kept, holding only opaque ids, as the record of processing and of this erasure (GDPR art. 5(2), 30)",
        "consent ledger: kept, holding only purposes and dates, as proof of the consents given (GDPR art. 7(1))",
    ];

    private readonly SemaphoreSlim writing = new(1, 1);
    private SubjectKey key;
    private byte[]? dataKey;
    private Task<byte[]?>? keyCreation;

    private string KeyContext => $"{key}/data-key";

    private string ContactContext => $"{key}/contact";

    private bool Erased => state.State.Erasure is not null;

    public override Task OnActivateAsync(CancellationToken cancellationToken)
    {
        key = SubjectKey.Parse(this.GetPrimaryKeyString());
        return Task.CompletedTask;
    }

    public async Task<byte[]?> KeyToSeal()
    {
        var sealingKey = Erased ? null : await EnsureKey();
        // This call interleaves: an erasure may have started while the key was being opened or made.
        return Erased ? null : sealingKey;
    }

    public async Task<byte[]?> KeyToRead()
    {
        if (Erased || state.State.WrappedKey is not { } wrapped)
        {
            return null;
        }

        var opened = dataKey ?? await tenantKeys.Unwrap(key.TenantId, wrapped, KeyContext);
        if (Erased)
        {
            // Erased while the key was being unwrapped (this call interleaves): it must not outlive the erasure here.
            return null;
        }

        return dataKey = opened;
    }

    public async Task<SubjectProfile?> Read(Actor by)
    {
        if (!state.RecordExists)
        {
            return null;
        }

        await Audit(by, "subject.read", null);
        return await Profile();
    }

    public async Task<SubjectExport?> Export(Actor by)
    {
        if (!state.RecordExists || Erased)
        {
            return null;
        }

        var conversations = new List<ExportedConversation>();
        foreach (var place in (await places.List(key)).Where(p => p.Kind == DataPlaceKind.Conversation))
        {
            if (await ExportConversation(GrainFactory.GetGrain<IConversationGrain>(place.Id)) is { } conversation)
            {
                conversations.Add(conversation);
            }
        }

        var sessions = new List<Visitors.VisitorSession>();
        foreach (var place in (await places.List(key)).Where(p => p.Kind == DataPlaceKind.VisitorSession))
        {
            if (await GrainFactory.GetGrain<Visitors.IVisitorSessionGrain>(place.Id).Get() is { } session)
            {
                sessions.Add(session);
            }
        }

        await Audit(by, "subject.exported", $"{conversations.Count} conversations, {sessions.Count} sessions");
        return new SubjectExport(
            SubjectExport.CurrentSchemaVersion,
            time.GetUtcNow(),
            key.TenantId,
            key.SubjectId,
            await Contact(),
            state.State.Consents,
            state.State.Restricted,
            state.State.Objected,
            conversations.OrderBy(c => c.StartedAt).ToList(),
            sessions);
    }

    /// <summary>A conversation's messages as the subject may see them: staff notes left out, except the subject's own.</summary>
    private async Task<ExportedConversation?> ExportConversation(IConversationGrain conversation)
    {
        if (await conversation.GetSummary() is not { } summary)
        {
            return null;
        }

        var messages = new List<ExportedMessage>();
        for (var after = 0L; after < summary.LastSequence;)
        {
            var page = await conversation.ReadAfter(after, ChatRules.MaxPageSize);
            if (page is null || page.Messages.Count == 0)
            {
                break;
            }

            foreach (var message in page.Messages.Where(m => !m.IsNote || m.Sender.Id == key.SubjectId))
            {
                var byYou = message.Sender.Id == key.SubjectId;
                var file = message.File is { } attachment
                    ? new ExportedFile(attachment.ContentType, attachment.Size, byYou ? await FileContentOf(conversation, message.Sequence) : null)
                    : null;
                messages.Add(new ExportedMessage(message.Sequence, message.SentAt, message.Sender.Role, byYou, message.Text, message.Erased, file));
            }

            after = page.NextAfter;
        }

        return new ExportedConversation(summary.ConversationId, summary.StartedAt, summary.Status, messages);
    }

    private static async Task<string?> FileContentOf(IConversationGrain conversation, long sequence) =>
        await conversation.ReadFile(sequence, seesNotes: true) is { } file ? Convert.ToBase64String(file.Content) : null;

    public async Task<SubjectProfile?> Rectify(ContactDetails contact, Actor by)
    {
        if (Erased)
        {
            return null;
        }

        if (await EnsureKey() is not { } sealingKey)
        {
            return null;
        }

        var oldEmail = (await Contact())?.Email;
        if (!string.Equals(oldEmail, contact.Email, StringComparison.OrdinalIgnoreCase))
        {
            if (contact.Email is { } newEmail && await EmailHash(newEmail) is { } newHash)
            {
                await places.Add(key, new DataPlace(DataPlaceKind.EmailDirectory, newHash));
                await Directory(newHash).Add(key.SubjectId);
            }

            if (oldEmail is not null && await EmailHash(oldEmail) is { } oldHash)
            {
                await Directory(oldHash).Remove(key.SubjectId);
                await places.Remove(key, new DataPlace(DataPlaceKind.EmailDirectory, oldHash));
            }
        }

        var sealedContact = contact is { Name: null, Email: null }
            ? null
            : Sealing.SealJson(sealingKey, contact, ContactContext);
        state.State = state.State with { SealedContact = sealedContact };
        await Persist();
        await Audit(by, "subject.rectified", "contact");
        return await Profile();
    }

    public async Task<SubjectProfile?> RecordConsent(ConsentPurpose purpose, bool granted, string source, Actor by)
    {
        if (Erased || !Enum.IsDefined(purpose))
        {
            return null;
        }

        var entry = new ConsentEntry(purpose, granted, time.GetUtcNow(), source, by);
        state.State = state.State with { Consents = state.State.Consents.Add(entry) };
        await Persist();
        await Audit(by, granted ? "consent.given" : "consent.withdrawn", purpose.ToString());
        return await Profile();
    }

    public async Task<SubjectProfile?> WithdrawConsents(string source, Actor by)
    {
        if (Erased)
        {
            return null;
        }

        var now = time.GetUtcNow();
        var withdrawals = Enum.GetValues<ConsentPurpose>()
            .Where(purpose => state.State.Consents.LastOrDefault(c => c.Purpose == purpose) is { Granted: true })
            .Select(purpose => new ConsentEntry(purpose, false, now, source, by))
            .ToList();
        if (withdrawals.Count > 0)
        {
            state.State = state.State with { Consents = state.State.Consents.AddRange(withdrawals) };
            await Persist();
            foreach (var withdrawal in withdrawals)
            {
                await Audit(by, "consent.withdrawn", withdrawal.Purpose.ToString());
            }
        }

        return await Profile();
    }

    public Task<SubjectProfile?> SetRestriction(bool restricted, Actor by) =>
        SetFlag(s => s with { Restricted = restricted }, by, restricted ? "restriction.set" : "restriction.lifted");

    public Task<SubjectProfile?> SetObjection(bool objected, Actor by) =>
        SetFlag(s => s with { Objected = objected }, by, objected ? "objection.set" : "objection.lifted");

    public Task<bool> MayProcess(ConsentPurpose purpose) => Task.FromResult(
        NothingStops() && state.State.Consents.LastOrDefault(c => c.Purpose == purpose) is { Granted: true });

    public Task<bool> MayProcessUnlessRefused(ConsentPurpose purpose) => Task.FromResult(
        NothingStops() && state.State.Consents.LastOrDefault(c => c.Purpose == purpose) is not { Granted: false });

    private bool NothingStops() => !Erased && !state.State.Restricted && !state.State.Objected;

    public async Task<ErasureProgress> Erase(Actor by)
    {
        if (state.State.Erasure is { } ordered)
        {
            return ordered;
        }

        // The reminder first, so that a crash anywhere after it still ends in a completed erasure. Then one write
        // destroys the key and the contact: from here on nothing sealed for this subject can be opened, whatever
        // happens to the rest of the erasure.
        await this.RegisterOrUpdateReminder(ErasureReminder, options.Value.ErasureRetryPeriod, options.Value.ErasureRetryPeriod);
        state.State = state.State with
        {
            WrappedKey = null,
            SealedContact = null,
            Erasure = new ErasureProgress(time.GetUtcNow(), by, await places.List(key), null, LegalHolds),
        };
        dataKey = null;
        await Persist();
        LogErasureOrdered(key, state.State.Erasure.Pending.Count);
        await Audit(by, "erasure.ordered", $"{state.State.Erasure.Pending.Count} places");
        await ContinueErasure();
        return state.State.Erasure!;
    }

    async Task IRemindable.ReceiveReminder(string reminderName, TickStatus status)
    {
        if (reminderName == ErasureReminder)
        {
            await ContinueErasure();
        }
    }

    /// <summary>
    /// Clears every place the subject's data is recorded in, and forgets each place once it is clear; idempotent, as
    /// clearing a place is and reminder ticks may repeat. A place recorded after the key was destroyed (a conversation
    /// that recorded itself, then was refused the key) is cleared all the same.
    /// </summary>
    private async Task ContinueErasure()
    {
        if (state.State.Erasure is not { CompletedAt: null } erasure)
        {
            await StopErasureReminder();
            return;
        }

        var remaining = new List<DataPlace>();
        var cleared = 0;
        foreach (var place in await places.List(key))
        {
            try
            {
                await Clear(place);
                await places.Remove(key, place);
                cleared++;
            }
            catch (Exception failure)
            {
                LogPlaceNotCleared(failure, key, place.Kind);
                remaining.Add(place);
            }
        }

        var completedAt = remaining.Count == 0 ? time.GetUtcNow() : (DateTimeOffset?)null;
        if (completedAt is not null)
        {
            // Reported before the completion is saved: if reporting fails, the next tick reports again.
            await Audit(Actor.System("erasure"), "erasure.completed", $"{cleared} places cleared in the last pass");
            await GrainFactory.GetGrain<IPrivacyRequestsGrain>(key.TenantId)
                .CompleteOpen(key.SubjectId, RequestKind.Erasure, "Erased: the key destroyed and every place cleared.");
        }

        state.State = state.State with { Erasure = erasure with { Pending = remaining, CompletedAt = completedAt } };
        await Persist();
        if (completedAt is not null)
        {
            LogErasureCompleted(key, cleared);
            await StopErasureReminder();
        }
    }

    private Task Clear(DataPlace place) => place.Kind switch
    {
        DataPlaceKind.Conversation => GrainFactory.GetGrain<IConversationGrain>(place.Id).EraseSubject(key.SubjectId),
        DataPlaceKind.EmailDirectory => Directory(place.Id).Remove(key.SubjectId),
        DataPlaceKind.VisitorSession => GrainFactory.GetGrain<Visitors.IVisitorSessionGrain>(place.Id).Erase(),
        DataPlaceKind.AgentAccount => GrainFactory.GetGrain<IAgentGrain>(place.Id).Erase(),
        _ => throw new InvalidOperationException($"No way to clear a place of kind {place.Kind}."),
    };

    private async Task StopErasureReminder()
    {
        if (await this.GetReminder(ErasureReminder) is { } reminder)
        {
            await this.UnregisterReminder(reminder);
        }
    }

    private async Task<SubjectProfile?> SetFlag(Func<DataSubjectState, DataSubjectState> change, Actor by, string action)
    {
        if (Erased)
        {
            return null;
        }

        state.State = change(state.State);
        await Persist();
        await Audit(by, action, null);
        return await Profile();
    }

    /// <summary>
    /// The data key, made and stored (wrapped) on first use, once even when interleaved calls ask together; never after
    /// an erasure (null then).
    /// </summary>
    private async Task<byte[]?> EnsureKey()
    {
        if (state.State.WrappedKey is not null)
        {
            return await UnwrappedKey();
        }

        try
        {
            return await (keyCreation ??= CreateKey());
        }
        finally
        {
            keyCreation = null;
        }
    }

    private async Task<byte[]?> CreateKey()
    {
        var fresh = Sealing.NewKey();
        var wrapped = await tenantKeys.Wrap(key.TenantId, fresh, KeyContext);
        if (Erased)
        {
            return null;
        }

        state.State = state.State with { WrappedKey = wrapped };
        await Persist();
        dataKey = fresh;
        return fresh;
    }

    /// <summary>
    /// Writes the state, one write at a time (some calls interleave). A failed write leaves the activation with what
    /// is stored, not with what it failed to store: a retry must not act on a key or an erasure that was never saved.
    /// </summary>
    private async Task Persist()
    {
        await writing.WaitAsync();
        try
        {
            await state.WriteStateAsync();
        }
        catch
        {
            dataKey = null;
            await state.ReadStateAsync();
            throw;
        }
        finally
        {
            writing.Release();
        }
    }

    private async Task<byte[]> UnwrappedKey() => dataKey ??= await tenantKeys.Unwrap(key.TenantId, state.State.WrappedKey!, KeyContext);

    private async Task<ContactDetails?> Contact() => state.State.SealedContact is { } sealedContact
        ? Sealing.OpenJson<ContactDetails>(await UnwrappedKey(), sealedContact, ContactContext)
        : null;

    private async Task<SubjectProfile> Profile() => new(
        key.TenantId,
        key.SubjectId,
        Erased ? null : await Contact(),
        await places.List(key),
        state.State.Consents,
        state.State.Restricted,
        state.State.Objected,
        state.State.Erasure);

    private Task<string?> EmailHash(string email) => GrainFactory.GetGrain<ITenantGrain>(key.TenantId).HashEmail(email);

    private ISubjectDirectoryGrain Directory(string emailHash) => GrainFactory.GetGrain<ISubjectDirectoryGrain>($"{key.TenantId}:{emailHash}");

    private Task Audit(Actor by, string action, string? detail) =>
        audit.Append(key.TenantId, new AuditEntry(time.GetUtcNow(), by, action, key.SubjectId, detail));

    [LoggerMessage(Level = LogLevel.Information, Message = "Subject {Subject}: erasure ordered, key destroyed, {Places} places to clear")]
    private partial void LogErasureOrdered(SubjectKey subject, int places);

    [LoggerMessage(Level = LogLevel.Information, Message = "Subject {Subject}: erasure completed, {Places} places cleared in the last pass")]
    private partial void LogErasureCompleted(SubjectKey subject, int places);

    [LoggerMessage(Level = LogLevel.Warning, Message = "Subject {Subject}: a place of kind {Kind} could not be cleared yet; the erasure reminder will retry")]
    private partial void LogPlaceNotCleared(Exception exception, SubjectKey subject, DataPlaceKind kind);
}
