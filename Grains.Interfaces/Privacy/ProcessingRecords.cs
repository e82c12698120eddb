using Orbitalyntra.Retention;

namespace Orbitalyntra.Privacy;

/// <summary>
/// The records of processing (GDPR art. 30) of one tenant, made on demand from what the code declares (docs/decisions/0040):
/// the processing activities each domain registers next to its export sections and purge counts, their lifetimes from
/// the tenant's retention policy, and the configured sub-processors. Key: the tenant id.
/// </summary>
[Alias("orbitalyntra.privacy.IProcessingRecordsGrain")]
public interface IProcessingRecordsGrain : IGrainWithStringKey
{
    /// <summary>The tenant's records of processing as they stand now.</summary>
    [Alias("Records")]
    Task<ProcessingRecords> Records();
}

/// <summary>The kinds of person whose data is processed.</summary>
public enum PersonKind
{
    /// <summary>A visitor of a tenant's site (widget, help center).</summary>
    Visitor = 1,

    /// <summary>A person the tenant knows by name or e-mail (a visitor who gave them, a contact written to).</summary>
    Contact = 2,

    /// <summary>An agent of the tenant.</summary>
    Agent = 3,

    /// <summary>An administrator of the tenant.</summary>
    Administrator = 4,
}

/// <summary>
/// One processing activity as a domain declares it in the silo's wiring: what for, on what ground, about whom, what data,
/// how long (the retention kinds whose lifetimes apply, or a fixed lifetime), to whom, and which export sections and
/// purge counts are its data, so that the records cover every holder (<see cref="ProcessingRecords.Undeclared"/>).
/// </summary>
[GenerateSerializer, Immutable, Alias("orbitalyntra.privacy.processing-activity")]
public sealed record ProcessingActivity(
    [property: Id(0)] string Name,
    [property: Id(1)] LocalizedText Purpose,
    [property: Id(2)] string LegalBasis,
    [property: Id(3)] IReadOnlyList<PersonKind> People,
    [property: Id(4)] IReadOnlyList<string> DataKinds,
    [property: Id(5)] IReadOnlyList<RetentionKind> Lifetimes,
    [property: Id(6)] string? FixedLifetime,
    [property: Id(7)] IReadOnlyList<string> Recipients,
    [property: Id(8)] ConsentPurpose? Consent,
    [property: Id(9)] IReadOnlyList<string> ExportSections,
    [property: Id(10)] IReadOnlyList<string> PurgeCounters);

/// <summary>A lifetime in the records: the retention policy's field, its days for this tenant.</summary>
[GenerateSerializer, Immutable, Alias("orbitalyntra.privacy.recorded-lifetime")]
public sealed record RecordedLifetime([property: Id(0)] RetentionKind Kind, [property: Id(1)] int Days);

/// <summary>A processing activity with the tenant's lifetimes.</summary>
[GenerateSerializer, Immutable, Alias("orbitalyntra.privacy.recorded-activity")]
public sealed record RecordedActivity(
    [property: Id(0)] ProcessingActivity Activity,
    [property: Id(1)] IReadOnlyList<RecordedLifetime> Lifetimes);

/// <summary>A sub-processor (GDPR art. 28(2)): who processes data on the platform's behalf, what for, and where.</summary>
[GenerateSerializer, Immutable, Alias("orbitalyntra.privacy.sub-processor")]
public sealed record SubProcessor(
    [property: Id(0)] string Name,
    [property: Id(1)] string Service,
    [property: Id(2)] string Location,
    [property: Id(3)] string Data);

/// <summary>A tenant's records of processing.</summary>
/// <param name="TenantId">The controller.</param>
/// <param name="GeneratedAt">When they were made.</param>
/// <param name="ControllerContact">The platform's data-protection contact.</param>
/// <param name="Activities">The processing activities with this tenant's lifetimes.</param>
/// <param name="SubProcessors">The platform's sub-processors.</param>
/// <param name="Undeclared">Export sections and purge counts registered by holders that no activity declares: empty when the records are complete.</param>
[GenerateSerializer, Immutable, Alias("orbitalyntra.privacy.processing-records")]
public sealed record ProcessingRecords(
    [property: Id(0)] string TenantId,
    [property: Id(1)] DateTimeOffset GeneratedAt,
    [property: Id(2)] string ControllerContact,
    [property: Id(3)] IReadOnlyList<RecordedActivity> Activities,
    [property: Id(4)] IReadOnlyList<SubProcessor> SubProcessors,
    [property: Id(5)] IReadOnlyList<string> Undeclared);
