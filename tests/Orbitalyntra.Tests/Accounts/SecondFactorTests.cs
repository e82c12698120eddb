using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using OtpNet;
using Orbitalyntra.Accounts;
using Orbitalyntra.Notifications;
using Orbitalyntra.Tests.Infrastructure;
using Orbitalyntra.Web.Apis;

namespace Orbitalyntra.Tests.Accounts;

/// <summary>
/// Two-step sign-in (issue 19, docs/decisions/0053): agents may add an authenticator (TOTP, codes computed here by
/// Otp.NET as any app does), each code works once, a tenant can require it of administrators, who then set it up at
/// their next sign-in; an administrator removes a lost one.
/// </summary>
[Collection(ChatClusterCollection.Name)]
public sealed class SecondFactorTests(ChatCluster chat)
{
    [Fact]
    public async Task An_agent_with_an_authenticator_signs_in_only_with_a_current_code_and_each_code_once()
    {
        var tenant = await chat.NewTenant();
        var (email, secret) = await AgentWithAuthenticator(tenant);

        var withoutCode = await SignIn(tenant, email, TenantSession.AdminPassword);
        await AssertAsksFor(withoutCode, "code", "Enter the 6-digit code");
        var wrongCode = await SignIn(tenant, email, TenantSession.AdminPassword, WrongCode(secret));
        await AssertAsksFor(wrongCode, "code", "wrong or was already used");
        var wrongPasswordRightCode = await SignIn(tenant, email, "not the password at all", Code(secret, 1));
        Assert.Equal(HttpStatusCode.Unauthorized, wrongPasswordRightCode.StatusCode);
        Assert.Contains("e-mail or the password is wrong", await wrongPasswordRightCode.Content.ReadAsStringAsync(), StringComparison.Ordinal);

        var code = Code(secret, 1);
        var signedIn = await SignIn(tenant, email, TenantSession.AdminPassword, code);
        Assert.Equal(HttpStatusCode.OK, signedIn.StatusCode);
        var replayed = await SignIn(tenant, email, TenantSession.AdminPassword, code);
        await AssertAsksFor(replayed, "code", "wrong or was already used");
    }

    [Fact]
    public async Task A_malformed_code_is_a_validation_problem_and_an_agent_without_authenticator_signs_in_as_before()
    {
        var tenant = await chat.NewTenant();
        var malformed = await SignIn(tenant, tenant.SignUp.Admin.Email, TenantSession.AdminPassword, "12ab56");
        Assert.Equal(HttpStatusCode.BadRequest, malformed.StatusCode);
        Assert.Contains("6 digits", await malformed.Content.ReadAsStringAsync(), StringComparison.Ordinal);
        Assert.Equal(HttpStatusCode.OK, (await SignIn(tenant, tenant.SignUp.Admin.Email, TenantSession.AdminPassword)).StatusCode);
    }

