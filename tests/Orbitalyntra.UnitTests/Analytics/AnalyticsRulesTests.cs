using Orbitalyntra.Analytics;
using Orbitalyntra.Visitors;

namespace Orbitalyntra.UnitTests.Analytics;

/// <summary>What the day's aggregates keep of a page view (the moves between pages are in AggregateTests).</summary>
public sealed class AnalyticsRulesTests
{
    private static readonly DateTimeOffset At = new(2026, 11, 27, 10, 0, 0, TimeSpan.Zero);

    [Fact]
    public void A_move_counts_up_to_thirty_minutes_after_the_page_before()
    {
        var now = new PageView(At, "/b", null, null, 0);

        Assert.Equal("/a", AnalyticsRules.Hit(now, new PageView(At - AnalyticsRules.TransitionWindow, "/a", null, null, 0)).FromPath);
        Assert.Null(AnalyticsRules.Hit(now, new PageView(At - AnalyticsRules.TransitionWindow - TimeSpan.FromSeconds(1), "/a", null, null, 0)).FromPath);
    }

    [Fact]
    public void Long_paths_are_cut_to_200_characters_both_ways()
    {
        var longPath = "/" + new string('p', 300);

        var hit = AnalyticsRules.Hit(new PageView(At, longPath, null, null, 0), new PageView(At, longPath, null, null, 0));

        Assert.Equal(longPath[..AnalyticsRules.MaxPathLength], hit.Path);
        Assert.Equal(longPath[..AnalyticsRules.MaxPathLength], hit.FromPath);
    }

    [Fact]
    public void An_anonymous_hit_keeps_the_path_and_the_time_on_page_only()
    {
        var hit = AnalyticsRules.Hit(new PageViewReport("https://shop.example/p?email=ada@example.com", "Title", null, 1_500), null, At);

        Assert.Equal(new PageHit("/p", null, 1_500), hit);
    }

    [Theory]
    [InlineData(null)]
    [InlineData("https://shop.example/a")]
    [InlineData("http://elsewhere.example/")]
    public void A_previous_address_is_absent_or_an_absolute_web_address(string? previousUrl) =>
        Assert.Null(AnalyticsRules.PreviousUrlProblem(previousUrl));

    [Theory]
    [InlineData("")]
    [InlineData("/a")]
    [InlineData("mailto:ada@example.com")]
    public void Any_other_previous_address_is_refused(string previousUrl) =>
        Assert.StartsWith("previousUrl must be", AnalyticsRules.PreviousUrlProblem(previousUrl));

    [Fact]
    public void A_previous_address_is_at_most_2048_characters() =>
        Assert.NotNull(AnalyticsRules.PreviousUrlProblem("https://shop.example/" + new string('a', TrackingRules.MaxUrlLength)));
}
