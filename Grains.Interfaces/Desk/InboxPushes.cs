namespace Orbitalyntra.Desk;

/// <summary>A conversation as a watching console holds it: waiting (no agent) or assigned.</summary>
/// <param name="ConversationId">The conversation.</param>
/// <param name="Queued">Its place in the queue: the waiting are shown smallest first.</param>
/// <param name="AgentId">Its agent; null while it waits.</param>
[GenerateSerializer, Immutable, Alias("orbitalyntra.desk.inbox-entry")]
public sealed record InboxEntry(
    [property: Id(0)] Guid ConversationId,
    [property: Id(1)] long Queued,
    [property: Id(2)] string? AgentId);

/// <summary>
/// What a console watching the inbox starts from: the first <see cref="InboxRules.PageSize"/> waiting conversations
/// (oldest first), every assigned one and every agent, at <paramref name="Version"/>; the deltas that follow apply to it.
/// </summary>
/// <param name="Version">The inbox's version; the next delta's <see cref="InboxDelta.From"/> names it.</param>
/// <param name="Entries">The waiting conversations of the first page and every assigned one.</param>
/// <param name="WaitingCount">How many conversations wait in all, on the page or not.</param>
/// <param name="Agents">Every agent that ever sent a heartbeat.</param>
[GenerateSerializer, Immutable, Alias("orbitalyntra.desk.inbox-page")]
public sealed record InboxPage(
    [property: Id(0)] long Version,
    [property: Id(1)] IReadOnlyList<InboxEntry> Entries,
    [property: Id(2)] int WaitingCount,
    [property: Id(3)] IReadOnlyList<AgentAvailability> Agents);

/// <summary>
/// One change of the inbox as a watcher of its page sees it: what entered or changed on the page, what left it, and the
/// agents whose availability changed. A watcher at version <paramref name="From"/> applies it and is at
/// <paramref name="Version"/>; one at another version missed a change and reads the page again.
/// </summary>
/// <param name="From">The version this delta applies to.</param>
/// <param name="Version">The version after it.</param>
/// <param name="Changed">Entries added to the page or changed on it (a waiting one that entered the first page, one assigned).</param>
/// <param name="Removed">Conversations that left the page (resolved, or no longer shown).</param>
/// <param name="WaitingCount">How many conversations wait in all now.</param>
/// <param name="Agents">Agents whose heartbeat or load changed, as they are now.</param>
[GenerateSerializer, Immutable, Alias("orbitalyntra.desk.inbox-delta")]
public sealed record InboxDelta(
    [property: Id(0)] long From,
    [property: Id(1)] long Version,
    [property: Id(2)] IReadOnlyList<InboxEntry> Changed,
    [property: Id(3)] IReadOnlyList<Guid> Removed,
    [property: Id(4)] int WaitingCount,
    [property: Id(5)] IReadOnlyList<AgentAvailability> Agents);