    [Fact]
    public async Task Setting_up_needs_the_new_secrets_first_code_and_turning_off_needs_a_current_one()
    {
        var tenant = await chat.NewTenant();
        using var admin = tenant.AsAdmin();
        var path = $"/api/tenants/{tenant.TenantId}/agents/me/second-factor";
        var begun = await admin.PostAsync(path, null);
        Assert.Equal("no-store", begun.Headers.CacheControl?.ToString());
        var enrollment = (await begun.Content.ReadFromJsonAsync<SecondFactorEnrollment>(WebHost.Json))!;
        Assert.StartsWith("otpauth://totp/", enrollment.Uri, StringComparison.Ordinal);
        Assert.Contains($"secret={enrollment.Secret}", enrollment.Uri, StringComparison.Ordinal);

        var wrong = await admin.PostAsJsonAsync($"{path}/confirmation", new { code = WrongCode(enrollment.Secret) });
        Assert.Equal(HttpStatusCode.BadRequest, wrong.StatusCode);
        Assert.False((await Status(admin, path)).Enabled);
        Assert.Equal(HttpStatusCode.OK, (await SignIn(tenant, tenant.SignUp.Admin.Email, TenantSession.AdminPassword)).StatusCode);

        Assert.Equal(HttpStatusCode.OK, (await admin.PostAsJsonAsync($"{path}/confirmation", new { code = Code(enrollment.Secret) })).StatusCode);
        Assert.True((await Status(admin, path)).Enabled);
        await AssertAsksFor(await SignIn(tenant, tenant.SignUp.Admin.Email, TenantSession.AdminPassword), "code", "6-digit");

        Assert.Equal(HttpStatusCode.BadRequest, (await admin.PostAsJsonAsync($"{path}/removal", new { code = WrongCode(enrollment.Secret) })).StatusCode);
        Assert.Equal(HttpStatusCode.NoContent, (await admin.PostAsJsonAsync($"{path}/removal", new { code = Code(enrollment.Secret, 1) })).StatusCode);
        Assert.False((await Status(admin, path)).Enabled);
        Assert.Equal(HttpStatusCode.OK, (await SignIn(tenant, tenant.SignUp.Admin.Email, TenantSession.AdminPassword)).StatusCode);

        var audit = await admin.GetStringAsync($"/api/tenants/{tenant.TenantId}/audit");
        Assert.Contains("account.second-factor-enabled", audit, StringComparison.Ordinal);
        Assert.Contains("account.second-factor-disabled", audit, StringComparison.Ordinal);
        Assert.DoesNotContain(enrollment.Secret, audit, StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_tenant_requiring_it_has_administrators_set_it_up_at_sign_in_while_agents_sign_in_as_before()
    {
        var tenant = await chat.NewTenant();
        using var admin = tenant.AsAdmin();
        var agentEmail = $"agent-{Guid.NewGuid():N}@{tenant.TenantId}.test";
        Assert.Equal(HttpStatusCode.Created, (await admin.PostAsJsonAsync($"/api/tenants/{tenant.TenantId}/agents",
            new { displayName = "Bea Agent", email = agentEmail, password = TenantSession.AdminPassword, role = "agent" })).StatusCode);
        await RequireForAdmins(tenant, admin);

        var first = await SignIn(tenant, tenant.SignUp.Admin.Email, TenantSession.AdminPassword);
        var enrollment = await AssertAsksFor(first, "enrollment", "requires two-step sign-in");
        var secret = enrollment.GetProperty("enrollment").GetProperty("secret").GetString()!;
        var mistyped = await SignIn(tenant, tenant.SignUp.Admin.Email, TenantSession.AdminPassword, WrongCode(secret));
        var again = await AssertAsksFor(mistyped, "enrollment", "wrong or was already used");
        Assert.Equal(secret, again.GetProperty("enrollment").GetProperty("secret").GetString());

        Assert.Equal(HttpStatusCode.OK, (await SignIn(tenant, tenant.SignUp.Admin.Email, TenantSession.AdminPassword, Code(secret))).StatusCode);
        await AssertAsksFor(await SignIn(tenant, tenant.SignUp.Admin.Email, TenantSession.AdminPassword), "code", "6-digit");
        Assert.Equal(HttpStatusCode.OK, (await SignIn(tenant, agentEmail, TenantSession.AdminPassword)).StatusCode);

        var removal = await admin.PostAsJsonAsync($"/api/tenants/{tenant.TenantId}/agents/me/second-factor/removal", new { code = Code(secret, 1) });
        Assert.Equal(HttpStatusCode.Conflict, removal.StatusCode);
    }

    [Fact]
    public async Task An_administrator_removes_an_agents_lost_authenticator_and_an_unknown_e_mail_gets_the_wrong_password_answer()
    {
        var tenant = await chat.NewTenant();
        var (email, _) = await AgentWithAuthenticator(tenant);
        using var admin = tenant.AsAdmin();
        var agents = await admin.GetFromJsonAsync<List<AgentProfile>>($"/api/tenants/{tenant.TenantId}/agents", WebHost.Json);
        var agent = agents!.Single(a => a.Email == email);
        Assert.True(agent.SecondFactorEnabled);

        Assert.Equal(HttpStatusCode.NoContent, (await admin.DeleteAsync($"/api/tenants/{tenant.TenantId}/agents/{agent.AgentId}/second-factor")).StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, (await admin.DeleteAsync($"/api/tenants/{tenant.TenantId}/agents/{agent.AgentId}/second-factor")).StatusCode);
        Assert.Equal(HttpStatusCode.OK, (await SignIn(tenant, email, TenantSession.AdminPassword)).StatusCode);
        Assert.Contains("account.second-factor-reset", await admin.GetStringAsync($"/api/tenants/{tenant.TenantId}/audit"), StringComparison.Ordinal);
        var alert = await MailDev.Received(email, m => m.Kind() == nameof(NotificationKind.SecondFactorRemoved), "the security mail of the removal");
        Assert.Equal(MailTemplates.For(NotificationKind.SecondFactorRemoved, MailLanguages.French).Subject, alert.Subject);

        var unknown = await SignIn(tenant, $"nobody@{tenant.TenantId}.test", TenantSession.AdminPassword, "123456");
        Assert.Equal(HttpStatusCode.Unauthorized, unknown.StatusCode);
        Assert.Contains("e-mail or the password is wrong", await unknown.Content.ReadAsStringAsync(), StringComparison.Ordinal);
    }

    /// <summary>A new agent of the tenant who set up an authenticator (with the code of the current time step).</summary>
    private async Task<(string Email, string Secret)> AgentWithAuthenticator(TenantSession tenant)
    {
        var email = $"agent-{Guid.NewGuid():N}@{tenant.TenantId}.test";
        using var admin = tenant.AsAdmin();
        Assert.Equal(HttpStatusCode.Created, (await admin.PostAsJsonAsync($"/api/tenants/{tenant.TenantId}/agents",
            new { displayName = "Tom Agent", email, password = TenantSession.AdminPassword, role = "agent" })).StatusCode);
        using var agent = tenant.Bearer(await TenantSession.SignIn(chat.Web, tenant.TenantId, email, TenantSession.AdminPassword));
        var path = $"/api/tenants/{tenant.TenantId}/agents/me/second-factor";
        var enrollment = (await (await agent.PostAsync(path, null)).Content.ReadFromJsonAsync<SecondFactorEnrollment>(WebHost.Json))!;
        Assert.Equal(HttpStatusCode.OK, (await agent.PostAsJsonAsync($"{path}/confirmation", new { code = Code(enrollment.Secret) })).StatusCode);
        return (email, enrollment.Secret);
    }

    private static async Task RequireForAdmins(TenantSession tenant, HttpClient admin)
    {
        var settings = (await admin.GetFromJsonAsync<TenantSettings>($"/api/tenants/{tenant.TenantId}/settings", WebHost.Json))!;
        var put = await admin.PutAsJsonAsync($"/api/tenants/{tenant.TenantId}/settings", settings with { AdminsNeedSecondFactor = true }, WebHost.Json);
        Assert.Equal(HttpStatusCode.OK, put.StatusCode);
    }

    private Task<HttpResponseMessage> SignIn(TenantSession tenant, string email, string password, string? code = null) =>
        chat.Web.Http.PostAsJsonAsync($"/api/tenants/{tenant.TenantId}/sessions", new { email, password, code });

    private static async Task<SecondFactorApi.SecondFactorView> Status(HttpClient client, string path) =>
        (await client.GetFromJsonAsync<SecondFactorApi.SecondFactorView>(path, WebHost.Json))!;

    /// <summary>Asserts a 401 asking for <paramref name="next"/> whose detail says <paramref name="saying"/>; answers the problem.</summary>
    private static async Task<JsonElement> AssertAsksFor(HttpResponseMessage response, string next, string saying)
    {
        Assert.Equal(HttpStatusCode.Unauthorized, response.StatusCode);
        var problem = await response.Content.ReadFromJsonAsync<JsonElement>();
        Assert.Equal(next, problem.GetProperty("secondFactor").GetString());
        Assert.Contains(saying, problem.GetProperty("detail").GetString(), StringComparison.Ordinal);
        return problem;
    }

    /// <summary>The code an app shows <paramref name="stepsAhead"/> time steps from now (the server takes one step either side).</summary>
    private static string Code(string secret, int stepsAhead = 0) =>
        new Totp(Base32Encoding.ToBytes(secret)).ComputeTotp(DateTime.UtcNow.AddSeconds(30 * stepsAhead));

    /// <summary>A well-formed code that is none of the codes the server could accept now.</summary>
    private static string WrongCode(string secret)
    {
        var totp = new Totp(Base32Encoding.ToBytes(secret));
        var valid = Enumerable.Range(-2, 5).Select(step => totp.ComputeTotp(DateTime.UtcNow.AddSeconds(30 * step))).ToHashSet();
        return Enumerable.Range(0, 1_000_000).Select(n => n.ToString("D6", System.Globalization.CultureInfo.InvariantCulture)).First(c => !valid.Contains(c));
    }
}
