namespace Orbitalyntra.Privacy;

/// <summary>One place holding some of a subject's data: an <see cref="IPersonalDataHolder"/>, named by its grain id.</summary>
/// <param name="Kind">The holder's grain type, e.g. <c>conversation</c>, <c>visitorsession</c>, <c>agent</c>, <c>subjectdirectory</c>.</param>
/// <param name="Id">The holder's grain key, an opaque id (never personal data).</param>
[GenerateSerializer, Immutable, Alias("orbitalyntra.privacy.data-place")]
public sealed record DataPlace([property: Id(0)] string Kind, [property: Id(1)] string Id)
{
    /// <summary>The place that <paramref name="holder"/> is.</summary>
    public static DataPlace Of(GrainId holder) => new(holder.Type.ToString()!, holder.Key.ToString()!);

    /// <summary>The holder's grain id.</summary>
    public GrainId Holder => GrainId.Create(Kind, Id);
}

/// <summary>Who acts on personal data, for the audit trail: a role and an opaque id.</summary>
/// <param name="Role">"admin", "agent", "visitor", "api-key" or "system".</param>
/// <param name="Id">The agent, visitor or key id; "retention", "erasure" and the like for the system.</param>
[GenerateSerializer, Immutable, Alias("orbitalyntra.privacy.actor")]
public sealed record Actor([property: Id(0)] string Role, [property: Id(1)] string Id)
{
    /// <summary>The system itself, resuming or scheduling work nobody asked for at that moment.</summary>
    public static Actor System(string what) => new("system", what);
}

/// <summary>The contact fields held about a subject; each may be absent.</summary>
/// <param name="Name">The name the person gave.</param>
/// <param name="Email">The e-mail address the person gave.</param>
[GenerateSerializer, Immutable, Alias("orbitalyntra.privacy.contact-details")]
public sealed record ContactDetails([property: Id(0)] string? Name, [property: Id(1)] string? Email);

/// <summary>The purposes a subject consents to one by one (GDPR art. 6(1)(a), 7).</summary>
public enum ConsentPurpose
{
    /// <summary>Visitor analytics (page views, sessions), even when aggregated.</summary>
    Analytics = 1,

    /// <summary>Using the subject's questions to improve the FAQ assistant.</summary>
    FaqImprovement = 2,

    /// <summary>Sending the subject's data to the tenant's CRM through webhooks.</summary>
    CrmSync = 3,

    /// <summary>Marketing messages.</summary>
    Marketing = 4,
}

/// <summary>One line of the consent ledger: a consent given or withdrawn.</summary>
/// <param name="Purpose">What it covers.</param>
/// <param name="Granted">Given (true) or withdrawn (false).</param>
/// <param name="At">When.</param>
/// <param name="Source">Where it came from, e.g. "widget banner" or "admin on the phone".</param>
/// <param name="By">Who recorded it.</param>
/// <param name="Notice">The privacy notice in force when it was recorded (the version the visitor was shown); null for entries from before versioned policies.</param>
[GenerateSerializer, Immutable, Alias("orbitalyntra.privacy.consent-entry")]
public sealed record ConsentEntry(
    [property: Id(0)] ConsentPurpose Purpose,
    [property: Id(1)] bool Granted,
    [property: Id(2)] DateTimeOffset At,
    [property: Id(3)] string Source,
    [property: Id(4)] Actor By,
    [property: Id(5)] PolicyRef? Notice = null);

/// <summary>How far the erasure of a subject has gone.</summary>
/// <param name="RequestedAt">When it was ordered; the subject's key was destroyed at that moment.</param>
/// <param name="By">Who ordered it.</param>
/// <param name="Pending">The places not yet cleared.</param>
/// <param name="CompletedAt">When the last place reported done; null while some remain.</param>
/// <param name="LegalHolds">Data kept on purpose despite the erasure, with the reason (e.g. the audit trail).</param>
[GenerateSerializer, Immutable, Alias("orbitalyntra.privacy.erasure-progress")]
public sealed record ErasureProgress(
    [property: Id(0)] DateTimeOffset RequestedAt,
    [property: Id(1)] Actor By,
    [property: Id(2)] IReadOnlyList<DataPlace> Pending,
    [property: Id(3)] DateTimeOffset? CompletedAt,
    [property: Id(4)] IReadOnlyList<string> LegalHolds);

/// <summary>Everything a data-subject grain holds about its person, in readable form.</summary>
/// <param name="TenantId">The tenant.</param>
/// <param name="SubjectId">The opaque subject id.</param>
/// <param name="Contact">The contact fields; null when none were given or once erased.</param>
/// <param name="Places">Where the subject's data lives.</param>
/// <param name="Consents">The consent ledger, oldest first.</param>
/// <param name="Restricted">Processing restricted (art. 18): data kept, but used for nothing beyond storage.</param>
/// <param name="Objected">The subject objected (art. 21) to processing based on legitimate interest (analytics).</param>
/// <param name="Erasure">The erasure, once ordered.</param>
/// <param name="Transparency">The privacy notice in force, the controller's contact and where to complain (the CNIL).</param>
[GenerateSerializer, Immutable, Alias("orbitalyntra.privacy.subject-profile")]
public sealed record SubjectProfile(
    [property: Id(0)] string TenantId,
    [property: Id(1)] string SubjectId,
    [property: Id(2)] ContactDetails? Contact,
    [property: Id(3)] IReadOnlyList<DataPlace> Places,
    [property: Id(4)] IReadOnlyList<ConsentEntry> Consents,
    [property: Id(5)] bool Restricted,
    [property: Id(6)] bool Objected,
    [property: Id(7)] ErasureProgress? Erasure,
    [property: Id(8)] Transparency? Transparency = null);

/// <summary>What became of a visitor's address for mail.</summary>
/// <param name="Version">Counts the confirmations asked for: the confirmation mail's id is made of it, so each is sent once.</param>
/// <param name="ConfirmationDue">A confirmation link is to be sent now.</param>
[GenerateSerializer, Immutable, Alias("orbitalyntra.privacy.mail-address-change")]
public sealed record MailAddressChange([property: Id(0)] int Version, [property: Id(1)] bool ConfirmationDue);

/// <summary>What became of a CRM's contact upsert.</summary>
public enum ContactUpsert
{
    /// <summary>The fields were stored.</summary>
    Updated = 1,

    /// <summary>Processing is restricted or objected to: nothing was stored.</summary>
    Restricted = 2,

    /// <summary>The subject was erased: nothing was stored.</summary>
    Erased = 3,
}
