using System.Security.Claims;
using Microsoft.AspNetCore.Http.HttpResults;
using Orbitalyntra.Accounts;
using Orbitalyntra.Privacy;
using Orbitalyntra.Web.Security;

namespace Orbitalyntra.Web.Apis;

/// <summary>
/// Versioned privacy policies (docs/decisions/0039): the platform's own, published by operators and read by anyone on
/// <c>/privacy</c>; each tenant's notice to its visitors, published by its administrators and read by anyone (the widget
/// links to it); and, for a visitor, the notice in force with the consents it asks again after a material change.
/// </summary>
public static class PoliciesApi
{
    /// <summary>A version as its publisher sends it.</summary>
    public sealed record VersionRequest(DateTimeOffset? EffectiveAt, bool? Material, LocalizedText? Visitors, LocalizedText? AccountHolders, string? Url);

    /// <summary>The policy in force as people read it.</summary>
    /// <param name="Notice">Which policy (platform or tenant) and version.</param>
    /// <param name="EffectiveAt">In force since.</param>
    /// <param name="Visitors">The text for visitors, when given as text.</param>
    /// <param name="AccountHolders">The text for account holders (the platform's policy).</param>
    /// <param name="Url">The tenant's own page, when given as an address.</param>
    /// <param name="ControllerContact">Where to write about one's data.</param>
    /// <param name="Complaint">Where to complain: the CNIL.</param>
    public sealed record PolicyView(
        PolicyRef Notice, DateTimeOffset EffectiveAt, LocalizedText? Visitors, LocalizedText? AccountHolders, string? Url, string ControllerContact, Complaint Complaint)
    {
        public static PolicyView Of(PolicyInForce inForce) => new(
            inForce.Ref, inForce.Current.EffectiveAt, inForce.Current.Visitors, inForce.Current.AccountHolders, inForce.Current.Url, inForce.ControllerContact, inForce.Complaint);
    }

    /// <summary>The notice the calling visitor is under, and the consents it asks again (given before a material change).</summary>
    public sealed record VisitorNotice(PolicyView Policy, IReadOnlyList<ConsentPurpose> AskAgain);

    public static IEndpointRouteBuilder MapPoliciesApi(this IEndpointRouteBuilder app)
    {
        app.MapGet("/api/privacy/policy", Platform).WithTags("Privacy policies").AllowAnonymous().RequireRateLimiting(RateLimits.PublicEndpoints)
            .WithSummary("The platform's privacy policy in force, its effective date, the controller's contact and the right to complain to the CNIL (public).");
        app.MapGet("/api/tenants/{tenantId}/privacy/notice", TenantNotice).WithTags("Privacy policies").AllowAnonymous().RequireRateLimiting(RateLimits.PublicEndpoints)
            .WithSummary("The tenant's privacy notice to its visitors in force (the platform's visitor text while it has none), with the contact and the CNIL (public).");

        var tenant = app.MapGroup("/api/tenants/{tenantId}/privacy/notice/versions").WithTags("Privacy policies").RequireTenantAdmin(hiddenFromOtherMembers: true);
        tenant.MapGet("/", (string tenantId, IClusterClient cluster) => Versions(cluster.TenantNotice(tenantId)))
            .WithSummary("Every version of the tenant's notice to its visitors, newest first (administrators).");
        tenant.MapPost("/", (string tenantId, VersionRequest request, ClaimsPrincipal caller, IClusterClient cluster, TimeProvider time) =>
            Publish(cluster.TenantNotice(tenantId), platform: false, request, caller, time, $"/api/tenants/{tenantId}/privacy/notice/versions"))
            .WithSummary("Publish a version of the tenant's notice (url or text, effective date, material); a material one asks visitors' consent again (administrators; audited).");

        var platform = app.MapGroup("/api/operators/privacy-policy/versions").WithTags("Operators")
            .RequireAuthorization(policy => policy.RequireRole(Caller.OperatorRole));
        platform.MapGet("/", (IClusterClient cluster) => Versions(cluster.PlatformPolicyGrain())).WithSummary("Every version of the platform's policy, newest first (operators).");
        platform.MapPost("/", (VersionRequest request, ClaimsPrincipal caller, IClusterClient cluster, TimeProvider time) =>
            Publish(cluster.PlatformPolicyGrain(), platform: true, request, caller, time, "/api/operators/privacy-policy/versions"))
            .WithSummary("Publish a version of the platform's policy (texts for visitors and account holders, fr and en); every account holder gets a notice (operators).");

        app.MapGet("/api/tenants/{tenantId}/visitors/me/notice", Mine).WithTags("Privacy policies")
            .RequireTenantVisitor("This is for visitors' widgets; staff read the notice at /privacy/notice.")
            .WithSummary("The notice the calling visitor is under and the consents it asks again after a material change.");
        return app;
    }

    private static async Task<Ok<PolicyView>> Platform(IClusterClient cluster) => TypedResults.Ok(PolicyView.Of(await cluster.PlatformPolicyGrain().InForce()));

    private static async Task<Results<Ok<PolicyView>, ProblemHttpResult>> TenantNotice(string tenantId, IClusterClient cluster) =>
        TenantIds.IsValid(tenantId) && await cluster.GetGrain<ITenantGrain>(tenantId).GetProfile() is not null
            ? TypedResults.Ok(PolicyView.Of(await cluster.TenantNotice(tenantId).InForce()))
            : Problems.NotFound("Tenant not found.", $"There is no tenant '{tenantId}'.");

    private static async Task<Ok<VisitorNotice>> Mine(string tenantId, ClaimsPrincipal caller, IClusterClient cluster) =>
        TypedResults.Ok(new VisitorNotice(
            PolicyView.Of(await cluster.TenantNotice(tenantId).InForce()),
            await cluster.DataSubject(new SubjectKey(tenantId, caller.SubjectId()!)).ConsentsToAskAgain()));

    private static async Task<Ok<IReadOnlyList<PolicyVersion>>> Versions(IPolicyGrain policy) => TypedResults.Ok(await policy.Versions());

    private static async Task<Results<Created<PolicyVersion>, ValidationProblem>> Publish(
        IPolicyGrain policy, bool platform, VersionRequest request, ClaimsPrincipal caller, TimeProvider time, string location)
    {
        var draft = new PolicyDraft(request.EffectiveAt, request.Material ?? false, request.Visitors, request.AccountHolders, request.Url);
        var problems = PolicyRules.Problems(draft, platform, (await policy.Versions()).FirstOrDefault(), time.GetUtcNow());
        if (request.Material is null)
        {
            problems["material"] = ["material is required: true when visitors must be asked for their consent again."];
        }

        if (problems.Count > 0)
        {
            return TypedResults.ValidationProblem(problems, title: "The policy version is not valid.");
        }

        try
        {
            return TypedResults.Created(location, await policy.Publish(draft, caller.AsActor()));
        }
        catch (ArgumentException refused)
        {
            // Another version was published meanwhile, and this one no longer fits after it.
            return TypedResults.ValidationProblem(new Dictionary<string, string[]> { ["version"] = [refused.Message.Split(" (Parameter")[0]] },
                title: "The policy version is not valid.");
        }
    }
}
