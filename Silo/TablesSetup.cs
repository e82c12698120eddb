using Orbitalyntra.Chat;
using Orbitalyntra.Privacy;

namespace Orbitalyntra.Silo;

/// <summary>Creates the tables of the conversation log, the audit trail and the subjects' places while the silo starts, before any grain runs.</summary>
internal sealed class TablesSetup(TableConversationLog log, TableAuditTrail audit, TableSubjectPlaces places) : ILifecycleParticipant<ISiloLifecycle>
{
    public void Participate(ISiloLifecycle lifecycle) =>
        lifecycle.Subscribe(nameof(TablesSetup), ServiceLifecycleStage.ApplicationServices, async cancellationToken =>
        {
            await log.EnsureCreated(cancellationToken);
            await audit.EnsureCreated(cancellationToken);
            await places.EnsureCreated(cancellationToken);
        });
}
