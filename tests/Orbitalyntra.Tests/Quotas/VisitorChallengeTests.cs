using System.Net;
using System.Net.Http.Json;
using System.Security.Cryptography;
using System.Text;
using System.Text.Json;
using Microsoft.AspNetCore.Mvc;
using Orbitalyntra.Quotas;
using Orbitalyntra.Tests.Infrastructure;
using Orbitalyntra.Web.Apis;
using Orbitalyntra.Web.Security;

namespace Orbitalyntra.Tests.Quotas;

/// <summary>
/// Proof of work for new visitor tokens (docs/decisions/0050): with the tenant's setting on, a new visitor's token needs
/// a solved ALTCHA challenge, each solution usable once; renewals need none; the automatic mode asks for challenges
/// once the widget key's visitor-token limit refused one.
/// </summary>
[Collection(ChatClusterCollection.Name)]
public sealed class VisitorChallengeTests(ChatCluster chat)
{
    [Fact]
    public async Task With_challenges_always_on_a_new_visitor_needs_a_solution_computed_by_brute_force_each_used_once_while_a_renewal_needs_none()
    {
        var tenant = await chat.NewTenant();
        var other = await chat.NewTenant();
        using var admin = tenant.AsAdmin();
        Assert.Equal(new VisitorChallenge(VisitorChallengeMode.Off, false), await admin.GetFromJsonAsync<VisitorChallenge>(ChallengePath(tenant), WebHost.Json));
        Assert.Equal(HttpStatusCode.OK, (await AskToken(tenant, altcha: null)).StatusCode);

        var set = await admin.PutAsJsonAsync(ChallengePath(tenant), new { mode = "always" });
        Assert.Equal(new VisitorChallenge(VisitorChallengeMode.Always, true), await set.Content.ReadFromJsonAsync<VisitorChallenge>(WebHost.Json));

        await AssertRefused(await AskToken(tenant, altcha: null), HttpStatusCode.Forbidden, WidgetApi.ChallengeRequired);
        await AssertRefused(await AskToken(tenant, "not base64!"), HttpStatusCode.BadRequest, "Challenge failed.");
        var challenge = await FetchChallenge();
        var number = Solve(challenge);
        await AssertRefused(await AskToken(tenant, Payload(challenge, number + 1)), HttpStatusCode.BadRequest, "Challenge failed.");
        await AssertRefused(await AskToken(tenant, Payload(challenge with { Salt = challenge.Salt.Replace("?expires=", "?expires=9", StringComparison.Ordinal) }, number)),
            HttpStatusCode.BadRequest, "Challenge failed.");

        var solved = await AskToken(tenant, Payload(challenge, number));
        Assert.Equal(HttpStatusCode.OK, solved.StatusCode);
        var reused = await AskToken(tenant, Payload(challenge, number));
        await AssertRefused(reused, HttpStatusCode.BadRequest, "Challenge failed.");

        var token = (await solved.Content.ReadFromJsonAsync<WidgetApi.VisitorToken>(WebHost.Json))!;
        using var visitor = tenant.Bearer(token.AccessToken);
        Assert.Equal(HttpStatusCode.OK, (await visitor.PostAsJsonAsync("/api/widget/visitor-tokens", new { widgetKey = tenant.SignUp.WidgetKey })).StatusCode);
        Assert.Equal(HttpStatusCode.OK, (await AskToken(other, altcha: null)).StatusCode);
    }

