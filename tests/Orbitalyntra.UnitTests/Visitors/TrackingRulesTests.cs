using Orbitalyntra.Visitors;

namespace Orbitalyntra.UnitTests.Visitors;

/// <summary>How tracking data is checked and reduced before anything is kept.</summary>
public sealed class TrackingRulesTests
{
    private static readonly DateTimeOffset At = new(2026, 11, 27, 10, 0, 0, TimeSpan.Zero);

    private static PageViewReport Report(string url = "https://shop.example/a", string? title = null, string? referrer = null, int? timeOnPageMs = null) =>
        new(url, title, referrer, timeOnPageMs);

    [Theory]
    [InlineData("https://shop.example/a?q=1#top")]
    [InlineData("http://shop.example/")]
    public void A_page_view_of_an_absolute_web_address_is_kept(string url) => Assert.Null(TrackingRules.Problem(Report(url)));

    [Theory]
    [InlineData("")]
    [InlineData("/relative/path")]
    [InlineData("javascript:alert(1)")]
    [InlineData("ftp://shop.example/file")]
    public void A_page_view_needs_an_absolute_http_address(string url) =>
        Assert.StartsWith("url must be an absolute http(s) address", TrackingRules.Problem(Report(url)));

    [Fact]
    public void An_address_is_at_most_2048_characters()
    {
        var prefix = "https://shop.example/";
        Assert.Null(TrackingRules.Problem(Report(prefix + new string('a', TrackingRules.MaxUrlLength - prefix.Length))));
        Assert.NotNull(TrackingRules.Problem(Report(prefix + new string('a', TrackingRules.MaxUrlLength - prefix.Length + 1))));
    }

    [Fact]
    public void A_negative_time_on_page_is_refused() =>
        Assert.Equal("timeOnPageMs must not be negative.", TrackingRules.Problem(Report(timeOnPageMs: -1)));

    [Fact]
    public void A_kept_page_view_has_the_path_only_a_cut_title_the_referrers_host_and_at_most_a_day_on_the_page()
    {
        var kept = TrackingRules.Reduce(
            Report("https://shop.example/basket?email=ada@example.com#pay", new string('t', 300), "https://search.example/q?name=Ada", int.MaxValue), At);

        Assert.Equal(new PageView(At, "/basket", new string('t', TrackingRules.MaxTitleLength), "search.example", 86_400_000), kept);
    }

    [Fact]
    public void Absent_or_unreadable_details_are_kept_as_nothing() =>
        Assert.Equal(new PageView(At, "/a", null, null, 0), TrackingRules.Reduce(Report(referrer: "not an address"), At));

    [Theory]
    [InlineData("203.0.113.77", "203.0.113.0")]
    [InlineData("2001:db8:85a3:8d3:1319:8a2e:370:7348", "2001:db8:85a3::")]
    [InlineData("::ffff:198.51.100.23", "198.51.100.0")]
    [InlineData("not an address", null)]
    [InlineData(null, null)]
    public void Addresses_lose_their_last_IPv4_octet_or_last_80_IPv6_bits(string? address, string? kept) =>
        Assert.Equal(kept, TrackingRules.TruncateIp(address));

    [Theory]
    [InlineData("Mozilla/5.0 (Windows NT 10.0; Win64; x64) AppleWebKit/537.36 (KHTML, like Gecko) Chrome/131.0 Safari/537.36 Edg/131.0", "Edge", "Windows", "desktop")]
    [InlineData("Mozilla/5.0 (iPhone; CPU iPhone OS 17_0 like Mac OS X) AppleWebKit/605.1.15 (KHTML, like Gecko) Version/17.0 Mobile/15E148 Safari/604.1", "Safari", "iOS", "mobile")]
    [InlineData("Mozilla/5.0 (Linux; Android 14; SM-X710) AppleWebKit/537.36 (KHTML, like Gecko) Chrome/131.0 Safari/537.36", "Chrome", "Android", "tablet")]
    [InlineData("Mozilla/5.0 (Linux; Android 14; Pixel 8) AppleWebKit/537.36 (KHTML, like Gecko) Chrome/131.0 Mobile Safari/537.36", "Chrome", "Android", "mobile")]
    [InlineData("Mozilla/5.0 (X11; Linux x86_64; rv:133.0) Gecko/20100101 Firefox/133.0", "Firefox", "Linux", "desktop")]
    [InlineData("Mozilla/5.0 (Macintosh; Intel Mac OS X 14_1) AppleWebKit/537.36 (KHTML, like Gecko) Chrome/131.0 Safari/537.36 OPR/115.0", "Opera", "macOS", "desktop")]
    [InlineData(null, "Other", "Other", "desktop")]
    public void A_user_agent_is_reduced_to_browser_system_and_device_families(string? userAgent, string browser, string system, string device) =>
        Assert.Equal(new DeviceInfo(browser, system, device, "192.0.2.0"), TrackingRules.ReduceDevice(userAgent, "192.0.2.55"));
}
