using Orbitalyntra.Chat;
using Orbitalyntra.Closure;
using Orbitalyntra.Desk;
using Orbitalyntra.Faq;
using Orbitalyntra.Privacy;
using Orbitalyntra.Retention;

namespace Orbitalyntra.Silo;

/// <summary>
/// Creates the tables (conversation log, audit trail, subjects' places, retention index, inboxes, tenants' key material,
/// closure records) and the containers of
/// files and FAQ indexes while the silo starts, before any grain runs.
/// </summary>
internal sealed class StorageSetup(
    TableConversationLog log, TableAuditTrail audit, TableSubjectPlaces places, TableRetentionIndex retention, TableInboxEntries inboxes, BlobFileStore files,
    BlobFaqIndexStore faqIndexes, TableTenantKeyMaterial tenantKeys, TableClosureRecords closures)
    : ILifecycleParticipant<ISiloLifecycle>
{
    public void Participate(ISiloLifecycle lifecycle) =>
        lifecycle.Subscribe(nameof(StorageSetup), ServiceLifecycleStage.ApplicationServices, async cancellationToken =>
        {
            await log.EnsureCreated(cancellationToken);
            await audit.EnsureCreated(cancellationToken);
            await places.EnsureCreated(cancellationToken);
            await retention.EnsureCreated(cancellationToken);
            await inboxes.EnsureCreated(cancellationToken);
            await files.EnsureCreated(cancellationToken);
            await faqIndexes.EnsureCreated(cancellationToken);
            await tenantKeys.EnsureCreated(cancellationToken);
            await closures.EnsureCreated(cancellationToken);
        });
}
