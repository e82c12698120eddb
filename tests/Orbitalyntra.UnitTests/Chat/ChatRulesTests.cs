using Orbitalyntra.Chat;

namespace Orbitalyntra.UnitTests.Chat;

/// <summary>What a message and a status change must be, as the edge and the conversation grain both check it.</summary>
public sealed class ChatRulesTests
{
    private static readonly Sender Visitor = new(SenderRole.Visitor, "visitor-1");
    private static readonly Sender Agent = new(SenderRole.Agent, "agent-1");
    private static readonly DateTimeOffset Now = new(2026, 11, 27, 10, 0, 0, TimeSpan.Zero);

    private static IReadOnlyDictionary<string, string[]> Check(string clientMessageId = "m-1", string text = "hello", Sender? sender = null, bool isNote = false) =>
        ChatRules.Check(new PostMessage(clientMessageId, sender ?? Visitor, text, isNote));

    [Fact]
    public void A_message_with_an_id_a_sender_and_text_is_valid()
    {
        Assert.Empty(Check());
        Assert.Empty(Check(sender: Agent, isNote: true));
    }

    [Theory]
    [InlineData("")]
    [InlineData("no spaces allowed")]
    [InlineData("dots.are.not.ids")]
    [InlineData("ünïcode")]
    public void A_client_message_id_is_letters_digits_dashes_or_underscores(string clientMessageId) =>
        Assert.Equal(["clientMessageId"], Check(clientMessageId).Keys);

    [Fact]
    public void Ids_are_at_most_64_characters()
    {
        Assert.True(OpaqueIds.IsValid(new string('a', ChatRules.MaxIdLength)));
        Assert.False(OpaqueIds.IsValid(new string('a', ChatRules.MaxIdLength + 1)));
        Assert.False(OpaqueIds.IsValid(null));
        Assert.Equal(["senderId"], Check(sender: Visitor with { Id = new string('v', ChatRules.MaxIdLength + 1) }).Keys);
    }

    [Fact]
    public void A_sender_role_outside_visitor_and_agent_is_refused() =>
        Assert.Contains("senderRole", Check(sender: new Sender((SenderRole)7, "someone")).Keys);

    [Fact]
    public void Only_staff_write_private_notes() => Assert.Equal(["isNote"], Check(isNote: true).Keys);

    [Theory]
    [InlineData("")]
    [InlineData(" \n\t ")]
    public void Blank_text_is_refused(string text) => Assert.Equal("text must not be empty.", ChatRules.TextProblem(text));

    [Theory]
    [InlineData("x", 1)]
    [InlineData("é", 2)]
    [InlineData("€", 3)]
    [InlineData("😀", 4)]
    public void Text_is_measured_in_UTF8_bytes_up_to_8_KiB(string character, int bytesEach)
    {
        var fits = string.Concat(Enumerable.Repeat(character, ChatRules.MaxTextBytes / bytesEach));
        var tooLong = fits + string.Concat(Enumerable.Repeat("x", (ChatRules.MaxTextBytes % bytesEach) + 1));

        Assert.Null(ChatRules.TextProblem(fits));
        Assert.Equal("text must be at most 8192 bytes of UTF-8.", ChatRules.TextProblem(tooLong));
    }

    [Fact]
    public void Every_problem_of_a_post_is_reported_at_once() =>
        Assert.Equal(["clientMessageId", "isNote", "senderId", "text"], Check("", " ", Visitor with { Id = "" }, isNote: true).Keys.Order());

    [Theory]
    [InlineData(ConversationStatus.Open)]
    [InlineData(ConversationStatus.Pending)]
    [InlineData(ConversationStatus.Resolved)]
    public void A_status_other_than_snoozed_takes_no_time(ConversationStatus status)
    {
        Assert.Null(ChatRules.Check(new StatusChange(status), Now));
        Assert.Equal("snoozeUntil goes only with status snoozed.", ChatRules.Check(new StatusChange(status, Now.AddHours(1)), Now));
    }

    [Fact]
    public void A_snooze_needs_a_time_in_the_future_at_most_90_days_away()
    {
        Assert.Null(ChatRules.Check(new StatusChange(ConversationStatus.Snoozed, Now.AddSeconds(1)), Now));
        Assert.Null(ChatRules.Check(new StatusChange(ConversationStatus.Snoozed, Now + ChatRules.MaxSnooze), Now));
        Assert.Equal("snoozeUntil is required to snooze.", ChatRules.Check(new StatusChange(ConversationStatus.Snoozed), Now));
        Assert.Contains("in the future", ChatRules.Check(new StatusChange(ConversationStatus.Snoozed, Now), Now));
        Assert.Contains("at most 90 days", ChatRules.Check(new StatusChange(ConversationStatus.Snoozed, Now + ChatRules.MaxSnooze + TimeSpan.FromSeconds(1)), Now));
    }

    [Fact]
    public void An_unknown_status_is_refused() =>
        Assert.Equal("status must be open, pending, resolved or snoozed.", ChatRules.Check(new StatusChange((ConversationStatus)9), Now));
}
