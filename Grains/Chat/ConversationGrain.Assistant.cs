using Orbitalyntra.Accounts;
using Orbitalyntra.Analytics;
using Orbitalyntra.Faq;

namespace Orbitalyntra.Chat;

/// <summary>
/// The FAQ assistant in the conversation (docs/decisions/0025). A visitor's question (<see cref="AssistantRules.IsQuestion"/>)
/// is followed, after its acknowledgement, by a one-way call of the conversation to itself: the visitor's answer never
/// waits for the search. Up to three articles are posted as an ordinary message of <see cref="SenderRole.Assistant"/>,
/// its client message id made from the question's sequence so that it is posted once. Under
/// <see cref="AssistantMode.BeforeAgents"/> a conversation still waiting in the inbox leaves it while it is with the
/// assistant (<c>WithAssistant</c>, stored before it leaves) and goes back with "talk to a person" or any further visitor
/// message; nothing else takes it out, so it is never lost.
/// </summary>
public sealed partial class ConversationGrain
{
    /// <summary>Who the assistant's messages are from; an id no visitor or agent has (theirs are hex).</summary>
    internal static readonly Sender AssistantSender = new(SenderRole.Assistant, "faq-assistant");

    private const string AssistantMessagePrefix = "assistant-";

    private static string AssistantMessageId(long questionSequence) => $"{AssistantMessagePrefix}{questionSequence}";

    /// <summary>
    /// Calls <see cref="IConversationGrain.FollowVisitorMessage"/> one way when a message of the conversation's visitor
    /// may need it: a further message while with the assistant, or a question. Other messages make no call at all.
    /// </summary>
    private void FollowUp(ChatMessage message)
    {
        if (message.Sender.Role != SenderRole.Visitor || message.Sender.Id != state.State.VisitorId)
        {
            return;
        }

        if (state.State.WithAssistant || (message.File is null && AssistantRules.IsQuestion(message.Text, IsFirstVisitorMessage(message))))
        {
            // Queued behind this turn (the grain is not reentrant): it runs once the post has been answered.
            _ = this.AsReference<IConversationGrain>().FollowVisitorMessage(message.Sequence);
        }
    }

    private bool IsFirstVisitorMessage(ChatMessage message) =>
        tail.After(0, TailCapacity) is { } whole && !whole.Any(m => m.Sequence < message.Sequence && m.Sender.Role == SenderRole.Visitor);

    async Task IConversationGrain.FollowVisitorMessage(long sequence)
    {
        if (!Started || tail.After(sequence - 1, 1)?.FirstOrDefault() is not { Erased: false } question
            || question.Sequence != sequence || tail.Find(AssistantSender, AssistantMessageId(sequence)) is not null)
        {
            return;
        }

        if (state.State.WithAssistant)
        {
            await HandOffToInbox();
            return;
        }

        var mode = (await GrainFactory.GetGrain<ITenantGrain>(key.TenantId).GetSettings())?.Assistant ?? AssistantMode.Off;
        if (mode == AssistantMode.Off
            || (mode == AssistantMode.BeforeAgents && (state.State.HandedOff || await AnsweredBefore(sequence)))
            || !await GrainFactory.GetGrain<IKnowledgeBaseGrain>(key.TenantId).HasPublished())
        {
            return;
        }

        await CountFaq(FaqEvent.QuestionAsked, []);
        var hits = await GrainFactory.SearchFaq(
            key.TenantId, AssistantRules.Query(question.Text), AssistantRules.GuessLanguage(question.Text), AssistantRules.MaxSuggestions);
        if (hits.Count == 0)
        {
            await CountFaq(FaqEvent.NoResult, []);
            await KeepUnanswered(question);
            return;
        }

        var suggestions = hits.Select(hit => new FaqSuggestion(hit.ArticleId, hit.Language, hit.Title)).ToList();
        var post = new PostMessage(AssistantMessageId(sequence), AssistantSender, AssistantRules.Text(suggestions));
        if ((await Append(post, file: null, suggestions)).Status != PostStatus.Stored)
        {
            return;
        }

        await CountFaq(FaqEvent.Suggested, [.. suggestions.Select(s => s.ArticleId)]);
        if (mode == AssistantMode.BeforeAgents)
        {
            await WaitWithAssistant();
        }
    }

    async Task<AssistantAnswer> IConversationGrain.ConfirmAnswered(Sender visitor)
    {
        if (Suggested(visitor) is not { } suggested)
        {
            return Started && IsOwnVisitor(visitor) ? AssistantAnswer.NothingSuggested : AssistantAnswer.ConversationNotFound;
        }

        if (state.State.Deflected)
        {
            return AssistantAnswer.Done;
        }

        // Remembered before it is counted, so that it counts once however often the visitor clicks.
        state.State = state.State with { Deflected = true, WithAssistant = false };
        await state.WriteStateAsync();
        await CountFaq(FaqEvent.Helpful, suggested);
        await CountFaq(FaqEvent.Deflected, []);
        await ((IConversationGrain)this).SetStatus(new StatusChange(ConversationStatus.Resolved));
        return AssistantAnswer.Done;
    }

