namespace Orbitalyntra.UnitTests;

/// <summary>What a person's text may hold (issue 19's stored garbage), for names and for texts of several lines.</summary>
public sealed class TextRulesTests
{
    public static TheoryData<string, string> Garbage => new()
    {
        { "NUL", "a\0b" },
        { "ANSI escape", "\u001b[31mred\u001b[0m" },
        { "bell", "ding\a" },
        { "noncharacter U+FFFF", "a\uffffb" },
        { "noncharacter U+FDD0", "a\ufdd0b" },
        { "zero-width only", "\u200b\u200c\u200d\ufeff" },
        { "spaces and zero-width only", " \u200b \u2060 " },
    };

    [Theory]
    [MemberData(nameof(Garbage))]
    public void Garbage_is_refused_in_names_and_texts(string what, string value)
    {
        Assert.True(TextRules.NameProblem(value) is not null, $"a name with {what}");
        Assert.True(TextRules.ProseProblem(value) is not null, $"a text with {what}");
    }

    [Fact]
    public void A_lone_surrogate_is_refused()
    {
        // Not theory data: the runner would carry it as U+FFFD.
        var value = "a" + (char)0xD800 + "b";
        Assert.NotNull(TextRules.NameProblem(value));
        Assert.NotNull(TextRules.ProseProblem(value));
    }

    [Theory]
    [InlineData("invoice\u202egpj.exe")]
    [InlineData("\u2066admin\u2069")]
    [InlineData("two\nlines")]
    [InlineData("tab\there")]
    public void A_name_is_one_line_without_bidirectional_controls(string name) => Assert.NotNull(TextRules.NameProblem(name));

    [Theory]
    [InlineData("Bonjour,\r\nje voudrais\tsavoir…")]
    [InlineData("مرحبا \u200f(RTL mark) and emoji 👋🏽 and é")]
    [InlineData("Zoë Ångström-Ærø")]
    public void Ordinary_text_passes(string text) => Assert.Null(TextRules.ProseProblem(text));

    [Theory]
    [InlineData("Zoë Ångström-Ærø")]
    [InlineData("李小龍")]
    [InlineData("Renée 👩🏽‍💻")]
    public void Ordinary_names_pass(string name) => Assert.Null(TextRules.NameProblem(name));

    [Fact]
    public void A_message_of_zero_width_characters_is_empty_and_one_with_nul_is_refused()
    {
        Assert.Equal("text must not be empty.", Orbitalyntra.Chat.ChatRules.TextProblem("\u200b\u200b"));
        Assert.StartsWith("text must not contain control characters", Orbitalyntra.Chat.ChatRules.TextProblem("a\0b"));
    }
}
