using Orbitalyntra.Accounts;
using Orbitalyntra.Chat;
using Orbitalyntra.Desk;
using Orbitalyntra.Notifications;
using Orbitalyntra.Privacy;
using Orbitalyntra.Web.Security;

namespace Orbitalyntra.Web.Chat;

/// <summary>
/// Every command on one conversation, for the chat hub and the REST endpoints alike: the access check
/// (<see cref="ConversationAccess"/>), the role the command needs, the rules of its fields, the grain call, and an
/// outcome that each of them words in its own way. A message sent either way takes this one path to
/// <see cref="IConversationGrain"/>, whose stream the relays pass on.
/// </summary>
public sealed class ConversationCommands(IClusterClient cluster, ConversationAccess access, TimeProvider time)
{
    /// <summary>The conversation's summary, read now, when the caller may reach it.</summary>
    public async Task<CommandOutcome<ConversationSummary>> Summary(ConversationCall call) =>
        await Find(call) is { } found ? found.Summary : ConversationNotFound(call.ConversationId);

    /// <summary>The conversation's key when the caller may reach it; the admission is remembered for the caller's later commands.</summary>
    public async Task<CommandOutcome<ConversationKey>> Admit(ConversationCall call) =>
        await Admitted(call) is { } key ? key : ConversationNotFound(call.ConversationId);

    /// <summary>
    /// Stores a message from the caller, or with <paramref name="isNote"/> a private note of the tenant's staff; a retry
    /// with the same client message id returns the message stored the first time.
    /// </summary>
    public async Task<CommandOutcome<ChatMessage>> Post(ConversationCall call, PostMessageRequest message, bool isNote)
    {
        if (await Admitted(call) is not { } key)
        {
            return ConversationNotFound(call.ConversationId);
        }

        if (isNote && !call.Caller.IsStaff())
        {
            return new CommandRefusal.Forbidden("Only the tenant's staff write private notes.");
        }

        var command = message.ToCommand(call.Caller.AsSender(), isNote);
        var problems = ChatRules.Check(command);
        if (problems.Count > 0)
        {
            return new CommandRefusal.Invalid("The message is not valid.", problems);
        }

        return Stored(await cluster.Conversation(key).Post(command), call.ConversationId);
    }

    /// <summary>Stores a file from the caller as a message whose text is the file's name; idempotent by client message id like a message.</summary>
    public async Task<CommandOutcome<ChatMessage>> PostFile(ConversationCall call, FilePost file)
    {
        if (await Admitted(call) is not { } key)
        {
            return ConversationNotFound(call.ConversationId);
        }

        var post = new PostMessage(file.ClientMessageId ?? "", call.Caller.AsSender(), file.Name ?? "");
        // The message's text is the file's name, which FileRules judge as a name, not ChatRules as a text.
        var problems = new Dictionary<string, string[]>(ChatRules.Check(post).Where(problem => problem.Key != "text"));
        if (FileRules.Problem(file.Name, file.ContentType, file.Content) is { } fileProblem)
        {
            problems["file"] = [fileProblem];
        }

        if (problems.Count > 0)
        {
            return new CommandRefusal.Invalid("The file is not valid.", problems);
        }

        return Stored(await cluster.Conversation(key).PostFile(post, file.ContentType!, file.Content), call.ConversationId);
    }

    /// <summary>Up to <paramref name="limit"/> messages after sequence number <paramref name="after"/>, oldest first; private notes for staff only.</summary>
    public async Task<CommandOutcome<MessagePage>> Read(ConversationCall call, long after, int limit)
    {
        if (await Admitted(call) is not { } key)
        {
            return ConversationNotFound(call.ConversationId);
        }

        var problems = new Dictionary<string, string[]>();
        if (after < 0)
        {
            problems["after"] = ["after must be 0 or more."];
        }

        if (limit is < 1 or > ChatRules.MaxPageSize)
        {
            problems["limit"] = [$"limit must be between 1 and {ChatRules.MaxPageSize}."];
        }

        if (problems.Count > 0)
        {
            return new CommandRefusal.Invalid("The page is not valid.", problems);
        }

        var page = await cluster.Conversation(key).ReadAfter(after, limit);
        return page is null ? ConversationNotFound(call.ConversationId) : call.Caller.IsStaff() ? page : page.WithoutNotes();
    }

