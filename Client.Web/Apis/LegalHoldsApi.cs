using System.Security.Claims;
using Microsoft.AspNetCore.Http.HttpResults;
using Orbitalyntra.Accounts;
using Orbitalyntra.Chat;
using Orbitalyntra.Privacy;
using Orbitalyntra.Retention;
using Orbitalyntra.Web.Security;

namespace Orbitalyntra.Web.Apis;

/// <summary>
/// Legal holds, placed and lifted by operators (legal requests, disputes) on a tenant, a conversation or a data subject:
/// purges skip what they keep, and erasures of held data wait for the lift (docs/decisions/0036). The route names the
/// tenant <c>{tenant}</c>, not <c>{tenantId}</c>: an operator acts on a closed tenant too.
/// </summary>
public static class LegalHoldsApi
{
    public sealed record HoldRequest(HoldScope? Scope, string? TargetId, string? Reason);

    public static IEndpointRouteBuilder MapLegalHoldsApi(this IEndpointRouteBuilder app)
    {
        var holds = app.MapGroup("/api/operators/tenants/{tenant}/holds").WithTags("Operators")
            .RequireAuthorization(policy => policy.RequireRole(Caller.OperatorRole));
        holds.MapPost("/", Place).WithSummary("Place a legal hold on the tenant, a conversation or a data subject, with a reason (operators; audited).");
        holds.MapGet("/", List).WithSummary("The tenant's legal holds in force (operators).");
        holds.MapDelete("/{holdId:guid}", Lift).WithSummary("Lift a legal hold: the next purge takes what it kept, and the erasures that waited are carried out (operators; audited).");
        return app;
    }

    private static async Task<Results<Created<LegalHold>, ValidationProblem, ProblemHttpResult>> Place(
        string tenant, HoldRequest request, ClaimsPrincipal caller, IClusterClient cluster)
    {
        var rules = new AccountRules().Defined("scope", request.Scope).Name("reason", request.Reason, HoldRules.MaxReasonLength).NoCardNumber("reason", request.Reason);
        if (!rules.Valid)
        {
            return TypedResults.ValidationProblem(rules.Problems, title: "The hold is not valid.");
        }

        if (!TenantIds.IsValid(tenant) || await cluster.GetGrain<ITenantGrain>(tenant).GetProfile() is null)
        {
            return Problems.NotFound("Tenant not found.", $"There is no tenant '{tenant}'.");
        }

        var (target, holder, problem) = await Target(cluster, tenant, request.Scope!.Value, request.TargetId);
        if (problem is not null)
        {
            return problem;
        }

        var hold = await Holds(cluster, tenant).Place(new NewHold(request.Scope.Value, target, holder, request.Reason!.Trim()), caller.AsActor());
        return TypedResults.Created($"/api/operators/tenants/{tenant}/holds/{hold.HoldId:N}", hold);
    }

    /// <summary>What the hold names: nothing for the tenant, an existing conversation (and its holder) or a known subject.</summary>
    private static async Task<(string? Target, DataPlace? Holder, ProblemHttpResult? Problem)> Target(IClusterClient cluster, string tenant, HoldScope scope, string? targetId)
    {
        switch (scope)
        {
            case HoldScope.Tenant:
                return targetId is null ? (null, null, null) : (null, null, TypedResults.Problem("A hold on the tenant names no target: leave targetId out.", statusCode: StatusCodes.Status400BadRequest, title: "The hold is not valid."));
            case HoldScope.Conversation when Guid.TryParse(targetId, out var conversationId):
                var conversation = cluster.Conversation(new ConversationKey(tenant, conversationId));
                return await conversation.GetSummary() is null
                    ? (null, null, Problems.NotFound("Conversation not found.", $"The tenant has no conversation '{targetId}'."))
                    : (conversationId.ToString("N"), DataPlace.Of(conversation.GetGrainId()), null);
            case HoldScope.Subject when SubjectKey.IsSubjectId(targetId) && await cluster.DataSubject(new SubjectKey(tenant, targetId!)).IsKnown():
                return (targetId, null, null);
            default:
                return (null, null, Problems.NotFound("Target not found.", $"The tenant holds no {scope.ToString().ToLowerInvariant()} '{targetId}'."));
        }
    }

    private static async Task<Ok<IReadOnlyList<LegalHold>>> List(string tenant, IClusterClient cluster) =>
        TypedResults.Ok(TenantIds.IsValid(tenant) ? await Holds(cluster, tenant).List() : []);

    private static async Task<Results<NoContent, ProblemHttpResult>> Lift(string tenant, Guid holdId, ClaimsPrincipal caller, IClusterClient cluster) =>
        TenantIds.IsValid(tenant) && await Holds(cluster, tenant).Lift(holdId, caller.AsActor())
            ? TypedResults.NoContent()
            : Problems.NotFound("Hold not found.", $"The tenant has no legal hold '{holdId}'.");

    private static ILegalHoldsGrain Holds(IClusterClient cluster, string tenant) => cluster.GetGrain<ILegalHoldsGrain>(tenant);
}
