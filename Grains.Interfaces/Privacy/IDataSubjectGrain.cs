namespace Orbitalyntra.Privacy;

/// <summary>
/// One person whose data a tenant holds (a visitor or an agent), keyed by <see cref="SubjectKey"/>: the hub of
/// every GDPR right. It holds the subject's data key (wrapped by the tenant key), the contact fields, the consent
/// ledger and the restriction and objection flags, and knows the places where the subject's data lives (each place
/// records itself before it gets the key). Erasing destroys the key first, so every copy becomes unreadable at once,
/// then clears each place; a reminder resumes the clearing after a crash until every place reports done.
/// </summary>
[Alias("orbitalyntra.privacy.IDataSubjectGrain")]
public interface IDataSubjectGrain : IGrainWithStringKey
{
    /// <summary>
    /// The subject's data key, to seal new content, made on first use; the caller records its place first, so that
    /// erasure finds it. Null once the subject is erased: a destroyed key is never made again. Interleaves, like
    /// <see cref="KeyToRead"/>: a conversation may need it while this subject's erasure or export waits on that conversation.
    /// </summary>
    [Alias("KeyToSeal"), Orleans.Concurrency.AlwaysInterleave]
    Task<byte[]?> KeyToSeal();

    /// <summary>
    /// The subject's data key to open sealed content; null when the subject has none or was erased. Interleaves: a
    /// conversation that the erasure is clearing may need to read other messages while the erasure waits for it.
    /// </summary>
    [Alias("KeyToRead"), Orleans.Concurrency.AlwaysInterleave]
    Task<byte[]?> KeyToRead();

    /// <summary>Everything held about the subject, recorded in the audit trail as read by <paramref name="by"/>; null when nothing is.</summary>
    [Alias("Read")]
    Task<SubjectProfile?> Read(Actor by);

    /// <summary>
    /// Everything held about the subject as a machine-readable export (art. 15, 20), recorded in the audit trail as
    /// exported by <paramref name="by"/>; null when nothing is held or the subject was erased.
    /// </summary>
    [Alias("Export")]
    Task<SubjectExport?> Export(Actor by);

    /// <summary>Replaces the contact fields (art. 16) wherever they are kept; null when the subject is erased.</summary>
    [Alias("Rectify")]
    Task<SubjectProfile?> Rectify(ContactDetails contact, Actor by);

    /// <summary>Adds a consent given or withdrawn to the ledger, effective at once; null when the subject is erased.</summary>
    [Alias("RecordConsent")]
    Task<SubjectProfile?> RecordConsent(ConsentPurpose purpose, bool granted, string source, Actor by);

    /// <summary>Withdraws every consent in force, in one call (art. 7(3)); null when the subject is erased.</summary>
    [Alias("WithdrawConsents")]
    Task<SubjectProfile?> WithdrawConsents(string source, Actor by);

    /// <summary>Restricts processing (art. 18) or lifts the restriction; null when the subject is erased.</summary>
    [Alias("SetRestriction")]
    Task<SubjectProfile?> SetRestriction(bool restricted, Actor by);

    /// <summary>Records an objection to processing (art. 21) or its withdrawal; null when the subject is erased.</summary>
    [Alias("SetObjection")]
    Task<SubjectProfile?> SetObjection(bool objected, Actor by);

    /// <summary>
    /// Whether processing for <paramref name="purpose"/> may touch this subject now: consent given and not withdrawn,
    /// no restriction, no objection (which covers analytics), not erased. Every such processing step asks first.
    /// Interleaves: it only reads, and tracking asks it while an erasure or export may be waiting on the same session.
    /// </summary>
    [Alias("MayProcess"), Orleans.Concurrency.AlwaysInterleave]
    Task<bool> MayProcess(ConsentPurpose purpose);

    /// <summary>
    /// Whether processing for <paramref name="purpose"/> that does not need consent may touch this subject now: not
    /// refused (no withdrawn consent for it), no restriction, no objection, not erased. Interleaves, as <see cref="MayProcess"/>.
    /// </summary>
    [Alias("MayProcessUnlessRefused"), Orleans.Concurrency.AlwaysInterleave]
    Task<bool> MayProcessUnlessRefused(ConsentPurpose purpose);

    /// <summary>
    /// Erases the subject (art. 17): the key is destroyed before this returns, then every place is cleared (at once
    /// if it can be, by reminder otherwise). Idempotent: a second call reports the first erasure's progress.
    /// </summary>
    [Alias("Erase")]
    Task<ErasureProgress> Erase(Actor by);
}
