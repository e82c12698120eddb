namespace Orbitalyntra.Privacy;

/// <summary>
/// The identity of a data subject: its tenant and an opaque subject id (a visitor id or an agent id, never a name or
/// an e-mail). Its string form is the data-subject grain's key.
/// </summary>
[GenerateSerializer, Immutable, Alias("orbitalyntra.privacy.subject-key")]
public readonly record struct SubjectKey([property: Id(0)] string TenantId, [property: Id(1)] string SubjectId)
{
    /// <summary>The key as one string: <c>{tenantId}:{subjectId}</c>.</summary>
    public override string ToString() => $"{TenantId}:{SubjectId}";

    /// <summary>Parses the string form made by <see cref="ToString"/>.</summary>
    public static SubjectKey Parse(string key)
    {
        var separator = key.LastIndexOf(':');
        if (separator <= 0 || !IsSubjectId(key[(separator + 1)..]))
        {
            throw new FormatException($"'{key}' is not a data-subject key.");
        }

        return new SubjectKey(key[..separator], key[(separator + 1)..]);
    }

    /// <summary>True for an opaque id (<see cref="OpaqueIds"/>), as messages' sender ids are.</summary>
    public static bool IsSubjectId(string? id) => OpaqueIds.IsValid(id);
}
