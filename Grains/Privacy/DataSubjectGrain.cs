using Microsoft.Extensions.Logging;
using Orbitalyntra.Notifications;

namespace Orbitalyntra.Privacy;

/// <summary>The person's record (see <see cref="IDataSubjectGrain"/>); its mail part is in DataSubjectGrain.Mail.cs.</summary>
public sealed partial class DataSubjectGrain(
    [PersistentState("subject")] IPersistentState<DataSubjectState> state,
    ISubjectPlaces places,
    ITenantKeyProvider tenantKeys,
    IAuditTrail audit,
    TimeProvider time,
    ILogger<DataSubjectGrain> logger) : Grain, IDataSubjectGrain, IMailRecipient
{
    /// <summary>What an erasure keeps on purpose, and why; told to whoever ordered it.</summary>
    private static readonly string[] LegalHolds =
    [
        "audit trail: kept, holding only opaque ids, as the record of processing and of this erasure (GDPR art. 5(2), 30)",
        "consent ledger: kept, holding only purposes and dates, as proof of the consents given (GDPR art. 7(1))",
    ];

    private SubjectKey key;
    private byte[]? dataKey;

    private string KeyContext => $"{key}/data-key";

    private string ContactContext => $"{key}/contact";

    private bool Erased => state.State.Erasure is not null;

    public override async Task OnActivateAsync(CancellationToken cancellationToken)
    {
        key = SubjectKey.Parse(this.GetPrimaryKeyString());
        await HandOverWebhookEvents();
    }

    public async Task<byte[]?> KeyToSeal() => Erased ? null : await EnsureKey();

    public async Task<byte[]?> KeyToRead() =>
        Erased || state.State.WrappedKey is null ? null : await UnwrappedKey();

    public Task<bool> IsKnown() => Task.FromResult(state.RecordExists);

    public async Task NoteNetwork(string networkHash)
    {
        if (!Erased && state.State.NetworkHash != networkHash)
        {
            state.State = state.State with { NetworkHash = networkHash };
            await Persist();
        }
    }

    public Task<string?> LastNetwork() => Task.FromResult(Erased ? null : state.State.NetworkHash);

    public async Task<SubjectProfile?> Read(Actor by)
    {
        if (!state.RecordExists)
        {
            return null;
        }

        await Audit(by, "subject.read", null);
        return await Profile();
    }

    public async Task<SubjectExport?> ExportRecord() => !state.RecordExists || Erased
        ? null
        : new SubjectExport(
            SubjectExport.CurrentSchemaVersion,
            time.GetUtcNow(),
            key.TenantId,
            key.SubjectId,
            await Contact(),
            state.State.Consents,
            state.State.Restricted,
            state.State.Objected,
            [],
            state.State.Mail is { } mail
                ? new MailExport(mail.ConfirmedAt is not null, mail.ConfirmedAt, mail.ConfirmationRequestedAt, mail.Preferences.Language, [.. mail.Preferences.OptedOut])
                : null,
            Transparency.Of(await Policy.InForce()));

    public async Task<SubjectProfile?> Rectify(ContactDetails contact, Actor by)
    {
        if (Erased || await EnsureKey() is not { } sealingKey)
        {
            return null;
        }

        var oldEmail = (await Contact())?.Email;
        var emailChanged = !SameAddress(oldEmail, contact.Email);
        if (emailChanged)
        {
            // The new entry before the contact that names it, the old one after: a failure in between leaves a directory
            // entry too many, which the erasure clears like any place, never a contact that cannot be found.
            if (contact.Email is { } newEmail)
            {
                var directory = await GrainFactory.DirectoryOf(tenantKeys, key.TenantId, newEmail);
                await places.Add(key, directory.GetGrainId());
                await directory.Add(key.SubjectId);
            }

            if (oldEmail is not null)
            {
                var directory = await GrainFactory.DirectoryOf(tenantKeys, key.TenantId, oldEmail);
                await directory.Remove(key.SubjectId);
                await places.Remove(key, directory.GetGrainId());
            }
        }

        var sealedContact = contact is { Name: null, Email: null }
            ? null
            : Sealing.SealJson(sealingKey, contact, ContactContext);
        // A confirmation was of the address it was sent to: a new one is confirmed anew before conversations are mailed there.
        var changed = ChangedFields(await Contact(), contact);
        state.State = state.State with { SealedContact = sealedContact, Mail = emailChanged ? state.State.Mail?.Unconfirmed() : state.State.Mail };
        if (changed.Count > 0)
        {
            state.State = await WithWebhookEvent(state.State, Integrations.WebhookEvents.ContactUpdated, new { subjectId = key.SubjectId, changed, changedAt = time.GetUtcNow() });
        }

        await Persist();
        await HandOverWebhookEvents();
        await Audit(by, "subject.rectified", "contact");
        return await Profile();
    }

    public async Task<ContactUpsert> UpsertContact(ContactDetails fields, Actor by)
    {
        if (Erased)
        {
            return ContactUpsert.Erased;
        }

        if (!NothingStops())
        {
            return ContactUpsert.Restricted;
        }

        var stored = await Contact();
        var merged = new ContactDetails(fields.Name ?? stored?.Name, fields.Email ?? stored?.Email);
        return await Rectify(merged, by) is null ? ContactUpsert.Erased : ContactUpsert.Updated;
    }

    public async Task<SubjectProfile?> RecordConsent(ConsentPurpose purpose, bool granted, string source, Actor by)
    {
        if (Erased || !Enum.IsDefined(purpose))
        {
            return null;
        }

        var entry = new ConsentEntry(purpose, granted, time.GetUtcNow(), source, by, (await Policy.InForce()).Ref);
        state.State = await WithConsentEvents(state.State with { Consents = state.State.Consents.Add(entry) }, [entry]);
        await Persist();
        await HandOverWebhookEvents();
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
        var notice = (await Policy.InForce()).Ref;
        var withdrawals = Enum.GetValues<ConsentPurpose>()
            .Where(purpose => state.State.Consents.LastOrDefault(c => c.Purpose == purpose) is { Granted: true })
            .Select(purpose => new ConsentEntry(purpose, false, now, source, by, notice))
            .ToList();
        if (withdrawals.Count > 0)
        {
            state.State = await WithConsentEvents(state.State with { Consents = state.State.Consents.AddRange(withdrawals) }, withdrawals);
            await Persist();
            await HandOverWebhookEvents();
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

    public async Task<bool> MayProcess(ConsentPurpose purpose) =>
        NothingStops() && state.State.Consents.LastOrDefault(c => c.Purpose == purpose) is { Granted: true } consent && await StillCounts(consent);

    public async Task<IReadOnlyList<ConsentPurpose>> ConsentsToAskAgain()
    {
        var askAgain = new List<ConsentPurpose>();
        foreach (var purpose in Enum.GetValues<ConsentPurpose>())
        {
            if (!Erased && state.State.Consents.LastOrDefault(c => c.Purpose == purpose) is { Granted: true } consent && !await StillCounts(consent))
            {
                askAgain.Add(purpose);
            }
        }

        return askAgain;
    }

    /// <summary>A consent given before the material version of the notice now in force counts no more (docs/decisions/0039).</summary>
    private async Task<bool> StillCounts(ConsentEntry consent) =>
        (await Policy.InForce()).ConsentsCountFrom is not { } countsFrom || consent.At >= countsFrom;

    /// <summary>The privacy notice the tenant's visitors read: its own, or the platform's.</summary>
    private IPolicyGrain Policy => GrainFactory.TenantNotice(key.TenantId);

    public Task<bool> MayProcessUnlessRefused(ConsentPurpose purpose) => Task.FromResult(
        NothingStops() && state.State.Consents.LastOrDefault(c => c.Purpose == purpose) is not { Granted: false });

    private bool NothingStops() => !Erased && !state.State.Restricted && !state.State.Objected;

    public async Task<ErasureProgress> OrderErasure(Actor by)
    {
        if (state.State.Erasure is { } ordered)
        {
            return ordered;
        }

        // One write destroys the key and the contact: from here on nothing sealed for this subject can be opened,
        // whatever happens to the rest of the erasure.
        var pending = (await places.List(key)).Select(DataPlace.Of).ToList();
        state.State = state.State with
        {
            WrappedKey = null,
            SealedContact = null,
            Mail = null,
            NetworkHash = null,
            Erasure = new ErasureProgress(time.GetUtcNow(), by, pending, null, LegalHolds),
        };
        dataKey = null;
        await Persist();
        LogErasureOrdered(key, pending.Count);
        await Audit(by, "erasure.ordered", $"{pending.Count} places");
        return state.State.Erasure;
    }

    public Task<ErasureProgress?> GetErasure() => Task.FromResult(state.State.Erasure);

    public async Task RecordErasureProgress(IReadOnlyList<DataPlace> pending, DateTimeOffset? completedAt)
    {
        if (state.State.Erasure is not { } erasure)
        {
            throw new InvalidOperationException($"No erasure of subject {key} was ordered.");
        }

        state.State = state.State with { Erasure = erasure with { Pending = pending, CompletedAt = completedAt } };
        await Persist();
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

    /// <summary>The data key, made and stored (wrapped) on first use.</summary>
    private async Task<byte[]> EnsureKey()
    {
        if (state.State.WrappedKey is not null)
        {
            return await UnwrappedKey();
        }

        var fresh = Sealing.NewKey();
        state.State = state.State with { WrappedKey = await tenantKeys.Wrap(key.TenantId, fresh, KeyContext) };
        await Persist();
        return dataKey = fresh;
    }

    /// <summary>
    /// Writes the state. A failed write leaves the activation with what is stored, not with what it failed to store: a
    /// retry must not act on a key or an erasure that was never saved.
    /// </summary>
    private async Task Persist()
    {
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
    }

    private async Task<byte[]> UnwrappedKey() => dataKey ??= await tenantKeys.Unwrap(key.TenantId, state.State.WrappedKey!, KeyContext);

    private async Task<ContactDetails?> Contact() => state.State.SealedContact is { } sealedContact
        ? Sealing.OpenJson<ContactDetails>(await UnwrappedKey(), sealedContact, ContactContext)
        : null;

    private async Task<SubjectProfile> Profile() => new(
        key.TenantId,
        key.SubjectId,
        Erased ? null : await Contact(),
        [.. (await places.List(key)).Select(DataPlace.Of)],
        state.State.Consents,
        state.State.Restricted,
        state.State.Objected,
        state.State.Erasure,
        Transparency.Of(await Policy.InForce()));

    private Task Audit(Actor by, string action, string? detail) =>
        audit.Append(key.TenantId, new AuditEntry(time.GetUtcNow(), by, action, key.SubjectId, detail));

    [LoggerMessage(Level = LogLevel.Information, Message = "Subject {Subject}: erasure ordered, key destroyed, {Places} places to clear")]
    private partial void LogErasureOrdered(SubjectKey subject, int places);
}
