using System.Collections.Immutable;
using System.Text.Json;
using Orbitalyntra.Integrations;
using Orbitalyntra.Storage;
using Azure;
using Azure.Data.Tables;
using Orleans.Storage;

namespace Orbitalyntra.Desk;

/// <summary>
/// Inboxes' entries in the Azure Table <c>inbox</c>: a partition per tenant, a row per conversation (<c>c:{id}</c>:
/// its place in the queue and its agent), a row per agent (<c>a:{id}</c>: its last heartbeat), and the routing row
/// (<c>routing</c>: the agent that got the last conversation, and the webhook events of assignments waiting to be handed
/// over, as JSON: docs/decisions/0052). The routing row's ETag is the inbox's version: every
/// write replaces it on that condition, in the same entity-group transaction as the rows the change touched, so a
/// change is one request and a writer with a stale copy (a duplicate activation) stores nothing.
/// </summary>
public sealed class TableInboxEntries(TableServiceClient tables) : IInboxEntries, ITenantStorage
{
    public const string TableName = "inbox";

    private const string RoutingRow = "routing";
    private const string ConversationPrefix = "c:";
    private const string AgentPrefix = "a:";
    private const string QueuedColumn = "Queued";
    private const string AgentColumn = "Agent";
    private const string StatusColumn = "Status";
    private const string CapacityColumn = "Capacity";
    private const string LastSeenColumn = "LastSeen";
    private const string LastAssignedColumn = "LastAssigned";
    private const string WebhookEventsColumn = "WebhookEvents";

    // A string column holds at most 64 KiB of UTF-16: some 90 events, more than one change assigns but for a flood.
    private const int MaxWebhookEventsLength = 30_000;

    // An entity-group transaction holds at most 100 entities, the routing row among them.
    private const int EntriesPerTransaction = 99;

    private readonly TableClient table = tables.GetTableClient(TableName);

    /// <summary>Creates the table if it is missing; the silo calls this once while it starts.</summary>
    public Task EnsureCreated(CancellationToken cancellationToken) => table.CreateIfNotExistsAsync(cancellationToken);

    public string Name => $"table {TableName}";

    public Task<int> DeleteTenant(string tenantId) => table.DeleteWhere(TableRows.Partition(tenantId));

    public async Task<StoredInbox> Load(string tenantId)
    {
        var conversations = new List<InboxConversation>();
        var agents = new List<InboxAgent>();
        string? lastAssigned = null;
        string? version = null;
        ImmutableList<WebhookEvent>? webhookEvents = null;
        await foreach (var row in table.QueryAsync<TableEntity>(e => e.PartitionKey == tenantId))
        {
            if (row.RowKey == RoutingRow)
            {
                lastAssigned = row.GetString(LastAssignedColumn);
                version = row.ETag.ToString();
                webhookEvents = row.GetString(WebhookEventsColumn) is { } events ? JsonSerializer.Deserialize<ImmutableList<WebhookEvent>>(events) : null;
            }
            else if (row.RowKey.StartsWith(ConversationPrefix, StringComparison.Ordinal))
            {
                conversations.Add(new InboxConversation(Guid.Parse(row.RowKey[ConversationPrefix.Length..]), row.GetInt64(QueuedColumn)!.Value, row.GetString(AgentColumn)));
            }
            else
            {
                agents.Add(new InboxAgent(
                    row.RowKey[AgentPrefix.Length..],
                    (PresenceStatus)row.GetInt32(StatusColumn)!.Value,
                    row.GetInt32(CapacityColumn)!.Value,
                    row.GetDateTimeOffset(LastSeenColumn)!.Value));
            }
        }

        return new StoredInbox(conversations, agents, lastAssigned, version, webhookEvents);
    }

    public async Task<string> Write(string tenantId, string? version, InboxChange change)
    {
        var entries = change.Conversations.Select(c => Upsert(Row(tenantId, c)))
            .Concat(change.Removed.Select(id => new TableTransactionAction(TableTransactionActionType.Delete, new TableEntity(tenantId, ConversationRow(id)), ETag.All)))
            .Concat(change.Agents.Select(a => Upsert(Row(tenantId, a))))
            .Chunk(EntriesPerTransaction)
            .DefaultIfEmpty([]);
        foreach (var chunk in entries)
        {
            // A change larger than one transaction (many waiting conversations routed at once) takes several, each fenced.
            var routing = WithOptional(
                WithOptional(new TableEntity(tenantId, RoutingRow), LastAssignedColumn, change.LastAssigned),
                WebhookEventsColumn,
                Serialized(change.WebhookEvents));
            var fence = version is null
                ? new TableTransactionAction(TableTransactionActionType.Add, routing)
                : new TableTransactionAction(TableTransactionActionType.UpdateReplace, routing, new ETag(version));
            try
            {
                var responses = await table.SubmitTransactionAsync([fence, .. chunk]);
                version = responses.Value[0].Headers.ETag?.ToString() ?? throw new InvalidOperationException("The table answered no ETag for the routing row.");
            }
            catch (TableTransactionFailedException stale) when (stale.Status is 404 or 409 or 412)
            {
                // The routing row was written since (412), or first written by another (409); or a row this writer
                // believed stored is gone (404): either way its copy of the inbox is not what is stored.
                throw new InconsistentStateException($"The inbox of tenant {tenantId} changed since it was read: {stale.Message}", null, version);
            }
        }

        return version!;
    }

    /// <summary>
    /// The events as JSON, the oldest first up to what the column holds; those past it are handed over from memory only,
    /// after the write, without surviving a crash in between (docs/decisions/0052).
    /// </summary>
    private static string? Serialized(ImmutableList<WebhookEvent>? events)
    {
        if (events is not { IsEmpty: false })
        {
            return null;
        }

        var kept = events;
        var json = JsonSerializer.Serialize(kept);
        while (json.Length > MaxWebhookEventsLength && kept.Count > 1)
        {
            kept = kept.RemoveRange(kept.Count / 2, kept.Count - kept.Count / 2);
            json = JsonSerializer.Serialize(kept);
        }

        return json.Length > MaxWebhookEventsLength ? null : json;
    }

    private static TableTransactionAction Upsert(TableEntity row) => new(TableTransactionActionType.UpsertReplace, row);

    private static string ConversationRow(Guid conversationId) => $"{ConversationPrefix}{conversationId:N}";

    private static TableEntity Row(string tenantId, InboxConversation conversation) =>
        WithOptional(new TableEntity(tenantId, ConversationRow(conversation.ConversationId)) { [QueuedColumn] = conversation.Queued }, AgentColumn, conversation.AgentId);

    private static TableEntity Row(string tenantId, InboxAgent agent) => new(tenantId, AgentPrefix + agent.AgentId)
    {
        [StatusColumn] = (int)agent.Status,
        [CapacityColumn] = agent.Capacity,
        [LastSeenColumn] = agent.LastSeen,
    };

    /// <summary>The row with the column set when there is a value: a missing column reads as null.</summary>
    private static TableEntity WithOptional(TableEntity row, string column, string? value)
    {
        if (value is not null)
        {
            row[column] = value;
        }

        return row;
    }
}
