using Orbitalyntra.Chat;
using Orbitalyntra.Privacy;

namespace Orbitalyntra.Silo;

/// <summary>
/// Creates the tables (conversation log, audit trail, subjects' places) and the files container while the silo
/// starts, before any grain runs.
/// </summary>
internal sealed class StorageSetup(TableConversationLog log, TableAuditTrail audit, TableSubjectPlaces places, BlobFileStore files)
    : ILifecycleParticipant<ISiloLifecycle>
{
    public void Participate(ISiloLifecycle lifecycle) =>
        lifecycle.Subscribe(nameof(StorageSetup), ServiceLifecycleStage.ApplicationServices, async cancellationToken =>
        {
            await log.EnsureCreated(cancellationToken);
            await audit.EnsureCreated(cancellationToken);
            await places.EnsureCreated(cancellationToken);
            await files.EnsureCreated(cancellationToken);
        });
}
