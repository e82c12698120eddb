using System.Collections.Immutable;

namespace Orbitalyntra.Privacy;

/// <summary>
/// What a data-subject grain persists. The data key is only ever stored wrapped by the tenant key, and the contact
/// fields only sealed with the data key: destroying <see cref="WrappedKey"/> makes both, and every sealed message,
/// unreadable.
/// </summary>
[GenerateSerializer, Immutable, Alias("orbitalyntra.privacy.data-subject-state")]
public sealed record DataSubjectState(
    [property: Id(0)] byte[]? WrappedKey,
    [property: Id(1)] ImmutableList<DataPlace> Places,
    [property: Id(2)] byte[]? SealedContact,
    [property: Id(3)] ImmutableList<ConsentEntry> Consents,
    [property: Id(4)] bool Restricted,
    [property: Id(5)] bool Objected,
    [property: Id(6)] ErasureProgress? Erasure)
{
    public DataSubjectState()
        : this(null, [], null, [], false, false, null)
    {
    }
}
