using System.Globalization;
using System.Text;

namespace Orbitalyntra.Faq;

/// <summary>An article the chat's assistant suggests: enough for a widget to name it and open it from the help center.</summary>
/// <param name="ArticleId">The article.</param>
/// <param name="Language">Its language (<c>fr</c> or <c>en</c>).</param>
/// <param name="Title">Its title when it was suggested.</param>
[GenerateSerializer, Immutable, Alias("orbitalyntra.faq.suggestion")]
public sealed record FaqSuggestion([property: Id(0)] Guid ArticleId, [property: Id(1)] string Language, [property: Id(2)] string Title);

/// <summary>
/// The rules of the chat's assistant (docs/decisions/0025): what counts as a question, which language to prefer, and
/// the readable text of its message.
/// </summary>
public static class AssistantRules
{
    /// <summary>The most articles one assistant message suggests.</summary>
    public const int MaxSuggestions = 3;

    // Words that open a question in French or English, compared without accents and in lower case.
    private static readonly HashSet<string> FrenchQuestionWords =
        ["comment", "pourquoi", "quand", "ou", "quel", "quelle", "quels", "quelles", "combien", "qui", "quoi", "est-ce", "puis-je", "pouvez-vous", "peut-on", "peux-tu", "avez-vous", "faut-il"];

    private static readonly HashSet<string> EnglishQuestionWords =
        ["how", "why", "when", "where", "what", "which", "who", "can", "could", "do", "does", "did", "is", "are", "should", "will", "would"];

    // Frequent short words that tell French from English in a question.
    private static readonly HashSet<string> FrenchMarkers =
        ["je", "j", "le", "la", "les", "un", "une", "des", "de", "du", "mon", "ma", "mes", "est", "pas", "pour", "avec", "et", "il", "vous", "ne"];

    private static readonly HashSet<string> EnglishMarkers =
        ["i", "the", "a", "an", "my", "is", "not", "for", "with", "and", "it", "you", "to", "of", "do", "can"];

    /// <summary>
    /// Whether a visitor's message is a question: it is the conversation's first visitor message, or it holds a '?', or
    /// its first word is a French or English question word ("comment", "combien", "how", "can"…).
    /// </summary>
    public static bool IsQuestion(string text, bool isFirstVisitorMessage) =>
        isFirstVisitorMessage || text.Contains('?') || Words(text).FirstOrDefault() is { } first
            && (FrenchQuestionWords.Contains(first) || EnglishQuestionWords.Contains(first));

    /// <summary>The question's likely language, <c>fr</c> or <c>en</c>: the one more of its short common words belong to (French on a tie with accents).</summary>
    public static string GuessLanguage(string text)
    {
        var words = Words(text).ToList();
        var french = words.Count(FrenchMarkers.Contains) + (text.Any(c => "éèêàçùûôîœ".Contains(char.ToLowerInvariant(c))) ? 1 : 0);
        var english = words.Count(EnglishMarkers.Contains);
        return english > french ? "en" : "fr";
    }

    /// <summary>The question as a search query: cut to <see cref="FaqRules.MaxQueryLength"/> characters.</summary>
    public static string Query(string text) => text.Length <= FaqRules.MaxQueryLength ? text : text[..FaqRules.MaxQueryLength];

    /// <summary>What the assistant's message says, in French and English, naming the articles it suggests.</summary>
    public static string Text(IReadOnlyList<FaqSuggestion> suggestions)
    {
        var text = new StringBuilder("Ces articles répondent peut-être à votre question / These articles may answer your question:");
        foreach (var suggestion in suggestions)
        {
            text.Append("\n- ").Append(suggestion.Title);
        }

        return text.ToString();
    }

    private static IEnumerable<string> Words(string text) =>
        Fold(text).Split([' ', '\t', '\n', '\r', ',', '.', '!', '?', ';', ':', '\'', '’', '"', '(', ')'], StringSplitOptions.RemoveEmptyEntries);

    private static string Fold(string text)
    {
        var decomposed = text.ToLowerInvariant().Normalize(NormalizationForm.FormD);
        return new string(decomposed.Where(c => CharUnicodeInfo.GetUnicodeCategory(c) != UnicodeCategory.NonSpacingMark).ToArray());
    }
}
