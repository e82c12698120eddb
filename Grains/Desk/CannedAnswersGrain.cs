using System.Collections.Immutable;

namespace Orbitalyntra.Desk;

public sealed class CannedAnswersGrain(
    [PersistentState("canned-answers")] IPersistentState<CannedAnswersState> state) : Grain, ICannedAnswersGrain
{
    private ImmutableList<CannedAnswer> Answers => state.State.Answers ?? [];

    Task<IReadOnlyList<CannedAnswer>> ICannedAnswersGrain.List() =>
        Task.FromResult<IReadOnlyList<CannedAnswer>>(Answers.OrderBy(a => a.Shortcut, StringComparer.Ordinal).ToList());

    async Task<CannedAnswer?> ICannedAnswersGrain.Add(string shortcut, string text)
    {
        if (Answers.Count >= CannedAnswerRules.MaxAnswers || Answers.Any(a => a.Shortcut == shortcut))
        {
            return null;
        }

        var answer = new CannedAnswer(Guid.NewGuid(), shortcut, text);
        state.State = new CannedAnswersState(Answers.Add(answer));
        await state.WriteStateAsync();
        return answer;
    }

    async Task<bool> ICannedAnswersGrain.Remove(Guid answerId)
    {
        if (Answers.FirstOrDefault(a => a.AnswerId == answerId) is not { } answer)
        {
            return false;
        }

        state.State = new CannedAnswersState(Answers.Remove(answer));
        await state.WriteStateAsync();
        return true;
    }
}

[GenerateSerializer, Immutable, Alias("orbitalyntra.desk.canned-answers-state")]
public sealed record CannedAnswersState([property: Id(0)] ImmutableList<CannedAnswer>? Answers);
