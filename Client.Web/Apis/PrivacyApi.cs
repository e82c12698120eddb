using System.Security.Claims;
using Microsoft.AspNetCore.Http.HttpResults;
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

    /// <summary>A consent given or withdrawn; <c>Notice</c>: the version of the privacy notice the visitor was shown, when a widget shows one.</summary>
    public sealed record ConsentRequest(ConsentPurpose? Purpose, bool? Granted, string? Source, PolicyRef? Notice = null);

    public sealed record FlagRequest(bool? Value);

    public sealed record SubjectSearch(string? Email);

    public sealed record SubjectMatches(IReadOnlyList<string> SubjectIds);

    public sealed record NewRequest(RequestKind? Kind);

    public sealed record ExtensionRequest(DateTimeOffset? Until, string? Reason);

    public sealed record ClosureRequest(RequestStatus? Status, string? Resolution);

    public static IEndpointRouteBuilder MapPrivacyApi(this IEndpointRouteBuilder app)
    {
        var subjects = app.MapGroup("/api/tenants/{tenantId}/subjects/{subjectId}").WithTags("Data subjects")
            .RequireTenantAdmin(refusal: "Only administrators act for other people; visitors act for themselves under /visitors/me.")
            .AddEndpointFilter(OnlyKnownSubjects);
        subjects.MapGet("/", (string tenantId, string subjectId, ClaimsPrincipal caller, IClusterClient cluster) =>
            Read(Named(tenantId, subjectId, cluster), caller))
            .WithSummary("Everything held about a data subject: contact, places, consents, restriction, objection, erasure (administrators; audited).");
        subjects.MapGet("/export", (string tenantId, string subjectId, ClaimsPrincipal caller, IClusterClient cluster, HttpContext http) =>
            Export(Named(tenantId, subjectId, cluster), caller, http))
            .WithSummary("Everything held about the subject as a JSON download (art. 15, 20; docs/schemas/subject-export.schema.json); completes open access and portability requests (administrators).");
        subjects.MapPut("/contact", (string tenantId, string subjectId, ContactRequest request, ClaimsPrincipal caller, IClusterClient cluster) =>
            Rectify(Named(tenantId, subjectId, cluster), request, caller))
            .WithSummary("Rectify the subject's contact fields (art. 16; administrators).");
        subjects.MapPost("/consents", (string tenantId, string subjectId, ConsentRequest request, ClaimsPrincipal caller, IClusterClient cluster) =>
            Consent(tenantId, Named(tenantId, subjectId, cluster), request, caller, cluster))
            .WithSummary("Record a consent given or withdrawn, per purpose (art. 7; administrators).");
        subjects.MapPut("/restriction", (string tenantId, string subjectId, FlagRequest request, ClaimsPrincipal caller, IClusterClient cluster) =>
            Flag(Named(tenantId, subjectId, cluster), request, caller, (s, v, by) => s.SetRestriction(v, by)))
            .WithSummary("Restrict processing, or lift the restriction (art. 18; administrators).");
        subjects.MapPut("/objection", (string tenantId, string subjectId, FlagRequest request, ClaimsPrincipal caller, IClusterClient cluster) =>
            Flag(Named(tenantId, subjectId, cluster), request, caller, (s, v, by) => s.SetObjection(v, by)))
            .WithSummary("Record an objection to processing, or its withdrawal (art. 21; administrators).");
        subjects.MapPost("/erasure", (string tenantId, string subjectId, ClaimsPrincipal caller, IClusterClient cluster) =>
            Erase(Named(tenantId, subjectId, cluster), caller))
            .WithSummary("Erase the subject (art. 17): the key is destroyed at once, every place is cleared after (administrators).");

        subjects.MapPost("/requests", (string tenantId, string subjectId, NewRequest request, ClaimsPrincipal caller, IClusterClient cluster) =>
            Request(tenantId, Named(tenantId, subjectId, cluster), request, caller))
            .WithSummary("Record a data-subject request, due in one month; erasure, restriction, objection and consent withdrawal are carried out at once (administrators).");

        var requests = app.MapGroup("/api/tenants/{tenantId}/requests").WithTags("Data subjects").RequireTenantAdmin(hiddenFromOtherMembers: true);
        requests.MapGet("/", ListRequests).WithSummary("The data-subject requests with their deadlines; ?open=false for closed ones too (administrators).");
        requests.MapPut("/{requestId}/extension", Extend)
            .WithSummary("Extend a request's deadline once, by up to two months, with the reason told to the subject (administrators).");
        requests.MapPut("/{requestId}/closure", CloseRequest).WithSummary("Complete or reject an open request, saying what was done or why not (administrators).");

        app.MapPost("/api/tenants/{tenantId}/subjects/search", Search).WithTags("Data subjects").RequireTenantAdmin(hiddenFromOtherMembers: true)
            .WithSummary("Find subjects by e-mail address, sent in the body so that it never appears in a URL (administrators).");
        app.MapGet("/api/tenants/{tenantId}/audit", Audit).WithTags("Data subjects").RequireTenantAdmin(hiddenFromOtherMembers: true)
            .WithSummary("The tenant's audit trail, newest first (administrators).");

        var me = app.MapGroup("/api/tenants/{tenantId}/visitors/me").WithTags("Data subjects")
            .RequireTenantVisitor("This is for visitors; staff act for people under /subjects/{subjectId}.");
        me.MapGet("/privacy", (string tenantId, ClaimsPrincipal caller, IClusterClient cluster) =>
            Read(Me(tenantId, caller, cluster), caller))
            .WithSummary("What is held about the calling visitor (art. 15).");
        me.MapGet("/export", (string tenantId, ClaimsPrincipal caller, IClusterClient cluster, HttpContext http) =>
            Export(Me(tenantId, caller, cluster), caller, http))
            .WithSummary("\"Download my data\": everything held about the calling visitor, as JSON.");
        me.MapPut("/contact", (string tenantId, ContactRequest request, ClaimsPrincipal caller, IClusterClient cluster) =>
            Rectify(Me(tenantId, caller, cluster), request, caller))
            .WithSummary("The calling visitor gives or corrects their name and e-mail.");
        me.MapPost("/consents", (string tenantId, ConsentRequest request, ClaimsPrincipal caller, IClusterClient cluster) =>
            Consent(tenantId, Me(tenantId, caller, cluster), request, caller, cluster))
            .WithSummary("The calling visitor gives or withdraws a consent: one call either way.");
        // Anyone with the public widget key can be a visitor: what visitors may file is rate-limited like the public endpoints.
        me.MapPost("/erasure", (string tenantId, ClaimsPrincipal caller, IClusterClient cluster) =>
            Erase(Me(tenantId, caller, cluster), caller))
            .RequireRateLimiting(RateLimits.PublicEndpoints)
            .WithSummary("\"Forget me\": erases the calling visitor.");
        me.MapPost("/requests", (string tenantId, NewRequest request, ClaimsPrincipal caller, IClusterClient cluster) =>
            Request(tenantId, Me(tenantId, caller, cluster), request, caller))
            .RequireRateLimiting(RateLimits.PublicEndpoints)
            .WithSummary("The calling visitor makes a data-subject request of any kind; an open one of the same kind is answered instead of a new one.");
        return app;
    }

    /// <summary>The subject a request acts for (their record and the grain that carries out their rights), or why it may not.</summary>
    private readonly record struct Target(IDataSubjectGrain? Subject, ISubjectRightsGrain? Rights, string SubjectId, ProblemHttpResult? Problem);

    /// <summary>The subject an administrator names (the route group let only administrators of the tenant in).</summary>
    /// <summary>
    /// An administrator acts on someone the tenant holds or held data of: an id nobody used is 404 for every call, so that
    /// no change makes a record (an erasure order, a contact) for a person who never existed.
    /// </summary>
    private static async ValueTask<object?> OnlyKnownSubjects(EndpointFilterInvocationContext context, EndpointFilterDelegate next)
    {
        var http = context.HttpContext;
        if (http.GetRouteValue("tenantId") is string tenantId && http.GetRouteValue("subjectId") is string subjectId && SubjectKey.IsSubjectId(subjectId)
            && !await http.RequestServices.GetRequiredService<IClusterClient>().DataSubject(new SubjectKey(tenantId, subjectId)).IsKnown())
        {
            return Problems.NotFound("Data subject not found.", $"Nothing is held about subject '{subjectId}'.");
        }

        return await next(context);
    }

    private static Target Named(string tenantId, string subjectId, IClusterClient cluster) => SubjectKey.IsSubjectId(subjectId)
        ? For(cluster, new SubjectKey(tenantId, subjectId))
        : new(null, null, "", TypedResults.Problem(
            "A subject id is 1 to 64 letters, digits, '-' or '_'.", statusCode: StatusCodes.Status400BadRequest, title: "Not a subject id."));

    /// <summary>The calling visitor themself (the route group let only visitors of the tenant in).</summary>
    private static Target Me(string tenantId, ClaimsPrincipal caller, IClusterClient cluster) =>
        For(cluster, new SubjectKey(tenantId, caller.SubjectId()!));

    private static Target For(IClusterClient cluster, SubjectKey subject) =>
        new(cluster.DataSubject(subject), cluster.SubjectRights(subject), subject.SubjectId, null);

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

    /// <summary>
    /// Made on demand and never stored: there is no copy to expire or delete, and the download is as short-lived as
    /// the requester's credentials (docs/decisions/0009).
    /// </summary>
    private static async Task<Results<Ok<SubjectExport>, ProblemHttpResult>> Export(Target target, ClaimsPrincipal caller, HttpContext http)
    {
        if (target.Rights is not { } rights)
        {
            return target.Problem!;
        }

        if (await rights.Export(caller.AsActor()) is not { } export)
        {
            return Problems.NotFound("Nothing to export.", $"Nothing is held about subject '{target.SubjectId}', or it was erased.");
        }

        http.Response.Headers.ContentDisposition = $"attachment; filename=\"personal-data-{target.SubjectId}.json\"";
        http.Response.Headers.CacheControl = "no-store";
        return TypedResults.Ok(export);
    }

    private static async Task<Results<Ok<SubjectProfile>, ValidationProblem, ProblemHttpResult>> Rectify(
        Target target, ContactRequest request, ClaimsPrincipal caller)
    {
        if (target.Subject is not { } subject)
        {
            return target.Problem!;
        }

        var rules = new AccountRules().Name("name", request.Name, MaxNameLength, required: false);
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
        string tenantId, Target target, ConsentRequest request, ClaimsPrincipal caller, IClusterClient cluster)
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

        if (TextRules.IsBlank(request.Source) || request.Source.Length > MaxSourceLength || TextRules.ProseProblem(request.Source) is not null)
        {
            problems["source"] = [$"source must say where the consent came from, in 1 to {MaxSourceLength} characters."];
        }

        if (problems.Count > 0)
        {
            return TypedResults.ValidationProblem(problems, title: "The consent is not valid.");
        }

        // A consent is to the notice in force: one given to a version that is no longer it is refused, and the widget shows the new one.
        if (request.Notice is { } shown && (await cluster.TenantNotice(tenantId).InForce()).Ref is var inForce && shown != inForce)
        {
            return Problems.Conflict("The privacy notice changed.", $"The notice in force is {inForce.Policy} version {inForce.Version}, not {shown.Policy} version {shown.Version}: show it and ask again.");
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

    /// <summary>
    /// An erasure is a tracked request like any other; this answers with its progress rather than the request, or with the
    /// request when a legal hold keeps the data (its <c>heldBecause</c> says why).
    /// </summary>
    private static async Task<Results<Accepted<ErasureProgress>, Accepted<SubjectRequest>, ProblemHttpResult>> Erase(Target target, ClaimsPrincipal caller)
    {
        if (target.Rights is not { } rights)
        {
            return target.Problem!;
        }

        var filed = await rights.File(RequestKind.Erasure, caller.AsActor());
        return filed.Erasure is { } erasure ? TypedResults.Accepted((string?)null, erasure) : TypedResults.Accepted((string?)null, filed.Request);
    }

    private static async Task<Results<Created<SubjectRequest>, ValidationProblem, ProblemHttpResult>> Request(
        string tenantId, Target target, NewRequest body, ClaimsPrincipal caller)
    {
        if (target.Rights is not { } rights)
        {
            return target.Problem!;
        }

        if (body.Kind is not { } kind || !Enum.IsDefined(kind))
        {
            return TypedResults.ValidationProblem(
                new Dictionary<string, string[]> { ["kind"] = ["kind must be 'access', 'portability', 'rectification', 'erasure', 'restriction', 'objection' or 'consentWithdrawal'."] },
                title: "The request is not valid.");
        }

        var request = (await rights.File(kind, caller.AsActor())).Request;
        return TypedResults.Created($"/api/tenants/{tenantId}/requests/{request.RequestId:N}", request);
    }

    private static async Task<Ok<IReadOnlyList<SubjectRequest>>> ListRequests(string tenantId, IClusterClient cluster, bool open = true) =>
        TypedResults.Ok(await cluster.GetGrain<IPrivacyRequestsGrain>(tenantId).List(open));

    private static async Task<Results<Ok<SubjectRequest>, ValidationProblem, ProblemHttpResult>> Extend(
        string tenantId, string requestId, ExtensionRequest body, ClaimsPrincipal caller, IClusterClient cluster)
    {
        if (!Guid.TryParse(requestId, out var id))
        {
            return RequestNotFound(requestId);
        }

        if (body.Until is not { } until)
        {
            return TypedResults.ValidationProblem(new Dictionary<string, string[]> { ["until"] = ["until is required: the new deadline."] });
        }

        try
        {
            return await cluster.GetGrain<IPrivacyRequestsGrain>(tenantId).Extend(id, until, body.Reason ?? "", caller.AsActor()) is { } extended
                ? TypedResults.Ok(extended)
                : RequestNotFound(requestId);
        }
        catch (ArgumentException refused)
        {
            return TypedResults.ValidationProblem(new Dictionary<string, string[]> { ["until"] = [refused.Message.Split(" (Parameter")[0]] },
                title: "The deadline cannot be extended so.");
        }
    }

    private static async Task<Results<Ok<SubjectRequest>, ValidationProblem, ProblemHttpResult>> CloseRequest(
        string tenantId, string requestId, ClosureRequest body, ClaimsPrincipal caller, IClusterClient cluster)
    {
        if (!Guid.TryParse(requestId, out var id))
        {
            return RequestNotFound(requestId);
        }

        var problems = new Dictionary<string, string[]>();
        if (body.Status is not (RequestStatus.Completed or RequestStatus.Rejected))
        {
            problems["status"] = ["status must be 'completed' or 'rejected'."];
        }

        if (TextRules.IsBlank(body.Resolution) || body.Resolution.Length > MaxSourceLength || TextRules.ProseProblem(body.Resolution) is not null)
        {
            problems["resolution"] = [$"resolution must say what was done or why not, in 1 to {MaxSourceLength} characters, without personal data."];
        }

        if (problems.Count > 0)
        {
            return TypedResults.ValidationProblem(problems, title: "The closure is not valid.");
        }

        return await cluster.GetGrain<IPrivacyRequestsGrain>(tenantId).Close(id, body.Status!.Value, body.Resolution!.Trim(), caller.AsActor()) is { } closed
            ? TypedResults.Ok(closed)
            : RequestNotFound(requestId);
    }

    private static ProblemHttpResult RequestNotFound(string requestId) =>
        Problems.NotFound("Request not found.", $"There is no data-subject request '{requestId}'.");

    private static async Task<Results<Ok<SubjectMatches>, ValidationProblem, ProblemHttpResult>> Search(
        string tenantId, SubjectSearch request, ClaimsPrincipal caller, IClusterClient cluster)
    {
        var rules = new AccountRules().Email("email", request.Email);
        if (!rules.Valid)
        {
            return TypedResults.ValidationProblem(rules.Problems, title: "The search is not valid.");
        }

        return TypedResults.Ok(new SubjectMatches(await cluster.GetGrain<ISubjectSearchGrain>(tenantId).FindByEmail(request.Email!, caller.AsActor())));
    }

    private static async Task<Ok<IReadOnlyList<AuditEntry>>> Audit(string tenantId, DateTimeOffset? before, int? limit, IClusterClient cluster) =>
        TypedResults.Ok(await cluster.GetGrain<IAuditTrailGrain>(tenantId).Read(before, limit ?? 50));

    internal static string? Blank(string? value) => string.IsNullOrWhiteSpace(value) ? null : value.Trim();

    internal static ProblemHttpResult Erased(string subjectId) =>
        TypedResults.Problem($"Subject '{subjectId}' has been erased; nothing more can be recorded about them.", statusCode: StatusCodes.Status410Gone, title: "Erased.");
}
