using Orbitalyntra.Faq;

namespace Orbitalyntra.UnitTests.Faq;

/// <summary>What the FAQ assistant takes for a question, which language it prefers, and what its message says.</summary>
public sealed class AssistantRulesTests
{
    [Theory]
    [InlineData("Hello", true, true)] // a conversation's first visitor message
    [InlineData("Do you ship to Canada", false, true)]
    [InlineData("combien coûte la livraison", false, true)]
    [InlineData("Où est ma commande", false, true)] // accents ignored: "ou"
    [InlineData("my parcel is late?", false, true)]
    [InlineData("thanks, bye", false, false)]
    [InlineData("Ma commande 1234 n'est pas arrivée.", false, false)]
    public void A_question_is_a_first_message_a_question_mark_or_a_question_word_first(string text, bool first, bool question) =>
        Assert.Equal(question, AssistantRules.IsQuestion(text, first));

    [Theory]
    [InlineData("Quels sont les délais de livraison ?", "fr")]
    [InlineData("How do I get a refund for my order?", "en")]
    [InlineData("remboursement", "fr")] // nothing to tell: French
    [InlineData("délai", "fr")]
    public void The_language_is_the_one_more_short_words_belong_to(string text, string language) =>
        Assert.Equal(language, AssistantRules.GuessLanguage(text));

    [Fact]
    public void The_message_names_each_suggested_article_in_both_languages()
    {
        var text = AssistantRules.Text([new FaqSuggestion(Guid.NewGuid(), "fr", "Délais de livraison"), new FaqSuggestion(Guid.NewGuid(), "en", "Refunds")]);
        Assert.StartsWith("Ces articles répondent peut-être à votre question / These articles may answer your question:", text, StringComparison.Ordinal);
        Assert.EndsWith("\n- Délais de livraison\n- Refunds", text, StringComparison.Ordinal);
    }

    [Fact]
    public void A_long_question_is_cut_to_the_longest_query()
    {
        Assert.Equal(FaqRules.MaxQueryLength, AssistantRules.Query(new string('a', FaqRules.MaxQueryLength + 50)).Length);
        Assert.Equal("short", AssistantRules.Query("short"));
    }
}
