using Orbitalyntra.Analytics;
using Orbitalyntra.Visitors;

namespace Orbitalyntra.UnitTests.Analytics;

/// <summary>The pieces the day's aggregates are made of: the unique-visitor sketch, the duration histogram, the caps.</summary>
public sealed class AggregateTests
{
    private static readonly byte[] Salt = [.. Enumerable.Range(1, 32).Select(i => (byte)i)];

    [Theory]
    [InlineData(10_000)]
    [InlineData(100_000)]
    public void The_sketch_estimates_distinct_visitors_within_5_percent_and_ignores_repeats(int distinct)
    {
        var sketch = new HyperLogLog();
        for (var repeat = 0; repeat < 2; repeat++)
        {
            for (var i = 0; i < distinct; i++)
            {
                sketch.Add(HyperLogLog.Hash(Salt, $"visitor-{i}"));
            }
        }

        Assert.InRange(sketch.Estimate(), distinct * 0.95, distinct * 1.05);
    }

    [Fact]
    public void Small_counts_are_exact_and_a_stored_sketch_reads_back_the_same()
    {
        var sketch = new HyperLogLog();
        Assert.Equal(0, sketch.Estimate());
        foreach (var id in new[] { "a", "b", "c", "a", "d", "e", "e" })
        {
            sketch.Add(HyperLogLog.Hash(Salt, id));
        }

        Assert.Equal(5, sketch.Estimate());
        Assert.Equal(5, HyperLogLog.FromRegisters(sketch.ToRegisters()).Estimate());
        Assert.True(HyperLogLog.FromRegisters(null).IsEmpty);
    }

    [Fact]
    public void Another_salt_puts_the_same_visitors_elsewhere()
    {
        var today = new HyperLogLog();
        var tomorrow = new HyperLogLog();
        var otherSalt = Salt.Reverse().ToArray();
        for (var i = 0; i < 1_000; i++)
        {
            today.Add(HyperLogLog.Hash(Salt, $"visitor-{i}"));
            tomorrow.Add(HyperLogLog.Hash(otherSalt, $"visitor-{i}"));
        }

        Assert.NotEqual(today.ToRegisters(), tomorrow.ToRegisters());
    }

    [Fact]
    public void Durations_give_the_average_and_an_approximate_median_and_90th_percentile()
    {
        var durations = Durations.None;
        Assert.Equal(new DurationFigures(0, null, null, null), DurationFigures.Of(durations));
        Assert.Equal(new DurationFigures(1, 4, 4, 4), DurationFigures.Of(durations.Add(TimeSpan.FromSeconds(4))));

        // 1..100 minutes: median 50.5 min, 90th percentile 90.5 min; the histogram's buckets get within a bucket of that.
        for (var minute = 1; minute <= 100; minute++)
        {
            durations = durations.Add(TimeSpan.FromMinutes(minute));
        }

        var figures = DurationFigures.Of(durations);
        Assert.Equal(100, figures.Count);
        Assert.Equal(50.5 * 60, figures.AverageSeconds);
        Assert.InRange(figures.MedianSeconds!.Value, 30 * 60, 60 * 60);
        Assert.InRange(figures.P90Seconds!.Value, 60 * 60, 100 * 60);
        Assert.Equal(durations.Count * 2, durations.Plus(durations).Count);
    }

    [Fact]
    public void Paths_and_transitions_beyond_the_caps_count_as_other()
    {
        var counts = AnalyticsDayCounts.Empty;
        for (var i = 0; i < AnalyticsRules.MaxPaths + 50; i++)
        {
            counts = counts.With(new PageHit($"/page-{i}", $"/from-{i}", 0));
        }

        counts = counts.With(new PageHit("/page-0", "/from-0", 0));

        Assert.Equal(AnalyticsRules.MaxPaths + 1, counts.Pages.Count);
        Assert.Equal(50, counts.Pages[AnalyticsRules.Other]);
        Assert.Equal(2, counts.Pages["/page-0"]);
        Assert.Equal(AnalyticsRules.MaxTransitions + 1, counts.Transitions.Count);
        Assert.Equal(50, counts.Transitions[new PathTransition(AnalyticsRules.Other, AnalyticsRules.Other)]);
        Assert.Equal(0, counts.TimedPageViews);
    }

    [Fact]
    public void A_move_counts_only_from_a_recent_page_of_the_same_site()
    {
        var at = DateTimeOffset.UtcNow;
        var earlier = new PageView(at.AddMinutes(-5), "/a", null, null, 0);
        var yesterday = earlier with { At = at.AddDays(-1) };
        var now = new PageView(at, "/b", null, null, 2_000);

        Assert.Equal("/a", AnalyticsRules.Hit(now, earlier).FromPath);
        Assert.Null(AnalyticsRules.Hit(now, yesterday).FromPath);
        Assert.Null(AnalyticsRules.Hit(now, null).FromPath);
        var report = new PageViewReport("https://shop.example/b?x=1", null, "https://other.example/a", null);
        Assert.Null(AnalyticsRules.Hit(report, null, at).FromPath);
        Assert.Equal("/a", AnalyticsRules.Hit(report with { Referrer = "https://shop.example/a?y=2" }, null, at).FromPath);
        Assert.Equal("/c", AnalyticsRules.Hit(report, "https://shop.example/c", at).FromPath);
    }

    [Fact]
    public void The_day_key_is_the_tenant_and_the_utc_day()
    {
        var key = AnalyticsDayKey.For("acme", new DateTimeOffset(2026, 11, 26, 23, 30, 0, TimeSpan.FromHours(-2)));

        Assert.Equal("acme:2026-11-27", key.ToString());
        Assert.Equal(key, AnalyticsDayKey.Parse(key.ToString()));
        Assert.Throws<FormatException>(() => AnalyticsDayKey.Parse("acme:yesterday"));
    }
}
