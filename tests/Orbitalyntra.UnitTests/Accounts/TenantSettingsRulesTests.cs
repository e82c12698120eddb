using Orbitalyntra.Accounts;
using Orbitalyntra.Retention;

namespace Orbitalyntra.UnitTests.Accounts;

/// <summary>What tenant settings may be, and when their business hours are open.</summary>
public sealed class TenantSettingsRulesTests
{
    private static readonly TenantSettings Paris = TenantSettings.Default with
    {
        TimeZone = "Europe/Paris",
        BusinessHours = [new OpeningHours(DayOfWeek.Monday, "09:00", "18:00"), new OpeningHours(DayOfWeek.Friday, "09:00", "16:30")],
    };

    [Fact]
    public void The_defaults_and_a_week_of_hours_in_a_time_zone_are_valid()
    {
        Assert.Empty(TenantSettingsRules.Check(TenantSettings.Default));
        Assert.Empty(TenantSettingsRules.Check(Paris));
    }

    public static TheoryData<string, TenantSettings> InvalidSettings => new()
    {
        { "timeZone", Paris with { TimeZone = "Mars/Olympus" } },
        { "accentColor", Paris with { AccentColor = "orange" } },
        { "accentColor", Paris with { AccentColor = "#12345" } },
        { "greeting", Paris with { Greeting = "" } },
        { "greeting", Paris with { Greeting = new string('g', 201) } },
        { "trackingConsent", Paris with { TrackingConsent = (TrackingConsent)9 } },
        { "unseenReplyMailDelaySeconds", Paris with { UnseenReplyMailDelaySeconds = -1 } },
        { "unseenReplyMailDelaySeconds", Paris with { UnseenReplyMailDelaySeconds = TenantSettings.MaxUnseenReplyMailDelaySeconds + 1 } },
        { "retention", Paris with { Retention = RetentionPolicy.Default with { ConversationDays = 0 } } },
        { "businessHours", Paris with { BusinessHours = [new OpeningHours(DayOfWeek.Monday, "18:00", "09:00")] } },
        { "businessHours", Paris with { BusinessHours = [new OpeningHours(DayOfWeek.Monday, "09:00", "09:00")] } },
        { "businessHours", Paris with { BusinessHours = [new OpeningHours(DayOfWeek.Monday, "9am", "18:00")] } },
        { "businessHours", Paris with { BusinessHours = [new OpeningHours((DayOfWeek)7, "09:00", "18:00")] } },
        { "businessHours", Paris with { BusinessHours = [new OpeningHours(DayOfWeek.Monday, "09:00", "10:00"), new OpeningHours(DayOfWeek.Monday, "11:00", "12:00")] } },
    };

    [Theory]
    [MemberData(nameof(InvalidSettings))]
    public void Each_invalid_field_is_named_alone(string field, TenantSettings settings) =>
        Assert.Equal([field], TenantSettingsRules.Check(settings).Keys);

    [Theory]
    [InlineData(0, 300)] // stored before the setting existed: the default
    [InlineData(1, 1)]
    [InlineData(86_400, 86_400)]
    public void The_unread_reply_delay_is_the_setting_or_five_minutes_when_unset(int seconds, int delay) =>
        Assert.Equal(TimeSpan.FromSeconds(delay), (Paris with { UnseenReplyMailDelaySeconds = seconds }).UnseenReplyMailDelay());

    [Fact]
    public void The_retention_policys_own_problems_are_reported_under_retention() =>
        Assert.Equal(
            RetentionRules.Check(RetentionPolicy.Default with { AuditDays = 10 }),
            TenantSettingsRules.Check(Paris with { Retention = RetentionPolicy.Default with { AuditDays = 10 } })["retention"]);

    [Theory]
    [InlineData("2026-11-30T08:00:00Z", true)]  // Monday 09:00 in Paris (winter, UTC+1): opens
    [InlineData("2026-11-30T07:59:00Z", false)]
    [InlineData("2026-11-30T16:59:00Z", true)]
    [InlineData("2026-11-30T17:00:00Z", false)] // 18:00 in Paris: closed
    [InlineData("2026-06-01T07:30:00Z", true)]  // Monday 09:30 in Paris (summer, UTC+2)
    [InlineData("2026-06-01T16:30:00Z", false)] // 18:30 in Paris
    [InlineData("2026-12-01T10:00:00Z", false)] // Tuesday: not listed, closed
    [InlineData("2026-12-04T15:29:00Z", true)]  // Friday 16:29
    [InlineData("2026-12-04T15:30:00Z", false)] // Friday 16:30
    public void Business_hours_are_read_in_the_tenants_time_zone(string utc, bool open) =>
        Assert.Equal(open, TenantSettingsRules.IsWithinBusinessHours(Paris, DateTimeOffset.Parse(utc, System.Globalization.CultureInfo.InvariantCulture)));

    [Theory]
    [InlineData("2026-11-30T10:00:00Z")]
    [InlineData("2026-12-06T03:00:00Z")] // a Sunday night
    public void A_tenant_that_set_no_hours_is_never_closed_by_them(string utc) =>
        Assert.True(TenantSettingsRules.IsWithinBusinessHours(TenantSettings.Default, DateTimeOffset.Parse(utc, System.Globalization.CultureInfo.InvariantCulture)));
}
