using System.Security.Claims;
using Microsoft.AspNetCore.Authentication;
using Microsoft.AspNetCore.Authentication.Cookies;
using Microsoft.AspNetCore.Http.HttpResults;
using Orbitalyntra.Accounts;
using Orbitalyntra.Web.Security;

namespace Orbitalyntra.Web.Apis;

public static class SessionsApi
{
    /// <summary>
    /// Sign-in: with <c>useCookie</c> the web console gets a session cookie, otherwise an API client gets a bearer token;
    /// <c>code</c> is the authenticator's code of an account with a second factor (or setting one up).
    /// </summary>
    public sealed record SignInRequest(string? Email, string? Password, bool UseCookie = false, string? Code = null);

    public sealed record SignedIn(AgentProfile Agent, string? AccessToken, DateTimeOffset? ExpiresAt);

    public static IEndpointRouteBuilder MapSessionsApi(this IEndpointRouteBuilder app)
    {
        app.MapPost("/api/tenants/{tenantId}/sessions", SignIn).WithTags("Sessions")
            .AllowAnonymous().RequireRateLimiting(RateLimits.PublicEndpoints).AllowedWhileClosed(toAnyone: true)
            .WithSummary("Sign an agent in with e-mail and password; repeated failures pause sign-ins for that address from the caller's network (never from a network the agent signed in from before), with the same answer for known and unknown addresses. While the tenant is closed, only its administrators, and only to its closure.");
        app.MapDelete("/api/sessions/current", (Delegate)SignOut).WithTags("Sessions").AllowedWhileClosed(toAnyone: true)
            .WithSummary("Sign out: ends this session, its cookie or bearer token refused from then on, on every web host.");
        return app;
    }

    private static async Task<Results<Ok<SignedIn>, ValidationProblem, ProblemHttpResult>> SignIn(
        string tenantId, SignInRequest request, HttpContext http, IClusterClient cluster, TokenIssuer tokens)
    {
        var rules = new AccountRules().TenantId("tenantId", tenantId).Text("email", request.Email, 254).Text("password", request.Password, AgentRules.MaxPasswordLength)
            .SecondFactorCode("code", request.Code);
        if (!rules.Valid)
        {
            return TypedResults.ValidationProblem(rules.Problems, title: "The sign-in is not valid.");
        }

        var network = RateLimits.ClientOf(http.Connection.RemoteIpAddress);
        var tenant = cluster.GetGrain<ITenantGrain>(tenantId);
        var agentId = await tenant.FindAgentByEmail(request.Email!);
        // Read for unknown addresses too, so that both cost the same calls.
        var adminsNeedSecondFactor = (await tenant.GetSettings())?.AdminsNeedSecondFactor == true;
        var outcome = agentId is null
            ? UnknownAgent(request.Password!)
            : await cluster.Agent(tenantId, agentId).SignIn(request.Password!, network, request.Code, adminsNeedSecondFactor);
        var verdict = await cluster.GetGrain<ISignInGuardGrain>(tenantId)
            .Attempt(request.Email!, network, outcome.KnownNetwork, outcome.Status == SignInStatus.Succeeded);
        if (verdict.TellOwner && agentId is not null)
        {
            await cluster.Agent(tenantId, agentId).TellOfFailedSignIns();
        }

        if (verdict.RetryAfter is { } retryAfter)
        {
            // The same answer for every address, known or not, whatever the password: it tells nothing of either.
            var minutes = (int)Math.Ceiling(retryAfter.TotalMinutes);
            http.Response.SetRetryAfter(retryAfter);
            return TypedResults.Problem(
                $"Too many failed sign-ins for this e-mail address from your network: try again in {minutes} minute{(minutes == 1 ? "" : "s")}.",
                statusCode: StatusCodes.Status429TooManyRequests,
                title: "Sign-ins paused.");
        }

        if (!verdict.Admitted)
        {
            return outcome.Status switch
            {
                SignInStatus.SecondFactorNeeded => SecondFactorProblems.CodeNeeded(request.Code),
                SignInStatus.SecondFactorEnrollment => SecondFactorProblems.EnrollmentNeeded(request.Code, outcome.Enrollment!),
                _ => Problems.Unauthorized("The e-mail or the password is wrong."),
            };
        }

        var agent = outcome.Agent!;
        if (agent.Role != AgentRole.Admin && await ClosedTenants.Closure(cluster, tenantId) is { } closure)
        {
            return ClosedTenants.Refused(closure, StatusCodes.Status403Forbidden);
        }

        await cluster.Agent(tenantId, agent.AgentId).RecordSignInFrom(BrowserFamilies.Of(http.Request.Headers.UserAgent), network);
        var role = Caller.RoleOf(agent.Role);
        if (request.UseCookie)
        {
            await StartCookieSession(http, tenantId, role, agent.AgentId);
            return TypedResults.Ok(new SignedIn(agent, null, null));
        }

        var token = tokens.Issue(tenantId, role, agent.AgentId, TokenSettings.AgentTokenLifetime, Caller.NewSessionId());
        return TypedResults.Ok(new SignedIn(agent, token.AccessToken, token.ExpiresAt));
    }

    /// <summary>An unknown e-mail costs the same password hashing as a known one, so timing does not tell them apart.</summary>
    private static SignInOutcome UnknownAgent(string password)
    {
        DecoyPassword.Verify(password);
        return new SignInOutcome(SignInStatus.Failed);
    }

    /// <summary>
    /// A new console session for the agent: a cookie with its own session id, which signing out ends, issued now or, after
    /// a password change, at the time <paramref name="issuedAt"/> from which sessions hold again.
    /// </summary>
    public static Task StartCookieSession(HttpContext http, string tenantId, string role, string agentId, DateTimeOffset? issuedAt = null) =>
        http.SignInAsync(CookieAuthenticationDefaults.AuthenticationScheme, Caller.Session(
            CookieAuthenticationDefaults.AuthenticationScheme, tenantId, role, agentId, Caller.NewSessionId(),
            issuedAt ?? http.RequestServices.GetRequiredService<TimeProvider>().GetUtcNow()));

    /// <summary>Ends the caller's session wherever its cookie or token is presented again, then drops the cookie.</summary>
    private static async Task<NoContent> SignOut(HttpContext http, IClusterClient cluster)
    {
        var caller = http.User;
        if (caller.IsStaff() && caller.TenantId() is { } tenantId && caller.SubjectId() is { } agentId
            && caller.SessionId() is { } sessionId && caller.IssuedAt() is { } issuedAt)
        {
            await cluster.Agent(tenantId, agentId).EndSession(sessionId, issuedAt + TokenSettings.AgentTokenLifetime);
        }

        await http.SignOutAsync(CookieAuthenticationDefaults.AuthenticationScheme);
        return TypedResults.NoContent();
    }
}
