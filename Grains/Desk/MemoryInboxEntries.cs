using System.Collections.Concurrent;
using System.Collections.Immutable;
using System.Globalization;
using Orleans.Storage;

namespace Orbitalyntra.Desk;

/// <summary>Inboxes' entries in process memory, for the memory storage mode; versions count the writes.</summary>
public sealed class MemoryInboxEntries : IInboxEntries
{
    private readonly ConcurrentDictionary<string, Entries> inboxes = new();

    public Task<StoredInbox> Load(string tenantId) => Task.FromResult(
        inboxes.TryGetValue(tenantId, out var inbox)
            ? new StoredInbox([.. inbox.Conversations.Values], [.. inbox.Agents.Values], inbox.LastAssigned, Version(inbox.Writes), inbox.WebhookEvents)
            : new StoredInbox([], [], null, null));

    public Task<string> Write(string tenantId, string? version, InboxChange change)
    {
        var before = inboxes.GetValueOrDefault(tenantId);
        if (Version(before?.Writes ?? 0) != version)
        {
            throw new InconsistentStateException($"The inbox of tenant {tenantId} changed since it was read", Version(before?.Writes ?? 0), version);
        }

        var after = new Entries(
            (before?.Conversations ?? ImmutableDictionary<Guid, InboxConversation>.Empty)
                .SetItems(change.Conversations.Select(c => KeyValuePair.Create(c.ConversationId, c))).RemoveRange(change.Removed),
            (before?.Agents ?? ImmutableDictionary<string, InboxAgent>.Empty).SetItems(change.Agents.Select(a => KeyValuePair.Create(a.AgentId, a))),
            change.LastAssigned,
            (before?.Writes ?? 0) + 1,
            change.WebhookEvents);

        // Against what was read: of two writers naming the same version, only the first stores; the other finds it changed.
        var stored = before is null ? inboxes.TryAdd(tenantId, after) : inboxes.TryUpdate(tenantId, after, before);
        return stored ? Task.FromResult(Version(after.Writes)!) : Write(tenantId, version, change);
    }

    private static string? Version(long writes) => writes == 0 ? null : writes.ToString(CultureInfo.InvariantCulture);

    private sealed record Entries(
        ImmutableDictionary<Guid, InboxConversation> Conversations, ImmutableDictionary<string, InboxAgent> Agents, string? LastAssigned, long Writes,
        ImmutableList<Integrations.WebhookEvent>? WebhookEvents);
}
