using Orbitalyntra.Chat;

namespace Orbitalyntra.Silo;

/// <summary>Creates the conversation log's table while the silo starts, before any grain can append to it.</summary>
internal sealed class ConversationLogSetup(TableConversationLog log) : ILifecycleParticipant<ISiloLifecycle>
{
    public void Participate(ISiloLifecycle lifecycle) =>
        lifecycle.Subscribe(nameof(ConversationLogSetup), ServiceLifecycleStage.ApplicationServices, log.EnsureCreated);
}
