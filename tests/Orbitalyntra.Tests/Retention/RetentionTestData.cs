using System.Net;
using System.Net.Http.Json;
using Orbitalyntra.Accounts;
using Orbitalyntra.Chat;
using Orbitalyntra.Retention;
using Orbitalyntra.Tests.Infrastructure;

namespace Orbitalyntra.Tests.Retention;

internal static class RetentionTestData
{
    /// <summary>Short lifetimes, so that a test travels weeks rather than years.</summary>
    public static readonly RetentionPolicy Short = new(ConversationDays: 30, VisitorSessionDays: 60, PageViewDays: 20, DeviceDataDays: 10, AnalyticsDays: 400, AuditDays: 400);

    public static async Task SetRetention(this TenantSession tenant, RetentionPolicy policy)
    {
        using var admin = tenant.AsAdmin();
        var settings = (await admin.GetFromJsonAsync<TenantSettings>($"/api/tenants/{tenant.TenantId}/settings", WebHost.Json))!;
        (await admin.PutAsJsonAsync($"/api/tenants/{tenant.TenantId}/settings", settings with { Retention = policy }, WebHost.Json)).EnsureSuccessStatusCode();
    }

    public static async Task<PurgePreview> Preview(this TenantSession tenant, int days = 30)
    {
        using var admin = tenant.AsAdmin();
        return (await admin.GetFromJsonAsync<PurgePreview>($"/api/tenants/{tenant.TenantId}/retention/preview?days={days}", WebHost.Json))!;
    }

    public static async Task<List<PurgeReport>> Reports(this TenantSession tenant)
    {
        using var admin = tenant.AsAdmin();
        return (await admin.GetFromJsonAsync<List<PurgeReport>>($"/api/tenants/{tenant.TenantId}/retention/reports", WebHost.Json))!;
    }

    /// <summary>Waits until a purge has started after <paramref name="after"/> (by the silos' clock).</summary>
    public static Task<PurgePreview> PurgedSince(this TenantSession tenant, DateTimeOffset after) => Eventually.Succeeds(async () =>
    {
        var preview = await tenant.Preview();
        Assert.True(preview.NextPurgeAt - TestStorage.ReminderPeriod > after, "no purge has started since");
        return preview;
    }, TimeSpan.FromSeconds(30));

    public static async Task<HttpStatusCode> Status(this TenantSession tenant, ConversationKey conversation)
    {
        using var admin = tenant.AsAdmin();
        return (await admin.GetAsync($"/api/tenants/{tenant.TenantId}/conversations/{conversation.ConversationId:N}")).StatusCode;
    }

    public static DateOnly Day(DateTimeOffset at) => DateOnly.FromDateTime(at.UtcDateTime);
}