    /// <summary>The file sent as message <paramref name="sequence"/>, unless it was a private note and the caller is not staff.</summary>
    public async Task<CommandOutcome<FileContent>> ReadFile(ConversationCall call, long sequence)
    {
        if (await Admitted(call) is not { } key)
        {
            return ConversationNotFound(call.ConversationId);
        }

        return await cluster.Conversation(key).ReadFile(sequence, seesNotes: call.Caller.IsStaff()) is { } file
            ? file
            : new CommandRefusal.NotFound("File not found.", $"Message {sequence} carries no file you may read.");
    }

    /// <summary>Moves the conversation to another status (staff only); snoozed conversations open again by themselves.</summary>
    public async Task<CommandOutcome<ConversationSummary>> SetStatus(ConversationCall call, StatusChange change)
    {
        if (await Admitted(call) is not { } key)
        {
            return ConversationNotFound(call.ConversationId);
        }

        if (!call.Caller.IsStaff())
        {
            return new CommandRefusal.Forbidden("Only the tenant's staff change a conversation's status.");
        }

        if (ChatRules.Check(change, time.GetUtcNow()) is { } problem)
        {
            return new CommandRefusal.Invalid("The status change is not valid.", new Dictionary<string, string[]> { ["status"] = [problem] });
        }

        return await cluster.Conversation(key).SetStatus(change) is { } summary ? summary : ConversationNotFound(call.ConversationId);
    }

    /// <summary>Tells the conversation's other watchers that the caller is typing; nothing is stored.</summary>
    public async Task<CommandOutcome<Done>> Typing(ConversationCall call)
    {
        if (await Admitted(call) is not { } key)
        {
            return ConversationNotFound(call.ConversationId);
        }

        await cluster.Conversation(key).Typing(call.Caller.AsSender());
        return new Done();
    }

    /// <summary>Tells the watchers that the caller received or read every message up to <paramref name="upToSequence"/>.</summary>
    public async Task<CommandOutcome<Done>> Acknowledge(ConversationCall call, ReceiptKind kind, long upToSequence)
    {
        if (await Admitted(call) is not { } key)
        {
            return ConversationNotFound(call.ConversationId);
        }

        return await cluster.Conversation(key).Acknowledge(call.Caller.AsSender(), kind, upToSequence)
            ? new Done()
            : new CommandRefusal.Rejected("The receipt is not valid.", "upToSequence must be between 1 and the conversation's newest message.");
    }

    /// <summary>Gives the conversation to the calling agent, who must be signed in (not an API key) and online.</summary>
    public async Task<CommandOutcome<Assignment>> Claim(ConversationCall call)
    {
        if (await Admitted(call) is not { } key)
        {
            return ConversationNotFound(call.ConversationId);
        }

        if (await cluster.SignedInAgentId(call.Caller, key.TenantId) is not { } agentId)
        {
            return new CommandRefusal.Forbidden("Only a signed-in agent claims conversations.");
        }

        return await Assign(key, agentId, new CommandRefusal.Conflict("Not online.", "Send a heartbeat with status online before claiming conversations."));
    }

    /// <summary>Gives the conversation to another agent of the tenant, online or not (staff only).</summary>
    public async Task<CommandOutcome<Assignment>> Transfer(ConversationCall call, string? agentId)
    {
        if (await Admitted(call) is not { } key)
        {
            return ConversationNotFound(call.ConversationId);
        }

        if (!call.Caller.IsStaff())
        {
            return new CommandRefusal.Forbidden("Only the tenant's staff route conversations.");
        }

        if (!Guid.TryParseExact(agentId, "N", out _) || await cluster.Agent(key.TenantId, agentId!).GetProfile() is null)
        {
            // Only a well-formed id is echoed: whatever a caller sends must not come back (or reach a log) as it was sent.
            return new CommandRefusal.NotFound("Agent not found.", Guid.TryParseExact(agentId, "N", out _) ? $"There is no agent '{agentId}' in this tenant." : "There is no such agent in this tenant.");
        }

        await cluster.GetGrain<IInboxGrain>(key.TenantId).Transfer(key.ConversationId, agentId!);
        return new Assignment(key.ConversationId, agentId!);
    }

    /// <summary>
    /// The visitor's answer to the assistant's suggestions: they answered the question (<paramref name="answered"/>: the
    /// conversation is resolved as deflected, counted once), or the visitor wants a person (it goes to the inbox).
    /// </summary>
    public Task<CommandOutcome<Done>> AnswerAssistant(ConversationCall call, bool answered) =>
        ToAssistant(call, (conversation, visitor) => answered ? conversation.ConfirmAnswered(visitor) : conversation.HandOff(visitor));

