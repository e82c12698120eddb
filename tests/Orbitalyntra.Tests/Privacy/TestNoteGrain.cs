using Orbitalyntra.Privacy;
using Orbitalyntra.Retention;

namespace Orbitalyntra.Tests.Privacy;

/// <summary>A holder of personal data that exists only in the tests: one note about one subject. Keyed <c>{tenantId}:{noteId}</c>.</summary>
[Alias("orbitalyntra.tests.ITestNoteGrain")]
public interface ITestNoteGrain : IGrainWithStringKey
{
    /// <summary>Keeps <paramref name="text"/> about the subject, sealed with their key; false when the subject was erased.</summary>
    [Alias("Keep")]
    Task<bool> Keep(string subjectId, string text);

    /// <summary>The note; null when there is none or it can no longer be opened.</summary>
    [Alias("Read")]
    Task<string?> Read();
}

/// <summary>
/// Plugs into the holder contracts exactly as a feature's grain would, and into nothing else: it records its place before
/// it gets the subject's key, touches the retention index on the day it is written (living by the conversation lifetime),
/// and answers erasure, export and purge. Its export section and purge count are registered by the test cluster.
/// </summary>
[GrainType("testnote")]
public sealed class TestNoteGrain(
    [PersistentState("note")] IPersistentState<TestNoteState> state,
    ISubjectPlaces places,
    IRetentionIndex retention,
    TimeProvider time) : Grain, ITestNoteGrain, IPersonalDataHolder, IRetentionHolder
{
    /// <summary>The export section and the purge count of notes.</summary>
    public const string Section = "testNotes";

    private string TenantId => this.GetPrimaryKeyString().Split(':')[0];

    private string Context => $"{this.GetPrimaryKeyString()}/note";

    private IDataSubjectGrain SubjectOf(string subjectId) => GrainFactory.DataSubject(new SubjectKey(TenantId, subjectId));

    async Task<bool> ITestNoteGrain.Keep(string subjectId, string text)
    {
        await places.Add(new SubjectKey(TenantId, subjectId), this.GetGrainId());
        if (await SubjectOf(subjectId).KeyToSeal() is not { } key)
        {
            return false;
        }

        var now = time.GetUtcNow();
        await retention.Touch(TenantId, DateOnly.FromDateTime(now.UtcDateTime), this.GetGrainId(), [RetentionKind.Conversation]);
        state.State = new TestNoteState(subjectId, Sealing.SealText(key, text, Context), now);
        await state.WriteStateAsync();
        return true;
    }

    Task<string?> ITestNoteGrain.Read() => Text();

    async Task IPersonalDataHolder.EraseSubject(SubjectKey subject)
    {
        if (state.State.SubjectId == subject.SubjectId)
        {
            await state.ClearStateAsync();
        }
    }

    async Task<IReadOnlyList<ExportItem>> IPersonalDataHolder.ExportSubject(SubjectKey subject) =>
        state.State.SubjectId == subject.SubjectId && await Text() is { } text
            ? [ExportItem.Of(Section, state.State.KeptAt, new ExportedNote(text))]
            : [];

    async Task<PurgeOutcome> IRetentionHolder.Purge(RetentionPolicy policy, DateTimeOffset now)
    {
        if (!state.RecordExists)
        {
            return PurgeOutcome.Gone;
        }

        if (state.State.KeptAt >= now - policy.LifetimeOf(RetentionKind.Conversation))
        {
            return PurgeOutcome.Kept;
        }

        await places.Remove(new SubjectKey(TenantId, state.State.SubjectId), this.GetGrainId());
        await state.ClearStateAsync();
        return PurgeOutcome.Deleted(new PurgeCount(Section, 1));
    }

    private async Task<string?> Text() =>
        state.RecordExists && await SubjectOf(state.State.SubjectId).KeyToRead() is { } key ? Sealing.OpenText(key, state.State.Sealed, Context) : null;
}

/// <summary>A note as stored: sealed with its subject's key.</summary>
[GenerateSerializer, Immutable, Alias("orbitalyntra.tests.test-note-state")]
public sealed record TestNoteState([property: Id(0)] string SubjectId, [property: Id(1)] byte[] Sealed, [property: Id(2)] DateTimeOffset KeptAt)
{
    public TestNoteState()
        : this("", [], default)
    {
    }
}

/// <summary>A note as exported.</summary>
public sealed record ExportedNote(string Text);
