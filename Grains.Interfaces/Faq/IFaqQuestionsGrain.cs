namespace Orbitalyntra.Faq;

/// <summary>
/// The questions of one tenant's day that the FAQ assistant had no good answer for (nothing found, or the visitor asked
/// for a person after its suggestions), keyed <c>{tenantId}:{yyyy-MM-dd}</c>. A text is kept only for a visitor who gave
/// the <c>faqImprovement</c> consent, sealed with their key; otherwise nothing is kept (the day's counts say how many).
/// It holds those visitors' personal data: erased and exported with them, purged after the tenant's faqQuestionDays
/// (docs/decisions/0025).
/// </summary>
[Alias("orbitalyntra.faq.IFaqQuestionsGrain")]
public interface IFaqQuestionsGrain : IGrainWithStringKey
{
    /// <summary>
    /// Keeps <paramref name="text"/>, asked by <paramref name="subjectId"/>, if they consented to faqImprovement and may
    /// be processed; true when it was kept. Nothing reaches storage otherwise.
    /// </summary>
    [Alias("Keep")]
    Task<bool> Keep(string subjectId, string text);

    /// <summary>The day's kept questions that can still be opened, for the tenant's administrators: texts and times, no person.</summary>
    [Alias("Read")]
    Task<IReadOnlyList<UnansweredQuestion>> Read();
}

/// <summary>A question the assistant had no good answer for.</summary>
/// <param name="AskedAt">When it was kept.</param>
/// <param name="Text">What the visitor asked.</param>
[GenerateSerializer, Immutable, Alias("orbitalyntra.faq.unanswered-question")]
public sealed record UnansweredQuestion([property: Id(0)] DateTimeOffset AskedAt, [property: Id(1)] string Text);

/// <summary>Typed access to the question grains.</summary>
public static class FaqQuestions
{
    /// <summary>The most questions a day keeps; later ones are only counted.</summary>
    public const int MaxPerDay = 500;

    /// <summary>The unanswered questions of <paramref name="tenantId"/> kept on <paramref name="day"/>.</summary>
    public static IFaqQuestionsGrain FaqQuestionsDay(this IGrainFactory grains, string tenantId, DateOnly day) =>
        grains.GetGrain<IFaqQuestionsGrain>(FaqEffectiveness.Day(tenantId, day));
}
