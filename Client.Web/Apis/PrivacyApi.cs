using System.Security.Claims;
using Microsoft.AspNetCore.Http.HttpResults;
using Orbitalyntra.Accounts;
using Orbitalyntra.Privacy;
using Orbitalyntra.Web.Security;

namespace Orbitalyntra.Web.Apis;

/// <summary>
/// The data subjects' rights: administrators act for any subject of their tenant, a visitor for themself
/// ("me"). Every read and change is recorded in the tenant's audit trail by the data-subject grain.
/// </summary>
public static class PrivacyApi
{
    public const int MaxNameLength = 200;
    public const int MaxSourceLength = 200;

    public sealed record ContactRequest(string? Name, string? Email);

    public sealed record ConsentRequest(ConsentPurpose? Purpose, bool? Granted, string? Source);

    public sealed record FlagRequest(bool? Value);

    public sealed record SubjectSearch(string? Email);

    public sealed record SubjectMatches(IReadOnlyList<string> SubjectIds);

    public static IEndpointRouteBuilder MapPrivacyApi(this IEndpointRouteBuilder app)
    {
        var subjects = app.MapGroup("/api/tenants/{tenantId}/subjects/{subjectId}").WithTags("Data subjects");
        subjects.MapGet("/", (string tenantId, string subjectId, ClaimsPrincipal caller, IClusterClient cluster) =>
            Read(Resolve(tenantId, subjectId, caller, cluster), caller))
            .WithSummary("Everything held about a data subject: contact, places, consents, restriction, objection, erasure (administrators; audited).");
        subjects.MapPut("/contact", (string tenantId, string subjectId, ContactRequest request, ClaimsPrincipal caller, IClusterClient cluster) =>
            Rectify(Resolve(tenantId, subjectId, caller, cluster), request, caller))
            .WithSummary("Rectify the subject's contact fields (art. 16; administrators).");
        subjects.MapPost("/consents", (string tenantId, string subjectId, ConsentRequest request, ClaimsPrincipal caller, IClusterClient cluster) =>
            Consent(Resolve(tenantId, subjectId, caller, cluster), request, caller))
            .WithSummary("Record a consent given or withdrawn, per purpose (art. 7; administrators).");
        subjects.MapPut("/restriction", (string tenantId, string subjectId, FlagRequest request, ClaimsPrincipal caller, IClusterClient cluster) =>
            Flag(Resolve(tenantId, subjectId, caller, cluster), request, caller, (s, v, by) => s.SetRestriction(v, by)))
            .WithSummary("Restrict processing, or lift the restriction (art. 18; administrators).");
        subjects.MapPut("/objection", (string tenantId, string subjectId, FlagRequest request, ClaimsPrincipal caller, IClusterClient cluster) =>
            Flag(Resolve(tenantId, subjectId, caller, cluster), request, caller, (s, v, by) => s.SetObjection(v, by)))
            .WithSummary("Record an objection to processing, or its withdrawal (art. 21; administrators).");
        subjects.MapPost("/erasure", (string tenantId, string subjectId, ClaimsPrincipal caller, IClusterClient cluster) =>
            Erase(Resolve(tenantId, subjectId, caller, cluster), caller))
            .WithSummary("Erase the subject (art. 17): the key is destroyed at once, every place is cleared after (administrators).");

        app.MapPost("/api/tenants/{tenantId}/subjects/search", Search).WithTags("Data subjects")
            .WithSummary("Find subjects by e-mail address, sent in the body so that it never appears in a URL (administrators).");
        app.MapGet("/api/tenants/{tenantId}/audit", Audit).WithTags("Data subjects")
            .WithSummary("The tenant's audit trail, newest first (administrators).");

        var me = app.MapGroup("/api/tenants/{tenantId}/visitors/me").WithTags("Data subjects");
        me.MapGet("/privacy", (string tenantId, ClaimsPrincipal caller, IClusterClient cluster) =>
            Read(Resolve(tenantId, null, caller, cluster), caller))
            .WithSummary("What is held about the calling visitor (art. 15).");
        me.MapPut("/contact", (string tenantId, ContactRequest request, ClaimsPrincipal caller, IClusterClient cluster) =>
            Rectify(Resolve(tenantId, null, caller, cluster), request, caller))
            .WithSummary("The calling visitor gives or corrects their name and e-mail.");
        me.MapPost("/consents", (string tenantId, ConsentRequest request, ClaimsPrincipal caller, IClusterClient cluster) =>
            Consent(Resolve(tenantId, null, caller, cluster), request, caller))
            .WithSummary("The calling visitor gives or withdraws a consent: one call either way.");
        me.MapPost("/erasure", (string tenantId, ClaimsPrincipal caller, IClusterClient cluster) =>
            Erase(Resolve(tenantId, null, caller, cluster), caller))
            .WithSummary("\"Forget me\": erases the calling visitor.");
        return app;
    }

