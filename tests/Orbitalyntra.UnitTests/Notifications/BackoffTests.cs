using Orbitalyntra.Notifications;

namespace Orbitalyntra.UnitTests.Notifications;

public sealed class BackoffTests
{
    private static readonly TimeSpan First = TimeSpan.FromSeconds(10);
    private static readonly TimeSpan Max = TimeSpan.FromHours(1);

    [Theory]
    [InlineData(1, 10)]
    [InlineData(2, 20)]
    [InlineData(4, 80)]
    [InlineData(20, 3600)]
    public void Each_failure_doubles_the_wait_up_to_the_cap_and_jitter_keeps_between_half_and_all_of_it(int attempts, double seconds)
    {
        Assert.Equal(seconds / 2, Backoff.Delay(attempts, First, Max, 0).TotalSeconds, 3);
        Assert.Equal(seconds, Backoff.Delay(attempts, First, Max, 0.999999).TotalSeconds, 2);
    }

    [Fact]
    public void Every_kind_has_a_template_in_both_languages()
    {
        foreach (var kind in Enum.GetValues<NotificationKind>())
        {
            foreach (var language in MailLanguages.All)
            {
                Assert.False(string.IsNullOrWhiteSpace(MailTemplates.For(kind, language).Body));
            }
        }
    }
}
