using System.Collections.Immutable;
using System.Security.Cryptography;
using Orbitalyntra.Privacy;
using Orbitalyntra.Retention;

namespace Orbitalyntra.Faq;

/// <summary>
/// Keeps a day's unanswered questions of consenting visitors, each sealed with its asker's key (decision 0008): erasing
/// the asker destroys the key first, then <see cref="IPersonalDataHolder.EraseSubject"/> drops the entries. Before it
/// gets a key it records itself among the asker's places, and the day in the retention index.
/// </summary>
[GrainType(GrainTypeName)]
public sealed class FaqQuestionsGrain(
    [PersistentState("faq-questions")] IPersistentState<FaqQuestionsState> state,
    ISubjectPlaces places,
    IRetentionIndex retention,
    TimeProvider time) : Grain, IFaqQuestionsGrain, IPersonalDataHolder, IRetentionHolder
{
    /// <summary>The grain type, stored in places and index rows: never to change.</summary>
    public const string GrainTypeName = "faqquestions";

    /// <summary>The export section and the purge count of kept questions.</summary>
    public const string Section = "faqQuestions";

    private string TenantId => FaqEffectiveness.ParseDay(this.GetPrimaryKeyString()).TenantId;

    private DateOnly Day => FaqEffectiveness.ParseDay(this.GetPrimaryKeyString()).Day;

    private IDataSubjectGrain SubjectOf(string subjectId) => GrainFactory.DataSubject(new SubjectKey(TenantId, subjectId));

    private static string Context(Guid entryId) => $"faq-question/{entryId:N}";

    async Task<bool> IFaqQuestionsGrain.Keep(string subjectId, string text)
    {
        if (state.State.Entries.Count >= FaqQuestions.MaxPerDay || !await SubjectOf(subjectId).MayProcess(ConsentPurpose.FaqImprovement))
        {
            return false;
        }

        await places.Add(new SubjectKey(TenantId, subjectId), this.GetGrainId());
        if (await SubjectOf(subjectId).KeyToSeal() is not { } key)
        {
            return false;
        }

        await retention.Touch(TenantId, Day, this.GetGrainId(), [RetentionKind.FaqQuestions]);
        var entryId = Guid.NewGuid();
        var entry = new KeptQuestion(entryId, subjectId, Sealing.SealText(key, text, Context(entryId)), time.GetUtcNow());
        state.State = state.State with { Entries = state.State.Entries.Add(entry) };
        await state.WriteStateAsync();
        return true;
    }

    async Task<IReadOnlyList<UnansweredQuestion>> IFaqQuestionsGrain.Read() =>
        [.. (await Opened(state.State.Entries)).Select(e => new UnansweredQuestion(e.Entry.AskedAt, e.Text))];

    async Task IPersonalDataHolder.EraseSubject(SubjectKey subject)
    {
        if (state.State.Entries.Any(e => e.SubjectId == subject.SubjectId))
        {
            state.State = state.State with { Entries = state.State.Entries.RemoveAll(e => e.SubjectId == subject.SubjectId) };
            await state.WriteStateAsync();
        }
    }

    async Task<IReadOnlyList<ExportItem>> IPersonalDataHolder.ExportSubject(SubjectKey subject) =>
        [.. (await Opened(state.State.Entries.Where(e => e.SubjectId == subject.SubjectId)))
            .Select(e => ExportItem.Of(Section, e.Entry.AskedAt, new UnansweredQuestion(e.Entry.AskedAt, e.Text)))];

    async Task<PurgeOutcome> IRetentionHolder.Purge(RetentionPolicy policy, DateTimeOffset now)
    {
        if (!state.RecordExists)
        {
            return PurgeOutcome.Gone;
        }

        if (Day >= DateOnly.FromDateTime((now - policy.LifetimeOf(RetentionKind.FaqQuestions)).UtcDateTime))
        {
            return PurgeOutcome.Kept;
        }

        var entries = state.State.Entries;
        foreach (var subjectId in entries.Select(e => e.SubjectId).Distinct())
        {
            await places.Remove(new SubjectKey(TenantId, subjectId), this.GetGrainId());
        }

        await state.ClearStateAsync();
        return PurgeOutcome.Deleted(new PurgeCount(Section, entries.Count));
    }

    /// <summary>The entries whose asker's key still opens them, with their texts.</summary>
    private async Task<IReadOnlyList<(KeptQuestion Entry, string Text)>> Opened(IEnumerable<KeptQuestion> entries)
    {
        var opened = new List<(KeptQuestion Entry, string Text)>();
        foreach (var group in entries.GroupBy(e => e.SubjectId))
        {
            if (await SubjectOf(group.Key).KeyToRead() is not { } key)
            {
                continue;
            }

            foreach (var entry in group)
            {
                try
                {
                    opened.Add((entry, Sealing.OpenText(key, entry.Sealed, Context(entry.EntryId))));
                }
                catch (CryptographicException)
                {
                    // Altered ciphertext is left out rather than shown as anything it was not.
                }
            }
        }

        return [.. opened.OrderBy(e => e.Entry.AskedAt)];
    }
}

/// <summary>A day's kept questions.</summary>
[GenerateSerializer, Immutable, Alias("orbitalyntra.faq.questions-state")]
public sealed record FaqQuestionsState([property: Id(0)] ImmutableList<KeptQuestion> Entries)
{
    public FaqQuestionsState()
        : this(ImmutableList<KeptQuestion>.Empty)
    {
    }
}

/// <summary>A kept question: its asker by subject id, its text sealed with their key.</summary>
[GenerateSerializer, Immutable, Alias("orbitalyntra.faq.kept-question")]
public sealed record KeptQuestion(
    [property: Id(0)] Guid EntryId,
    [property: Id(1)] string SubjectId,
    [property: Id(2)] byte[] Sealed,
    [property: Id(3)] DateTimeOffset AskedAt);
