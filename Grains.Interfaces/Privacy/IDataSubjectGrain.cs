namespace Orbitalyntra.Privacy;

/// <summary>
/// One person whose data a tenant holds (a visitor or an agent), keyed by <see cref="SubjectKey"/>: the person's record.
/// It holds the subject's data key (wrapped by the tenant key), the contact fields, the consent ledger, the restriction
/// and objection flags and the state of an erasure, and lists the places where the subject's data lives (each place
/// records itself before it gets the key). It never calls a holder of the subject's data: holders call it for keys and
/// consents, and <see cref="ISubjectRightsGrain"/> carries out the rights that reach every holder, so no call ever
/// waits on a call back into this grain.
/// </summary>
[Alias("orbitalyntra.privacy.IDataSubjectGrain")]
public interface IDataSubjectGrain : IGrainWithStringKey
{
    /// <summary>
    /// The subject's data key, to seal new content, made on first use; the caller records its place first, so that
    /// erasure finds it. Null once the subject is erased: a destroyed key is never made again.
    /// </summary>
    [Alias("KeyToSeal")]
    Task<byte[]?> KeyToSeal();

    /// <summary>
    /// True when the tenant holds or held something of this person (a record exists, erased or not): what an
    /// administrator may act on. An id nobody ever used is not a subject.
    /// </summary>
    [Alias("IsKnown")]
    Task<bool> IsKnown();

    /// <summary>
    /// Keeps the keyed hash of the network a visitor last started a conversation from (written only when it changes), so
    /// that an agent can ban that network (docs/decisions/0049); ignored once the subject is erased, and cleared by erasure.
    /// </summary>
    [Alias("NoteNetwork")]
    Task NoteNetwork(string networkHash);

    /// <summary>The keyed hash <see cref="NoteNetwork"/> kept, or null.</summary>
    [Alias("LastNetwork")]
    Task<string?> LastNetwork();

    /// <summary>The subject's data key to open sealed content; null when the subject has none or was erased.</summary>
    [Alias("KeyToRead")]
    Task<byte[]?> KeyToRead();

    /// <summary>Everything held about the subject, recorded in the audit trail as read by <paramref name="by"/>; null when nothing is.</summary>
    [Alias("Read")]
    Task<SubjectProfile?> Read(Actor by);

    /// <summary>
    /// The subject's own record as the start of an export, with no section yet; null when nothing is held or the subject
    /// was erased. <see cref="ISubjectRightsGrain.Export"/> adds the holders' sections and records the export.
    /// </summary>
    [Alias("ExportRecord")]
    Task<SubjectExport?> ExportRecord();

    /// <summary>
    /// Replaces the contact fields (art. 16) wherever they are kept; a new e-mail address needs confirming again before
    /// mail that shows conversations goes to it. Null when the subject is erased.
    /// </summary>
    [Alias("Rectify")]
    Task<SubjectProfile?> Rectify(ContactDetails contact, Actor by);

    /// <summary>
    /// A CRM's upsert of the contact fields (docs/integrations.md): the fields given replace the stored ones, those left
    /// null stay, and the change is recorded like <see cref="Rectify"/> (audited, <c>contact.updated</c>). Refused while
    /// processing is restricted or objected to, or once the subject is erased.
    /// </summary>
    [Alias("UpsertContact")]
    Task<ContactUpsert> UpsertContact(ContactDetails fields, Actor by);

    /// <summary>
    /// The visitor asks for mail at <paramref name="email"/>, written in <paramref name="language"/>: the address becomes the
    /// contact's e-mail (the name is kept), and a confirmation is due unless this address is confirmed or one was asked
    /// for lately. Null when the subject is erased. The data-subject grain is the visitor's
    /// <see cref="Notifications.IMailRecipient"/>: it answers the address only once mail was asked for this way.
    /// </summary>
    [Alias("SetMailAddress")]
    Task<MailAddressChange?> SetMailAddress(string email, string language, Actor by);

    /// <summary>
    /// True when the subject asked for mail through <see cref="SetMailAddress"/> and was not erased since: whether their
    /// conversations need watching for mail at all. Reads memory only.
    /// </summary>
    [Alias("AsksForMail")]
    Task<bool> AsksForMail();

    /// <summary>
    /// Confirms the address (double opt-in) if it is still <paramref name="email"/>, the one the confirmation link was sent
    /// to; false otherwise (changed since, erased, never asked for).
    /// </summary>
    [Alias("ConfirmMailAddress")]
    Task<bool> ConfirmMailAddress(string email, Actor by);

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
    /// Whether processing for <paramref name="purpose"/> may touch this subject now: consent given and not withdrawn (nor
    /// given before a material change of the privacy notice in force), no restriction, no objection (which covers analytics), not erased. Every such processing step asks first.
    /// </summary>
    [Alias("MayProcess")]
    Task<bool> MayProcess(ConsentPurpose purpose);

    /// <summary>
    /// The purposes whose consent was given before the material version of the privacy notice now in force: they count
    /// no more, and the widget asks again. Empty when every consent given still counts.
    /// </summary>
    [Alias("ConsentsToAskAgain")]
    Task<IReadOnlyList<ConsentPurpose>> ConsentsToAskAgain();

    /// <summary>
    /// Whether processing for <paramref name="purpose"/> that does not need consent may touch this subject now: not
    /// refused (no withdrawn consent for it), no restriction, no objection, not erased.
    /// </summary>
    [Alias("MayProcessUnlessRefused")]
    Task<bool> MayProcessUnlessRefused(ConsentPurpose purpose);

    /// <summary>
    /// Orders the subject's erasure (art. 17): destroys the key and the contact fields in one write, so that nothing
    /// sealed for the subject can be opened any more, and records the places still to clear. Idempotent: a second call
    /// answers the erasure as it stands.
    /// </summary>
    [Alias("OrderErasure")]
    Task<ErasureProgress> OrderErasure(Actor by);

    /// <summary>The erasure as it stands; null when none was ordered.</summary>
    [Alias("GetErasure")]
    Task<ErasureProgress?> GetErasure();

    /// <summary>Records how far the ordered erasure has gone: the places still to clear, and when it completed.</summary>
    [Alias("RecordErasureProgress")]
    Task RecordErasureProgress(IReadOnlyList<DataPlace> pending, DateTimeOffset? completedAt);
}
