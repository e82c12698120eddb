using System.Text;

namespace Orbitalyntra.Chat;

/// <summary>
/// The rules a message must satisfy, checked at the edge (Client.Web) and again by the conversation grain,
/// so that no caller can store what the edge would refuse.
/// </summary>
public static class ChatRules
{
    /// <summary>Largest message text, in UTF-8 bytes (8 KiB).</summary>
    public const int MaxTextBytes = 8 * 1024;

    /// <summary>Longest client message id or sender id.</summary>
    public const int MaxIdLength = 64;

    /// <summary>Most messages one history page returns.</summary>
    public const int MaxPageSize = 200;

    /// <summary>The longest a conversation may be snoozed.</summary>
    public static readonly TimeSpan MaxSnooze = TimeSpan.FromDays(90);

    /// <summary>Checks a status change at <paramref name="now"/>; null when it is valid, otherwise why not.</summary>
    public static string? Check(StatusChange change, DateTimeOffset now) => change switch
    {
        { Status: var status } when !Enum.IsDefined(status) => "status must be open, pending, resolved or snoozed.",
        { Status: ConversationStatus.Snoozed, SnoozeUntil: null } => "snoozeUntil is required to snooze.",
        { Status: ConversationStatus.Snoozed, SnoozeUntil: { } until } when until <= now || until - now > MaxSnooze =>
            $"snoozeUntil must be in the future and at most {MaxSnooze.TotalDays} days away.",
        { Status: not ConversationStatus.Snoozed, SnoozeUntil: not null } => "snoozeUntil goes only with status snoozed.",
        _ => null,
    };

    /// <summary>Checks a post; returns the problems found by field name, empty when it is valid.</summary>
    public static IReadOnlyDictionary<string, string[]> Check(PostMessage post)
    {
        var errors = new Dictionary<string, string[]>();
        if (!OpaqueIds.IsValid(post.ClientMessageId))
        {
            errors["clientMessageId"] = [$"clientMessageId is required: 1 to {MaxIdLength} letters, digits, '-' or '_'."];
        }

        if (!Enum.IsDefined(post.Sender.Role))
        {
            errors["senderRole"] = ["senderRole must be 'visitor' or 'agent'."];
        }

        else if (post.Sender.Role == SenderRole.Assistant)
        {
            errors["senderRole"] = ["Only the conversation itself posts as the assistant."];
        }

        if (post.IsNote && post.Sender.Role != SenderRole.Agent)
        {
            errors["isNote"] = ["Only the tenant's staff write private notes."];
        }

        if (!OpaqueIds.IsValid(post.Sender.Id))
        {
            errors["senderId"] = [$"senderId is required: 1 to {MaxIdLength} letters, digits, '-' or '_'."];
        }

        if (TextProblem(post.Text) is { } problem)
        {
            errors["text"] = [problem];
        }

        return errors;
    }

    /// <summary>Null when <paramref name="text"/> is a valid message text (not blank, at most 8 KiB of UTF-8, <see cref="TextRules"/>), otherwise why not.</summary>
    public static string? TextProblem(string? text) =>
        TextRules.IsBlank(text) ? "text must not be empty."
        : Encoding.UTF8.GetByteCount(text) > MaxTextBytes ? $"text must be at most {MaxTextBytes} bytes of UTF-8."
        : TextRules.ProseProblem(text) is { } problem ? $"text {problem}"
        : null;
}
