using System.Collections.Immutable;
using Orbitalyntra.Notifications;

namespace Orbitalyntra.Privacy;

/// <summary>
/// What a data-subject grain persists. The data key is only ever stored wrapped by the tenant key, and the contact
/// fields only sealed with the data key: destroying <see cref="WrappedKey"/> makes both, and every sealed message,
/// unreadable. The places holding the subject's data are not here but in <see cref="ISubjectPlaces"/>.
/// </summary>
[GenerateSerializer, Immutable, Alias("orbitalyntra.privacy.data-subject-state")]
public sealed record DataSubjectState(
    [property: Id(0)] byte[]? WrappedKey,
    [property: Id(1)] byte[]? SealedContact,
    [property: Id(2)] ImmutableList<ConsentEntry> Consents,
    [property: Id(3)] bool Restricted,
    [property: Id(4)] bool Objected,
    [property: Id(5)] ErasureProgress? Erasure,
    [property: Id(6)] SubjectMail? Mail = null,
    [property: Id(7)] ImmutableList<Integrations.WebhookEvent>? WebhookEvents = null,
    [property: Id(8)] string? NetworkHash = null)
{
    public DataSubjectState()
        : this(null, null, [], false, false, null)
    {
    }
}

/// <summary>
/// Mail to a visitor who asked for it: their language and opt-outs, and the double opt-in of the address in their sealed
/// contact. A new address clears the confirmation; erasure clears all of it with the key.
/// </summary>
/// <param name="Preferences">The language of their mail and the optional mail they turned off.</param>
/// <param name="Version">Counts the confirmations asked for (the confirmation mail's id is made of it).</param>
/// <param name="ConfirmationRequestedAt">When the last confirmation link was asked for; null once the address changed.</param>
/// <param name="ConfirmedAt">When the visitor confirmed the address in the contact; null until then and once it changed.</param>
[GenerateSerializer, Immutable, Alias("orbitalyntra.privacy.subject-mail")]
public sealed record SubjectMail(
    [property: Id(0)] MailPreferences Preferences,
    [property: Id(1)] int Version,
    [property: Id(2)] DateTimeOffset? ConfirmationRequestedAt,
    [property: Id(3)] DateTimeOffset? ConfirmedAt)
{
    /// <summary>Nothing confirmed or asked for: the address in the contact is new, or changed.</summary>
    public SubjectMail Unconfirmed() => this with { ConfirmationRequestedAt = null, ConfirmedAt = null };
}
