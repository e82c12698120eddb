using Orbitalyntra.Analytics;

namespace Orbitalyntra.UnitTests.Analytics;

/// <summary>How days of counters become the report: a row a day, totals, and the top pages and moves.</summary>
public sealed class AnalyticsReportTests
{
    private static readonly DateOnly From = new(2026, 11, 1);

    private static AnalyticsDayCounts Day(long uniqueVisitors, params (string Path, string? From, int Ms)[] hits) =>
        hits.Aggregate(AnalyticsDayCounts.Empty with { UniqueVisitors = uniqueVisitors }, (counts, hit) => counts.With(new PageHit(hit.Path, hit.From, hit.Ms)));

    [Fact]
    public void Each_day_gets_its_row_and_the_totals_count_visitor_days_not_visitors()
    {
        var report = AnalyticsReport.Of(From, [Day(3, ("/a", null, 1_000), ("/b", "/a", 0)), AnalyticsDayCounts.Empty, Day(2, ("/a", null, 3_000))]);

        Assert.Equal(From.AddDays(2), report.To);
        Assert.Equal([From, From.AddDays(1), From.AddDays(2)], report.Days.Select(d => d.Day!.Value));
        Assert.Equal([3L, 0, 2], report.Days.Select(d => d.UniqueVisitors!.Value));
        Assert.Equal(3, report.Totals.PageViews);
        Assert.Equal(5, report.Totals.VisitorDays);
        Assert.Null(report.Totals.UniqueVisitors);
        Assert.Null(report.Totals.Day);
        Assert.Equal(2.0, report.Totals.AverageTimeOnPageSeconds);
        Assert.Null(report.Days[1].AverageTimeOnPageSeconds);
    }

    [Fact]
    public void The_top_lists_sum_the_days_keep_ten_and_break_ties_by_name()
    {
        var pages = Enumerable.Range(0, 12).Select(i => ($"/p{i:D2}", (string?)null, 0)).ToArray();
        var report = AnalyticsReport.Of(From, [Day(1, pages), Day(1, ("/p11", null, 0), ("/p11", "/p00", 0))]);

        Assert.Equal(AnalyticsReport.TopCount, report.Totals.TopPages.Count);
        Assert.Equal(new TopPage("/p11", 3), report.Totals.TopPages[0]);
        Assert.Equal(["/p00", "/p01", "/p02"], report.Totals.TopPages.Skip(1).Take(3).Select(p => p.Path));
        Assert.Equal([new TopTransition("/p00", "/p11", 1)], report.Totals.TopTransitions);
    }

    [Fact]
    public void A_report_of_no_days_is_one_day_long_and_empty()
    {
        var report = AnalyticsReport.Of(From, []);

        Assert.Equal(From, report.To);
        Assert.Empty(report.Days);
        Assert.Equal(0, report.Totals.PageViews);
        Assert.Equal(new DurationFigures(0, null, null, null), report.Totals.FirstResponse);
    }
}
