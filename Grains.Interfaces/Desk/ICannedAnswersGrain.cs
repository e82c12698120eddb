using System.Text.RegularExpressions;

namespace Orbitalyntra.Desk;

/// <summary>A tenant's canned answers: texts its agents insert by shortcut. Keyed by the tenant id.</summary>
[Alias("orbitalyntra.desk.ICannedAnswersGrain")]
public interface ICannedAnswersGrain : IGrainWithStringKey
{
    /// <summary>Every canned answer, by shortcut.</summary>
    [Alias("List")]
    Task<IReadOnlyList<CannedAnswer>> List();

    /// <summary>Adds an answer; null when its shortcut is taken or the tenant has <see cref="CannedAnswerRules.MaxAnswers"/> already.</summary>
    [Alias("Add")]
    Task<CannedAnswer?> Add(string shortcut, string text);

    /// <summary>Removes an answer; false when there is no such answer.</summary>
    [Alias("Remove")]
    Task<bool> Remove(Guid answerId);
}

/// <summary>A canned answer.</summary>
/// <param name="AnswerId">Its id.</param>
/// <param name="Shortcut">What an agent types to insert it, e.g. <c>refund-policy</c>.</param>
/// <param name="Text">The text inserted.</param>
[GenerateSerializer, Immutable, Alias("orbitalyntra.desk.canned-answer")]
public sealed record CannedAnswer([property: Id(0)] Guid AnswerId, [property: Id(1)] string Shortcut, [property: Id(2)] string Text);

/// <summary>The rules of canned answers.</summary>
public static partial class CannedAnswerRules
{
    /// <summary>Most canned answers a tenant keeps.</summary>
    public const int MaxAnswers = 500;

    /// <summary>True for 1 to 32 lower-case letters, digits, '-' or '_'.</summary>
    public static bool IsShortcut(string? shortcut) => shortcut is not null && Shortcut().IsMatch(shortcut);

    [GeneratedRegex("^[a-z0-9_-]{1,32}$")]
    private static partial Regex Shortcut();
}
