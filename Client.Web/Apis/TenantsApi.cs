using Microsoft.AspNetCore.Http.HttpResults;
using Orbitalyntra.Accounts;
using Orbitalyntra.Web.Security;

namespace Orbitalyntra.Web.Apis;

public static class TenantsApi
{
    public sealed record SignUpRequest(
        string? TenantId, string? OrganisationName, string? ContactEmail, string? OrganisationDetails, string? BillingReference, NewAgentRequest? Admin);

    public sealed record SignUpResponse(TenantProfile Tenant, AgentProfile Admin, string ApiKey, string WidgetKey);

    public sealed record WidgetSettings(string WidgetKey);

    /// <summary>The organisation's account data as an administrator sends it.</summary>
    public sealed record AccountDetailsRequest(string? OrganisationName, string? ContactEmail, string? OrganisationDetails, string? BillingReference);

    public static IEndpointRouteBuilder MapTenantsApi(this IEndpointRouteBuilder app)
    {
        app.MapPost("/api/tenants", SignUp).WithTags("Tenants").AllowAnonymous().RequireRateLimiting(RateLimits.PublicEndpoints)
            .WithSummary("Sign up: create a tenant and its first administrator; answers the administrator's API key once.");
        var staff = app.MapGroup("/api/tenants/{tenantId}").WithTags("Tenants").RequireTenantStaff();
        staff.MapGet("/", Get).WithSummary("Read the tenant's profile (agents and administrators of the tenant).");
        staff.MapGet("/widget", GetWidget).WithSummary("Read the widget key the tenant's website embeds.");
        staff.MapGet("/settings", GetSettings).WithSummary("Read the tenant's settings: widget greeting and colour, business hours.");
        var admins = app.MapGroup("/api/tenants/{tenantId}").WithTags("Tenants").RequireTenantAdmin();
        admins.MapPut("/settings", PutSettings).WithSummary("Replace the tenant's settings (administrators only).");
        admins.MapPut("/account", PutAccount)
            .WithSummary("Replace the organisation's account data: name, contact e-mail, details, billing reference (a payment provider's token, never card data); audited (administrators only).");
        return app;
    }

    private static async Task<Results<Created<SignUpResponse>, ValidationProblem, ProblemHttpResult>> SignUp(SignUpRequest request, IClusterClient cluster)
    {
        var rules = OrganisationRules(request.OrganisationName, request.ContactEmail, request.OrganisationDetails, request.BillingReference)
            .TenantId("tenantId", request.TenantId)
            .Name("admin.displayName", request.Admin?.DisplayName, 100)
            .Email("admin.email", request.Admin?.Email)
            .Password("admin.password", request.Admin?.Password);
        if (!rules.Valid)
        {
            return TypedResults.ValidationProblem(rules.Problems, title: "The sign-up is not valid.");
        }

        var tenantId = request.TenantId!;
        var admin = request.Admin!;
        var signedUp = await cluster.GetGrain<ITenantGrain>(tenantId).SignUp(
            new NewTenant(request.OrganisationName!, request.ContactEmail!, request.OrganisationDetails, request.BillingReference),
            new NewAgent(admin.DisplayName!, admin.Email!, AgentRole.Admin, admin.Password!));
        return signedUp is null
            ? Problems.Conflict("Tenant exists.", $"The tenant id '{tenantId}' is taken; choose another.")
            : TypedResults.Created($"/api/tenants/{tenantId}", new SignUpResponse(signedUp.Tenant, signedUp.Admin, signedUp.ApiKey.Key, signedUp.WidgetKey));
    }

    private static async Task<Results<Ok<TenantProfile>, ProblemHttpResult>> Get(string tenantId, IClusterClient cluster) =>
        await cluster.GetGrain<ITenantGrain>(tenantId).GetProfile() is { } profile
            ? TypedResults.Ok(profile)
            : TenantNotFound(tenantId);

    private static async Task<Results<Ok<WidgetSettings>, ProblemHttpResult>> GetWidget(string tenantId, IClusterClient cluster) =>
        await cluster.GetGrain<ITenantGrain>(tenantId).GetWidgetKey() is { } key
            ? TypedResults.Ok(new WidgetSettings(key))
            : TenantNotFound(tenantId);

    private static async Task<Results<Ok<TenantSettings>, ProblemHttpResult>> GetSettings(string tenantId, IClusterClient cluster) =>
        await cluster.GetGrain<ITenantGrain>(tenantId).GetSettings() is { } settings
            ? TypedResults.Ok(settings)
            : TenantNotFound(tenantId);

    private static async Task<Results<Ok<TenantSettings>, ValidationProblem, ProblemHttpResult>> PutSettings(
        string tenantId, TenantSettings settings, IClusterClient cluster)
    {
        var problems = TenantSettingsRules.Check(settings);
        if (problems.Count > 0)
        {
            return TypedResults.ValidationProblem(problems, title: "The settings are not valid.");
        }

        return await cluster.GetGrain<ITenantGrain>(tenantId).UpdateSettings(settings) ? TypedResults.Ok(settings) : TenantNotFound(tenantId);
    }

    private static async Task<Results<Ok<TenantProfile>, ValidationProblem, ProblemHttpResult>> PutAccount(
        string tenantId, AccountDetailsRequest request, HttpContext http, IClusterClient cluster)
    {
        var rules = OrganisationRules(request.OrganisationName, request.ContactEmail, request.OrganisationDetails, request.BillingReference);
        if (!rules.Valid)
        {
            return TypedResults.ValidationProblem(rules.Problems, title: "The account data is not valid.");
        }

        var details = new AccountDetails(request.OrganisationName!.Trim(), request.ContactEmail!.Trim(), request.OrganisationDetails, request.BillingReference);
        return await cluster.GetGrain<ITenantGrain>(tenantId).UpdateAccount(details, http.User.AsActor()) is { } profile
            ? TypedResults.Ok(profile)
            : TenantNotFound(tenantId);
    }

    /// <summary>The organisation's fields, checked alike at sign-up and when an administrator changes them.</summary>
    private static AccountRules OrganisationRules(string? name, string? contactEmail, string? details, string? billingReference) => new AccountRules()
        .Name("organisationName", name, 200)
        .Email("contactEmail", contactEmail)
        .Prose("organisationDetails", details, 2000, required: false)
        .NoCardNumber("organisationDetails", details)
        .Billing("billingReference", billingReference);

    public static ProblemHttpResult TenantNotFound(string tenantId) =>
        Problems.NotFound("Tenant not found.", $"There is no tenant '{tenantId}' for you.");
}
