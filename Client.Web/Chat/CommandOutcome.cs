namespace Orbitalyntra.Web.Chat;

/// <summary>
/// What became of a conversation command: its result, or the refusal that says why there is none. The hub and the REST
/// endpoints each turn it into their own form (a return value or a <c>HubException</c>; a typed result or an RFC 9457
/// problem), so both tell a caller the same thing.
/// </summary>
/// <typeparam name="T">What the command returns when it is carried out.</typeparam>
public readonly record struct CommandOutcome<T>
{
    private CommandOutcome(T? value, bool repeated, CommandRefusal? refusal)
    {
        Value = value;
        Repeated = repeated;
        Refusal = refusal;
    }

    /// <summary>The result; the default when the command was refused.</summary>
    public T? Value { get; }

    /// <summary>True when a retry found the command carried out before: <see cref="Value"/> is what the first one made.</summary>
    public bool Repeated { get; }

    /// <summary>Why the command was not carried out; null when it was.</summary>
    public CommandRefusal? Refusal { get; }

    /// <summary>A retry of a command carried out before, answered with the first one's result.</summary>
    public static CommandOutcome<T> Again(T value) => new(value, repeated: true, refusal: null);

    public static implicit operator CommandOutcome<T>(T value) => new(value, repeated: false, refusal: null);

    public static implicit operator CommandOutcome<T>(CommandRefusal refusal) => new(default, repeated: false, refusal);
}

/// <summary>The result of a command that returns nothing but the fact that it was carried out (a typing signal, a receipt).</summary>
public readonly record struct Done;

/// <summary>Why a conversation command was not carried out, in words for the caller: a short title and a detail.</summary>
public abstract record CommandRefusal(string Title, string Detail)
{
    /// <summary>Fields of the request break their rules; nothing was stored.</summary>
    public sealed record Invalid(string Title, IReadOnlyDictionary<string, string[]> Problems)
        : CommandRefusal(Title, string.Join(" ", Problems.Values.SelectMany(problem => problem)));

    /// <summary>The conversation refused the request by rules only it can check (an erased author; a receipt beyond its newest message).</summary>
    public sealed record Rejected(string Title, string Detail) : CommandRefusal(Title, Detail);

    /// <summary>The caller reaches the conversation, but its role does not allow this.</summary>
    public sealed record Forbidden(string Detail) : CommandRefusal("Not allowed for your role.", Detail);

    /// <summary>Nothing there for this caller: unknown, malformed or out of its reach, never told apart.</summary>
    public sealed record NotFound(string Title, string Detail) : CommandRefusal(Title, Detail);

    /// <summary>The conversation's state does not allow it now (the agent is not online).</summary>
    public sealed record Conflict(string Title, string Detail) : CommandRefusal(Title, Detail);

    /// <summary>The caller went over a limit (docs/decisions/0043); nothing was stored, and the same command may succeed after the wait.</summary>
    public sealed record TooMany(Quotas.QuotaRefusal Quota) : CommandRefusal("Too many requests.", Quota.Detail);

    /// <summary>The conversation cannot take it at the moment (a failover in progress); the same command retried will do.</summary>
    public sealed record Busy(string Detail) : CommandRefusal("Retry shortly.", Detail);
}
