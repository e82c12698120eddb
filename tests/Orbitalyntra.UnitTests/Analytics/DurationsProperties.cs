using FsCheck;
using FsCheck.Fluent;
using FsCheck.Xunit;
using Orbitalyntra.Analytics;

namespace Orbitalyntra.UnitTests.Analytics;

/// <summary>The histogram behind the response and resolution medians, over generated sets of durations (fixed seeds).</summary>
public sealed class DurationsProperties
{
    private const string Seed = "(20261127,3)";

    /// <summary>Sets of 1 to 200 durations from zero to ten days, in whole seconds.</summary>
    private static Arbitrary<int[]> DurationSets() =>
        Gen.Choose(0, 864_000).ArrayOf().Where(seconds => seconds.Length > 0).Select(seconds => seconds.Take(200).ToArray()).ToArbitrary();

    private static Durations Of(IEnumerable<int> seconds) => seconds.Aggregate(Durations.None, (all, s) => all.Add(TimeSpan.FromSeconds(s)));

    [Property(Replay = Seed, MaxTest = 200)]
    public Property Every_quantile_lies_between_the_shortest_and_the_longest_and_grows_with_its_fraction() =>
        Prop.ForAll(DurationSets(), seconds =>
        {
            var durations = Of(seconds);
            var quantiles = new[] { 0, 0.1, 0.5, 0.9, 1 }.Select(f => durations.Quantile(f)!.Value).ToList();

            return quantiles.All(q => q >= seconds.Min() && q <= seconds.Max())
                && quantiles.Zip(quantiles.Skip(1)).All(pair => pair.First <= pair.Second);
        });

    /// <summary>The estimate stays in the bucket of the true median: the histogram's only approximation.</summary>
    [Property(Replay = Seed, MaxTest = 200)]
    public Property The_median_falls_in_the_bucket_of_the_true_median() =>
        Prop.ForAll(DurationSets(), seconds =>
        {
            var sorted = seconds.Order().ToArray();
            var trueMedian = sorted[(sorted.Length - 1) / 2];
            var bucket = Durations.BucketBounds.Count(bound => bound <= trueMedian);
            var lower = bucket == 0 ? 0 : Durations.BucketBounds[bucket - 1];
            var upper = bucket < Durations.BucketBounds.Length ? Durations.BucketBounds[bucket] : double.MaxValue;

            var median = Of(seconds).Quantile(0.5)!.Value;
            return median >= lower && median <= upper;
        });

    [Property(Replay = Seed, MaxTest = 100)]
    public Property Days_summed_into_a_period_count_as_if_recorded_together() =>
        Prop.ForAll(DurationSets(), DurationSets(), (first, second) =>
        {
            var together = Of(first.Concat(second));
            var summed = Of(first).Plus(Of(second));

            return summed.Count == together.Count && summed.Buckets.SequenceEqual(together.Buckets)
                && summed.MinSeconds == together.MinSeconds && summed.MaxSeconds == together.MaxSeconds
                && Math.Abs(summed.TotalSeconds - together.TotalSeconds) < 1e-6;
        });

    [Fact]
    public void Nothing_counted_has_no_average_and_no_quantile_and_adds_nothing_to_a_sum()
    {
        var some = Of([5, 50]);

        Assert.Null(Durations.None.AverageSeconds);
        Assert.Null(Durations.None.Quantile(0.5));
        Assert.Same(some, some.Plus(Durations.None));
        Assert.Same(some, Durations.None.Plus(some));
    }

    [Fact]
    public void A_negative_duration_counts_as_zero()
    {
        var durations = Durations.None.Add(TimeSpan.FromSeconds(-5));

        Assert.Equal(1, durations.Count);
        Assert.Equal(0, durations.MaxSeconds);
        Assert.Equal(1, durations.Buckets[0]);
    }
}
