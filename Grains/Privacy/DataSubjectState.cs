using System.Collections.Immutable;

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
    [property: Id(5)] ErasureProgress? Erasure)
{
    public DataSubjectState()
        : this(null, null, [], false, false, null)
    {
    }
}
