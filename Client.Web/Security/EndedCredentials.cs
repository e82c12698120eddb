using System.Security.Claims;
using Microsoft.AspNetCore.Authorization;
using Orbitalyntra.Accounts;
using Orbitalyntra.Privacy;

namespace Orbitalyntra.Web.Security;

/// <summary>
/// A credential ends before it expires (docs/decisions/0037): an agent's session when they sign out or change their
/// password, or when the agent is removed or erased; a visitor's tokens when the visitor's data is erased. Every request
/// and every hub call that carries a person's credential asks the grain that knows (one in-memory call, like the closed
/// tenant's check). An ended credential is refused with 401; on an endpoint that is public on purpose it is ignored
/// instead, as if absent, so that an erased visitor's widget simply gets a new, unrelated visitor id. The hub refuses
/// the same way (<see cref="HubGate"/>).
/// </summary>
public static class EndedCredentials
{
    /// <summary>Refuses (or, on public endpoints, drops) ended credentials; placed right after authentication.</summary>
    public static IApplicationBuilder UseEndedCredentialGate(this IApplicationBuilder app) => app.Use(async (http, next) =>
    {
        if (await WhyEnded(http.RequestServices.GetRequiredService<IClusterClient>(), http.User) is { } reason)
        {
            if (http.GetEndpoint()?.Metadata.GetMetadata<IAllowAnonymous>() is null)
            {
                await TypedResults.Problem(reason, statusCode: StatusCodes.Status401Unauthorized, title: Title).ExecuteAsync(http);
                return;
            }

            http.User = new ClaimsPrincipal(new ClaimsIdentity());
        }

        await next(http);
    });

    /// <summary>What every refusal is titled, over REST and on the hub.</summary>
    public const string Title = "The credential has ended.";

    /// <summary>Why the caller's credential no longer holds, or null while it does (and for API keys, checked by their own handler).</summary>
    public static async Task<string?> WhyEnded(IClusterClient cluster, ClaimsPrincipal caller)
    {
        if (caller.Identity?.IsAuthenticated != true || caller.IsApiKey()
            || caller.TenantId() is not { } tenantId || caller.SubjectId() is not { } subjectId || caller.IssuedAt() is not { } issuedAt)
        {
            return null;
        }

        if (caller.IsVisitor())
        {
            return SubjectKey.IsSubjectId(subjectId) && await ClusterUnavailable.Check(cluster.DataSubject(new SubjectKey(tenantId, subjectId)).GetErasure()) is { } erasure
                && erasure.RequestedAt >= issuedAt
                ? "This visitor's data was erased: its tokens are refused. Ask for a new visitor token with the widget key."
                : null;
        }

        return caller.IsStaff() && !await ClusterUnavailable.Check(cluster.Agent(tenantId, subjectId).HoldsSession(caller.SessionId(), issuedAt))
            ? "This session has ended: it was signed out, the password changed since, or the agent no longer exists. Sign in again."
            : null;
    }
}