    /// <summary>The subject a request acts for, or why it may not.</summary>
    private readonly record struct Target(IDataSubjectGrain? Subject, string SubjectId, ProblemHttpResult? Problem);

    /// <summary>
    /// An administrator acts for <paramref name="subjectId"/>; a visitor (<paramref name="subjectId"/> null) for
    /// themself. Callers of another tenant learn nothing: the tenant "does not exist" for them.
    /// </summary>
    private static Target Resolve(string tenantId, string? subjectId, ClaimsPrincipal caller, IClusterClient cluster)
    {
        if (!caller.BelongsTo(tenantId))
        {
            return new(null, "", TenantsApi.TenantNotFound(tenantId));
        }

        if (subjectId is null)
        {
            return caller.IsVisitor()
                ? new(Grain(cluster, tenantId, caller.SubjectId()!), caller.SubjectId()!, null)
                : new(null, "", Problems.Forbidden("This is for visitors; staff act for people under /subjects/{subjectId}."));
        }

        if (!caller.IsAdmin())
        {
            return new(null, "", Problems.Forbidden("Only administrators act for other people; visitors act for themselves under /visitors/me."));
        }

        return SubjectKey.IsSubjectId(subjectId)
            ? new(Grain(cluster, tenantId, subjectId), subjectId, null)
            : new(null, "", TypedResults.Problem(
                "A subject id is 1 to 64 letters, digits, '-' or '_'.", statusCode: StatusCodes.Status400BadRequest, title: "Not a subject id."));
    }

    private static IDataSubjectGrain Grain(IClusterClient cluster, string tenantId, string subjectId) =>
        cluster.GetGrain<IDataSubjectGrain>(new SubjectKey(tenantId, subjectId).ToString());

    private static async Task<Results<Ok<SubjectProfile>, ProblemHttpResult>> Read(Target target, ClaimsPrincipal caller)
    {
        if (target.Subject is not { } subject)
        {
            return target.Problem!;
        }

        return await subject.Read(caller.AsActor()) is { } profile
            ? TypedResults.Ok(profile)
            : Problems.NotFound("Data subject not found.", $"Nothing is held about subject '{target.SubjectId}'.");
    }

    private static async Task<Results<Ok<SubjectProfile>, ValidationProblem, ProblemHttpResult>> Rectify(
        Target target, ContactRequest request, ClaimsPrincipal caller)
    {
        if (target.Subject is not { } subject)
        {
            return target.Problem!;
        }

        var rules = new AccountRules().Text("name", request.Name, MaxNameLength, required: false);
        if (request.Email is not null)
        {
            rules.Email("email", request.Email);
        }

        if (!rules.Valid)
        {
            return TypedResults.ValidationProblem(rules.Problems, title: "The contact details are not valid.");
        }

        var contact = new ContactDetails(Blank(request.Name), request.Email?.Trim());
        return await subject.Rectify(contact, caller.AsActor()) is { } profile ? TypedResults.Ok(profile) : Erased(target.SubjectId);
    }