    async Task<AssistantAnswer> IConversationGrain.HandOff(Sender visitor)
    {
        if (Suggested(visitor) is not { } suggested)
        {
            return Started && IsOwnVisitor(visitor) ? AssistantAnswer.NothingSuggested : AssistantAnswer.ConversationNotFound;
        }

        if (!state.State.HandedOff)
        {
            await CountFaq(FaqEvent.NotHelpful, suggested);
            if (QuestionAnsweredLast() is { } question)
            {
                await KeepUnanswered(question);
            }
        }

        await HandOffToInbox();
        if (state.State.Status == ConversationStatus.Resolved)
        {
            // A person asked for after all (the widget shows the buttons again after a reload, and "this answered my
            // question" resolved it): opening it again routes it as any reopened conversation.
            await ((IConversationGrain)this).SetStatus(new StatusChange(ConversationStatus.Open));
        }

        return AssistantAnswer.Done;
    }

    async Task<AssistantAnswer> IConversationGrain.OpenedSuggestion(Sender visitor, Guid articleId)
    {
        if (Suggested(visitor) is null)
        {
            return Started && IsOwnVisitor(visitor) ? AssistantAnswer.NothingSuggested : AssistantAnswer.ConversationNotFound;
        }

        if (tail.Latest(m => m.Suggestions?.Any(s => s.ArticleId == articleId) == true) is null)
        {
            return AssistantAnswer.NothingSuggested;
        }

        await CountFaq(FaqEvent.Opened, [articleId]);
        return AssistantAnswer.Done;
    }

    private bool IsOwnVisitor(Sender sender) => sender.Role == SenderRole.Visitor && sender.Id == state.State.VisitorId;

    /// <summary>The articles the assistant suggested last, when <paramref name="visitor"/> is the conversation's visitor and there are any.</summary>
    private IReadOnlyList<Guid>? Suggested(Sender visitor) =>
        Started && IsOwnVisitor(visitor) && tail.Latest(m => m.Sender.Role == SenderRole.Assistant)?.Suggestions is { } suggestions
            ? [.. suggestions.Select(s => s.ArticleId)]
            : null;

    /// <summary>The question the assistant's newest message answered, while the tail holds it.</summary>
    private ChatMessage? QuestionAnsweredLast() =>
        tail.Latest(m => m.Sender.Role == SenderRole.Assistant) is { } answer
        && long.TryParse(answer.ClientMessageId.AsSpan(AssistantMessagePrefix.Length), out var sequence)
        && tail.After(sequence - 1, 1)?.FirstOrDefault() is { Erased: false } question && question.Sequence == sequence
            ? question
            : null;

    /// <summary>
    /// Offers a question without a good answer to the day's kept questions, which keep its text only with the visitor's
    /// faqImprovement consent (and otherwise store nothing); a failure loses it, never the chat.
    /// </summary>
    private Task KeepUnanswered(ChatMessage question) =>
        AnalyticsFeed.Count(logger, key.TenantId, "FAQ question", () => GrainFactory.FaqQuestionsDay(key.TenantId, Today).Keep(question.Sender.Id, question.Text));

    private DateOnly Today => DateOnly.FromDateTime(time.GetUtcNow().UtcDateTime);

    /// <summary>Takes a conversation that waits unassigned out of the inbox while it is with the assistant; one already assigned stays with its agent.</summary>
    private async Task WaitWithAssistant()
    {
        if (!(await Inbox.GetInbox()).Waiting.Contains(key.ConversationId))
        {
            return;
        }

        // Stored first: a crash in between leaves it in the inbox as well, never in neither.
        state.State = state.State with { WithAssistant = true };
        await state.WriteStateAsync();
        await Inbox.Release(key.ConversationId);
    }

    /// <summary>Gives the conversation to agents (the normal routing) if it waited with the assistant; counted once per conversation.</summary>
    private async Task HandOffToInbox()
    {
        var waited = state.State.WithAssistant;
        if (state.State.HandedOff && !waited)
        {
            return;
        }

        var first = !state.State.HandedOff;
        state.State = state.State with { WithAssistant = false, HandedOff = true };
        await state.WriteStateAsync();
        if (waited && state.State.Status == ConversationStatus.Open)
        {
            await Inbox.Enqueue(key.ConversationId);
        }

        if (first)
        {
            await CountFaq(FaqEvent.HandedOff, []);
        }
    }

    private Task CountFaq(FaqEvent what, IReadOnlyList<Guid> articles) =>
        AnalyticsFeed.Count(logger, key.TenantId, $"FAQ {what}", () =>
            GrainFactory.FaqEffectivenessDay(key.TenantId, Today).Count(what, articles));
}
