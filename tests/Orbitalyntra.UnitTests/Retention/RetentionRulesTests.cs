using Orbitalyntra.Retention;

namespace Orbitalyntra.UnitTests.Retention;

/// <summary>The limits of a retention policy, and the lifetime it gives each kind of data.</summary>
public sealed class RetentionRulesTests
{
    [Fact]
    public void The_default_policy_is_valid() => Assert.Empty(RetentionRules.Check(RetentionPolicy.Default));

    [Theory]
    [InlineData(RetentionKind.Conversation, 365)]
    [InlineData(RetentionKind.VisitorSession, 180)]
    [InlineData(RetentionKind.PageViews, 90)]
    [InlineData(RetentionKind.DeviceData, 30)]
    [InlineData(RetentionKind.Analytics, 760)]
    [InlineData(RetentionKind.Audit, 2190)]
    public void Each_kind_lives_as_many_days_as_its_field_says(RetentionKind kind, int days) =>
        Assert.Equal(TimeSpan.FromDays(days), RetentionPolicy.Default.LifetimeOf(kind));

    [Fact]
    public void Each_field_sets_the_lifetime_of_its_own_kind_only()
    {
        var policy = new RetentionPolicy(1, 2, 3, 4, 5, 400, 6);

        Assert.Equal([1, 2, 3, 4, 5, 400, 6], Enum.GetValues<RetentionKind>().Select(kind => (int)policy.LifetimeOf(kind).TotalDays));
    }

    [Theory]
    [InlineData(0, "conversationDays must be between 1 and 3650 days.")]
    [InlineData(3651, "conversationDays must be between 1 and 3650 days.")]
    public void Lifetimes_are_between_a_day_and_ten_years(int days, string problem) =>
        Assert.Contains(problem, RetentionRules.Check(RetentionPolicy.Default with { ConversationDays = days }));

    [Fact]
    public void Ten_years_is_allowed_when_the_audit_trail_lives_as_long() =>
        Assert.Empty(RetentionRules.Check(RetentionPolicy.Default with { ConversationDays = RetentionRules.MaxDays, AuditDays = RetentionRules.MaxDays }));

    [Theory]
    [InlineData(364)]
    [InlineData(759)]
    public void The_audit_trail_lives_at_least_a_year_and_at_least_as_long_as_any_other_kind(int auditDays) =>
        Assert.Equal(
            ["auditDays must be at least 365 and at least every other lifetime: the audit trail proves what happened to the data."],
            RetentionRules.Check(RetentionPolicy.Default with { AuditDays = auditDays }));

    [Fact]
    public void Every_problem_is_reported_at_once() =>
        Assert.Equal(7, RetentionRules.Check(new RetentionPolicy(0, 0, 0, 0, 0, 0)).Count);
}