    private static async Task<Results<Ok<SubjectProfile>, ValidationProblem, ProblemHttpResult>> Consent(
        Target target, ConsentRequest request, ClaimsPrincipal caller)
    {
        if (target.Subject is not { } subject)
        {
            return target.Problem!;
        }

        var problems = new Dictionary<string, string[]>();
        if (request.Purpose is not { } purpose || !Enum.IsDefined(purpose))
        {
            problems["purpose"] = ["purpose must be 'analytics', 'faqImprovement', 'crmSync' or 'marketing'."];
        }

        if (request.Granted is null)
        {
            problems["granted"] = ["granted must be true (consent given) or false (withdrawn)."];
        }

        if (string.IsNullOrWhiteSpace(request.Source) || request.Source.Length > MaxSourceLength)
        {
            problems["source"] = [$"source must say where the consent came from, in 1 to {MaxSourceLength} characters."];
        }

        if (problems.Count > 0)
        {
            return TypedResults.ValidationProblem(problems, title: "The consent is not valid.");
        }

        return await subject.RecordConsent(request.Purpose!.Value, request.Granted!.Value, request.Source!.Trim(), caller.AsActor()) is { } profile
            ? TypedResults.Ok(profile)
            : Erased(target.SubjectId);
    }

    private static async Task<Results<Ok<SubjectProfile>, ValidationProblem, ProblemHttpResult>> Flag(
        Target target, FlagRequest request, ClaimsPrincipal caller, Func<IDataSubjectGrain, bool, Actor, Task<SubjectProfile?>> set)
    {
        if (target.Subject is not { } subject)
        {
            return target.Problem!;
        }

        if (request.Value is not { } value)
        {
            return TypedResults.ValidationProblem(new Dictionary<string, string[]> { ["value"] = ["value must be true or false."] });
        }

        return await set(subject, value, caller.AsActor()) is { } profile ? TypedResults.Ok(profile) : Erased(target.SubjectId);
    }

    private static async Task<Results<Accepted<ErasureProgress>, ProblemHttpResult>> Erase(Target target, ClaimsPrincipal caller) =>
        target.Subject is { } subject
            ? TypedResults.Accepted((string?)null, await subject.Erase(caller.AsActor()))
            : target.Problem!;

    private static async Task<Results<Ok<SubjectMatches>, ValidationProblem, ProblemHttpResult>> Search(
        string tenantId, SubjectSearch request, ClaimsPrincipal caller, IClusterClient cluster)
    {
        if (!caller.IsAdminOf(tenantId))
        {
            return TenantsApi.TenantNotFound(tenantId);
        }

        var rules = new AccountRules().Email("email", request.Email);
        if (!rules.Valid)
        {
            return TypedResults.ValidationProblem(rules.Problems, title: "The search is not valid.");
        }

        var hash = await cluster.GetGrain<ITenantGrain>(tenantId).HashEmail(request.Email!);
        var found = hash is null ? [] : await cluster.GetGrain<ISubjectDirectoryGrain>($"{tenantId}:{hash}").Find();
        await cluster.GetGrain<IAuditTrailGrain>(tenantId).Record(
            new AuditEntry(DateTimeOffset.UtcNow, caller.AsActor(), "subject.searched", null, $"{found.Count} found"));
        return TypedResults.Ok(new SubjectMatches(found));
    }

    private static async Task<Results<Ok<IReadOnlyList<AuditEntry>>, ProblemHttpResult>> Audit(
        string tenantId, DateTimeOffset? before, int? limit, ClaimsPrincipal caller, IClusterClient cluster) =>
        caller.IsAdminOf(tenantId)
            ? TypedResults.Ok(await cluster.GetGrain<IAuditTrailGrain>(tenantId).Read(before, limit ?? 50))
            : TenantsApi.TenantNotFound(tenantId);

    private static string? Blank(string? value) => string.IsNullOrWhiteSpace(value) ? null : value.Trim();

    private static ProblemHttpResult Erased(string subjectId) =>
        TypedResults.Problem($"Subject '{subjectId}' has been erased; nothing more can be recorded about them.", statusCode: StatusCodes.Status410Gone, title: "Erased.");
}
