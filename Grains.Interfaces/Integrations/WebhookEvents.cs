namespace Orbitalyntra.Integrations;

/// <summary>
/// The event types an endpoint may subscribe to (docs/integrations.md has each payload). Payloads carry ids and the
/// fields the event is about, never names or addresses.
/// </summary>
public static class WebhookEvents
{
    /// <summary>A conversation was started.</summary>
    public const string ConversationCreated = "conversation.created";

    /// <summary>A conversation was given to an agent: routed, claimed or transferred (the agent's opaque id, never a name).</summary>
    public const string ConversationAssigned = "conversation.assigned";

    /// <summary>A conversation's status changed (open, pending, snoozed, resolved), by an agent, the assistant or a snooze ending.</summary>
    public const string ConversationStatusChanged = "conversation.status_changed";

    /// <summary>A visitor's, agent's or the assistant's message was stored (never a private note).</summary>
    public const string MessageCreated = "message.created";

    /// <summary>A person's contact details changed: which fields (name, email), never their values.</summary>
    public const string ContactUpdated = "contact.updated";

    /// <summary>A person gave or withdrew a consent (the purpose, given or not, the notice version in force).</summary>
    public const string ConsentChanged = "consent.changed";

    /// <summary>A person's data protection request (access, erasure…) was received: its kind and deadline.</summary>
    public const string RequestReceived = "request.received";

    /// <summary>A person's data protection request was closed: completed or rejected.</summary>
    public const string RequestCompleted = "request.completed";

    /// <summary>A person's data was erased: the CRM erases it too, and nothing about them follows.</summary>
    public const string SubjectErased = "subject.erased";

    /// <summary>What "send test event" sends; an endpoint receives it whatever it subscribed to.</summary>
    public const string Test = "webhook.test";

    /// <summary>Every type an endpoint may subscribe to.</summary>
    public static readonly IReadOnlyList<string> All =
        [ConversationCreated, ConversationAssigned, ConversationStatusChanged, MessageCreated, ContactUpdated, ConsentChanged, RequestReceived, RequestCompleted, SubjectErased];

    /// <summary>Whether <paramref name="type"/> is one of <see cref="All"/>.</summary>
    public static bool IsKnown(string type) => All.Contains(type, StringComparer.Ordinal);
}
