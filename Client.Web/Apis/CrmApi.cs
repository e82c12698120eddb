using System.Security.Claims;
using Microsoft.AspNetCore.Http.HttpResults;
using Orbitalyntra.Accounts;
using Orbitalyntra.Privacy;
using Orbitalyntra.Web.Security;

namespace Orbitalyntra.Web.Apis;

/// <summary>
/// What a CRM writes back (docs/integrations.md): the contact fields of an identity-verified visitor, addressed by the
/// tenant's own user id, which the request carries in its body so that it never appears in a URL or a request log. It is
/// resolved as the widget's identity verification does (a keyed hash, <see cref="IdentityVerification.VisitorIdFor"/>),
/// never stored. CRMs read conversations through the conversation routes, with <c>conversations:read</c>.
/// </summary>
public static class CrmApi
{
    /// <summary>The tenant's user id of a visitor and the fields to set; a field left out (or null) stays as it is.</summary>
    public sealed record ContactUpsertRequest(string? ExternalId, string? Name, string? Email);

    /// <summary>The visitor's opaque subject id, the one webhook events carry.</summary>
    public sealed record ContactUpserted(string SubjectId);

    public static IEndpointRouteBuilder MapCrmApi(this IEndpointRouteBuilder app)
    {
        app.MapPut("/api/tenants/{tenantId}/crm/contacts", Upsert).WithTags("CRM")
            .RequireTenantAdmin(refusal: "Only administrators and API keys with contacts:write write contacts.", apiKeyScope: ApiKeyScopes.ContactsWrite)
            .WithSummary("Set the contact fields (name, email) of an identity-verified visitor named by the tenant's user id in the body (contacts:write).");
        return app;
    }

    private static async Task<Results<Ok<ContactUpserted>, ValidationProblem, ProblemHttpResult>> Upsert(
        string tenantId, ContactUpsertRequest request, ClaimsPrincipal caller, IClusterClient cluster, IdentityVerification identities)
    {
        var rules = new AccountRules()
            .Text("externalId", request.ExternalId, IdentityVerification.MaxUserIdLength)
            .Name("name", request.Name, PrivacyApi.MaxNameLength, required: false);
        if (request.Email is not null)
        {
            rules.Email("email", request.Email);
        }

        var problems = new Dictionary<string, string[]>(rules.Problems);
        if (request is { Name: null, Email: null })
        {
            problems["name"] = ["Give name, email or both: the fields to set."];
        }

        if (problems.Count > 0)
        {
            return TypedResults.ValidationProblem(problems, title: "The contact is not valid.");
        }

        // Only a verified visitor has this id: an unknown user and one who never came verified are the same 404.
        var subjectKey = new SubjectKey(tenantId, identities.VisitorIdFor(tenantId, request.ExternalId!));
        var subject = cluster.DataSubject(subjectKey);
        if (!await subject.IsKnown())
        {
            return Problems.NotFound("Contact not found.", "No identity-verified visitor of this tenant has this user id.");
        }

        return await subject.UpsertContact(new ContactDetails(PrivacyApi.Blank(request.Name), request.Email?.Trim()), caller.AsActor()) switch
        {
            ContactUpsert.Updated => TypedResults.Ok(new ContactUpserted(subjectKey.SubjectId)),
            ContactUpsert.Restricted => Problems.Conflict(
                "Processing is restricted.", "The visitor restricted or objected to the processing of their data: their contact is not changed."),
            _ => PrivacyApi.Erased(subjectKey.SubjectId),
        };
    }
}
