using Orbitalyntra.Quotas;

namespace Orbitalyntra.UnitTests.Quotas;

public sealed class TokenBucketTests
{
    private static readonly DateTimeOffset Start = new(2026, 11, 28, 12, 0, 0, TimeSpan.Zero);

    [Fact]
    public void A_full_bucket_gives_its_capacity_at_once_then_says_how_long_until_the_next_token()
    {
        var bucket = new TokenBucket(30, TimeSpan.FromMinutes(1), Start);
        for (var i = 0; i < 30; i++)
        {
            Assert.Null(bucket.TryTake(Start));
        }

        Assert.Equal(TimeSpan.FromSeconds(2), bucket.TryTake(Start));
        Assert.Null(bucket.TryTake(Start.AddSeconds(2)));
        Assert.NotNull(bucket.TryTake(Start.AddSeconds(2)));
    }

    [Fact]
    public void It_fills_again_over_its_period_up_to_its_capacity_only()
    {
        var bucket = new TokenBucket(3, TimeSpan.FromHours(1), Start);
        Assert.Null(bucket.TryTake(Start, 3));
        var later = Start.AddDays(1);
        Assert.Null(bucket.TryTake(later, 3));
        Assert.Equal(TimeSpan.FromMinutes(20), bucket.TryTake(later));
    }

    [Fact]
    public void A_cost_larger_than_what_is_left_takes_nothing_and_waits_for_the_missing_part()
    {
        var bucket = new TokenBucket(10, TimeSpan.FromSeconds(10), Start);
        Assert.Null(bucket.TryTake(Start, 8));
        Assert.Equal(TimeSpan.FromSeconds(3), bucket.TryTake(Start, 5));
        Assert.Null(bucket.TryTake(Start, 2));
    }

    [Fact]
    public void Asking_how_long_to_wait_takes_nothing()
    {
        var bucket = new TokenBucket(2, TimeSpan.FromMinutes(1), Start);
        Assert.Null(bucket.WaitFor(Start, 2));
        Assert.Null(bucket.WaitFor(Start, 2));
        Assert.Null(bucket.TryTake(Start, 2));
        Assert.Equal(TimeSpan.FromSeconds(30), bucket.WaitFor(Start));
    }

    [Fact]
    public void A_changed_limit_gives_a_new_full_bucket_and_an_unchanged_one_keeps_its_count()
    {
        var bucket = TokenBucket.Fit(null, 1, TimeSpan.FromMinutes(1), Start);
        Assert.Null(bucket.TryTake(Start));
        Assert.Same(bucket, TokenBucket.Fit(bucket, 1, TimeSpan.FromMinutes(1), Start));
        Assert.NotNull(bucket.TryTake(Start));
        Assert.Null(TokenBucket.Fit(bucket, 2, TimeSpan.FromMinutes(1), Start).TryTake(Start));
    }
}

public sealed class QuotaLimitsTests
{
    [Fact]
    public void The_defaults_are_within_the_maxima()
    {
        Assert.Empty(QuotaLimits.Default.Problems(QuotaLimits.DefaultMaxima));
    }

    [Fact]
    public void Each_limit_below_its_least_or_above_its_maximum_is_named()
    {
        var problems = (QuotaLimits.Default with { VisitorTokensPerMinute = 60_001, VisitorFileMegabytesPerHour = 9, VisitorFilesPerHour = 0 }).Problems(QuotaLimits.DefaultMaxima);
        Assert.Equal(["visitorFileMegabytesPerHour", "visitorFilesPerHour", "visitorTokensPerMinute"], problems.Keys.Order().ToArray());
        Assert.Equal("visitorFileMegabytesPerHour must be between 10 and 10000.", Assert.Single(problems["visitorFileMegabytesPerHour"]));
    }

    [Fact]
    public void A_refusal_says_which_limit_and_when_to_retry()
    {
        Assert.Equal(
            "Too many messages: at most 30 a minute in a conversation. Retry in 2 s.",
            new QuotaRefusal(QuotaKind.VisitorMessages, 30, TimeSpan.FromSeconds(1.2)).Detail);
    }
}
