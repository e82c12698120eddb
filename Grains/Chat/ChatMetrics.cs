using System.Diagnostics.Metrics;

namespace Orbitalyntra.Chat;

/// <summary>The chat's meter, exported by each silo (docs/decisions/0029); counts only, no tenant or person in any tag.</summary>
internal static class ChatMetrics
{
    private static readonly Meter Meter = new("Orbitalyntra.Chat");

    public static readonly Counter<long> Acknowledged =
        Meter.CreateCounter<long>("orbitalyntra.messages.acknowledged", "{message}", "Messages stored durably and acknowledged to their sender.");

    public static readonly Counter<long> StoreWentBack =
        Meter.CreateCounter<long>("orbitalyntra.messages.store_went_back", "{event}", "Appends that found the message before them missing from the log: storage lost acknowledged writes.");

    public static readonly Counter<long> Restored =
        Meter.CreateCounter<long>("orbitalyntra.messages.restored", "{message}", "Acknowledged messages the log had lost, written again from a conversation's memory.");

    public static readonly Counter<long> Lost =
        Meter.CreateCounter<long>("orbitalyntra.messages.lost", "{message}", "Acknowledged messages the log had lost and no conversation's memory still held.");

    public static readonly UpDownCounter<long> ActiveConversations =
        Meter.CreateUpDownCounter<long>("orbitalyntra.conversations.active", "{conversation}", "Conversations active (in memory) in this silo.");
}