    /// <summary>The visitor opened one of the articles the assistant suggested (counted, nothing else).</summary>
    public Task<CommandOutcome<Done>> OpenedSuggestion(ConversationCall call, Guid articleId) =>
        ToAssistant(call, (conversation, visitor) => conversation.OpenedSuggestion(visitor, articleId));

    private async Task<CommandOutcome<Done>> ToAssistant(ConversationCall call, Func<IConversationGrain, Sender, Task<AssistantAnswer>> answer)
    {
        if (await Admitted(call) is not { } key)
        {
            return ConversationNotFound(call.ConversationId);
        }

        if (!call.Caller.IsVisitor())
        {
            return new CommandRefusal.Forbidden("Only the conversation's visitor answers the assistant.");
        }

        return await answer(cluster.Conversation(key), call.Caller.AsSender()) switch
        {
            AssistantAnswer.Done => new Done(),
            AssistantAnswer.NothingSuggested => new CommandRefusal.Conflict("Nothing suggested.", "The assistant has suggested no article in this conversation."),
            _ => ConversationNotFound(call.ConversationId),
        };
    }

    /// <summary>
    /// Mails the conversation's transcript to its visitor, the caller (docs/notifications.md): at once to a confirmed
    /// address, after the confirmation to one not confirmed yet; refused without an address.
    /// </summary>
    public async Task<CommandOutcome<TranscriptRequestOutcome>> RequestTranscript(ConversationCall call)
    {
        if (await Admitted(call) is not { } key)
        {
            return ConversationNotFound(call.ConversationId);
        }

        if (!call.Caller.IsVisitor())
        {
            return new CommandRefusal.Forbidden("Only the conversation's visitor asks for its transcript, which goes to their own address.");
        }

        return await cluster.VisitorMail(new SubjectKey(key.TenantId, call.Caller.SubjectId()!)).RequestTranscript(key.ConversationId) switch
        {
            TranscriptRequestOutcome.NoAddress => new CommandRefusal.Conflict(
                "No mail address.", "Give your e-mail address first (PUT /api/tenants/{tenantId}/visitors/me/mail); the transcript goes there once you confirm it."),
            TranscriptRequestOutcome.NothingToSend => new CommandRefusal.Conflict("Nothing to send.", "The conversation has no message yet."),
            TranscriptRequestOutcome.ConversationNotFound => ConversationNotFound(call.ConversationId),
            var outcome => outcome,
        };
    }

    /// <summary>What every refusal of a conversation the caller may not reach says: nothing tells a foreign one from a missing one.</summary>
    public static CommandRefusal ConversationNotFound(string conversationId) =>
        new CommandRefusal.NotFound(
            "Conversation not found.",
            Guid.TryParse(conversationId, out _) ? $"There is no conversation '{conversationId}' for you in this tenant." : "There is no such conversation for you in this tenant.");

    private async Task<CommandOutcome<Assignment>> Assign(ConversationKey key, string agentId, CommandRefusal notOnline) =>
        await cluster.GetGrain<IInboxGrain>(key.TenantId).Assign(key.ConversationId, agentId) ? new Assignment(key.ConversationId, agentId) : notOnline;

    /// <summary>The conversation's key when the caller was let in before (remembered in the call's admissions) or is now.</summary>
    private async Task<ConversationKey?> Admitted(ConversationCall call) =>
        ConversationAddress.TryParse(call.TenantId, call.ConversationId, out var key) && call.Admissions.ContainsKey(new Admission(key))
            ? key
            : (await Find(call))?.Key;

    private async Task<(ConversationKey Key, ConversationSummary Summary)?> Find(ConversationCall call)
    {
        var found = await access.Find(call.Caller, call.TenantId, call.ConversationId);
        if (found is { } admitted)
        {
            call.Admissions[new Admission(admitted.Key)] = true;
        }

        return found;
    }

    private static CommandOutcome<ChatMessage> Stored(PostOutcome outcome, string conversationId) => outcome.Status switch
    {
        PostStatus.Stored => outcome.Message!,
        PostStatus.AlreadyStored => CommandOutcome<ChatMessage>.Again(outcome.Message!),
        PostStatus.Rejected => new CommandRefusal.Rejected("The message is not valid.", outcome.Error!),
        PostStatus.Busy => new CommandRefusal.Busy(outcome.Error!),
        PostStatus.TooMany => new CommandRefusal.TooMany(outcome.Quota!),
        _ => ConversationNotFound(conversationId),
    };

    /// <summary>How a caller's admission to a conversation is remembered among the connection's or the request's items.</summary>
    private readonly record struct Admission(ConversationKey Key);
}