    [Fact]
    public async Task In_automatic_mode_challenges_start_once_the_widget_keys_token_limit_refused_one()
    {
        var tenant = await chat.NewTenant();
        using var admin = tenant.AsAdmin();
        Assert.Equal(HttpStatusCode.OK, (await admin.PutAsJsonAsync($"/api/tenants/{tenant.TenantId}/quotas", new { visitorTokensPerMinute = 3 })).StatusCode);
        Assert.Equal(HttpStatusCode.OK, (await admin.PutAsJsonAsync(ChallengePath(tenant), new { mode = "automatic" })).StatusCode);

        HttpResponseMessage answer;
        do
        {
            answer = await AskToken(tenant, altcha: null);
        }
        while (answer.StatusCode == HttpStatusCode.OK);

        Assert.Equal(HttpStatusCode.TooManyRequests, answer.StatusCode);
        Assert.Equal(new VisitorChallenge(VisitorChallengeMode.Automatic, true), await admin.GetFromJsonAsync<VisitorChallenge>(ChallengePath(tenant), WebHost.Json));
        await AssertRefused(await AskToken(tenant, altcha: null), HttpStatusCode.Forbidden, WidgetApi.ChallengeRequired);
    }

    [Fact]
    public async Task A_bad_setting_is_refused_by_field_and_changes_nothing_and_only_administrators_choose()
    {
        var tenant = await chat.NewTenant();
        using var admin = tenant.AsAdmin();
        var refused = await admin.PutAsJsonAsync(ChallengePath(tenant), new { });
        Assert.Equal(HttpStatusCode.BadRequest, refused.StatusCode);
        Assert.True((await refused.Content.ReadFromJsonAsync<ValidationProblemDetails>())!.Errors.ContainsKey("mode"));
        Assert.Equal(HttpStatusCode.BadRequest, (await admin.PutAsJsonAsync(ChallengePath(tenant), new { mode = "sometimes" })).StatusCode);
        var visitor = await tenant.NewVisitor();
        using var asVisitor = tenant.Bearer(visitor.AccessToken);
        Assert.Equal(HttpStatusCode.Forbidden, (await asVisitor.PutAsJsonAsync(ChallengePath(tenant), new { mode = "always" })).StatusCode);
        Assert.Equal(new VisitorChallenge(VisitorChallengeMode.Off, false), await admin.GetFromJsonAsync<VisitorChallenge>(ChallengePath(tenant), WebHost.Json));
    }

    private async Task<VisitorChallenges.AltchaChallenge> FetchChallenge()
    {
        var challenge = (await chat.Web.Http.GetFromJsonAsync<VisitorChallenges.AltchaChallenge>("/api/widget/challenge", WebHost.Json))!;
        Assert.Equal("SHA-256", challenge.Algorithm);
        Assert.Equal(VisitorChallenges.DefaultMaxNumber, challenge.Maxnumber);
        return challenge;
    }

    /// <summary>The ALTCHA spec's solver: the number up to maxnumber whose SHA-256 with the salt is the challenge.</summary>
    private static long Solve(VisitorChallenges.AltchaChallenge challenge)
    {
        for (long number = 0; number <= challenge.Maxnumber; number++)
        {
            if (Convert.ToHexStringLower(SHA256.HashData(Encoding.UTF8.GetBytes($"{challenge.Salt}{number}"))) == challenge.Challenge)
            {
                return number;
            }
        }

        throw new InvalidOperationException("The challenge has no solution up to its maxnumber.");
    }

    /// <summary>What the ALTCHA widget sends: base64 of its solution's JSON.</summary>
    private static string Payload(VisitorChallenges.AltchaChallenge challenge, long number) => Convert.ToBase64String(JsonSerializer.SerializeToUtf8Bytes(new
    {
        algorithm = challenge.Algorithm, challenge = challenge.Challenge, number, salt = challenge.Salt, signature = challenge.Signature, took = 10,
    }));

    private Task<HttpResponseMessage> AskToken(TenantSession tenant, string? altcha) =>
        chat.Web.Http.PostAsJsonAsync("/api/widget/visitor-tokens", new { widgetKey = tenant.SignUp.WidgetKey, altcha });

    private static async Task AssertRefused(HttpResponseMessage response, HttpStatusCode status, string title)
    {
        Assert.Equal(status, response.StatusCode);
        Assert.Equal(title, (await response.Content.ReadFromJsonAsync<ProblemDetails>())!.Title);
    }

    private static string ChallengePath(TenantSession tenant) => $"/api/tenants/{tenant.TenantId}/widget/challenge";
}
