using System.Globalization;
using System.Text;
using Microsoft.AspNetCore.Http.HttpResults;
using Orbitalyntra.Privacy;
using Orbitalyntra.Web.Security;

namespace Orbitalyntra.Web.Apis;

/// <summary>
/// The records of processing (GDPR art. 30) and the sub-processors, for a tenant's administrators and its data-protection
/// officer: JSON, or a Markdown document to download, in French or English (docs/decisions/0040).
/// </summary>
public static class ProcessingRecordsApi
{
    public static IEndpointRouteBuilder MapProcessingRecordsApi(this IEndpointRouteBuilder app)
    {
        var records = app.MapGroup("/api/tenants/{tenantId}/privacy").WithTags("Privacy policies").RequireTenantAdmin(hiddenFromOtherMembers: true);
        records.MapGet("/records", Json)
            .WithSummary("The records of processing made from the code's declarations and the tenant's retention policy, with the sub-processors (administrators).");
        records.MapGet("/records.md", Markdown)
            .WithSummary("The same records as a Markdown document to download, ?language=fr|en (administrators).");
        return app;
    }

    private static async Task<Ok<ProcessingRecords>> Json(string tenantId, IClusterClient cluster) =>
        TypedResults.Ok(await cluster.GetGrain<IProcessingRecordsGrain>(tenantId).Records());

    private static async Task<Results<FileContentHttpResult, ValidationProblem>> Markdown(string tenantId, string? language, IClusterClient cluster)
    {
        if (language is not (null or "fr" or "en"))
        {
            return TypedResults.ValidationProblem(new Dictionary<string, string[]> { ["language"] = ["language must be fr or en."] }, title: "The language is not valid.");
        }

        var records = await cluster.GetGrain<IProcessingRecordsGrain>(tenantId).Records();
        return TypedResults.File(Encoding.UTF8.GetBytes(Write(records, language ?? "en")), "text/markdown; charset=utf-8", $"records-of-processing-{tenantId}.md");
    }

    /// <summary>The records as Markdown, headings and purposes in <paramref name="language"/>; the declarations' details as declared.</summary>
    public static string Write(ProcessingRecords records, string language)
    {
        var fr = language == "fr";
        var text = new StringBuilder();
        text.AppendLine(fr ? $"# Registre des traitements — {records.TenantId}" : $"# Records of processing — {records.TenantId}").AppendLine();
        text.AppendLine(fr
            ? $"Établi le {records.GeneratedAt.ToString("d MMMM yyyy", CultureInfo.GetCultureInfo("fr-FR"))} (RGPD art. 30). Contact : {records.ControllerContact}."
            : $"Made on {records.GeneratedAt.ToString("d MMMM yyyy", CultureInfo.GetCultureInfo("en-GB"))} (GDPR art. 30). Contact: {records.ControllerContact}.").AppendLine();
        foreach (var (activity, lifetimes) in records.Activities.Select(a => (a.Activity, a.Lifetimes)))
        {
            text.AppendLine($"## {activity.Purpose.In(language)}").AppendLine();
            Line(text, fr ? "Base légale" : "Legal basis", activity.LegalBasis);
            Line(text, fr ? "Personnes" : "People", string.Join(", ", activity.People.Select(p => p.ToString().ToLowerInvariant())));
            Line(text, fr ? "Données" : "Data", string.Join("; ", activity.DataKinds));
            Line(text, fr ? "Consentement" : "Consent", activity.Consent is { } consent ? JsonNamingPolicyName(consent) : "—");
            Line(text, fr ? "Durées" : "Lifetimes", string.Join("; ", lifetimes.Select(l => fr ? $"{l.Kind} : {l.Days} jours" : $"{l.Kind}: {l.Days} days").Append(activity.FixedLifetime).OfType<string>()));
            Line(text, fr ? "Destinataires" : "Recipients", string.Join("; ", activity.Recipients));
            text.AppendLine();
        }

        text.AppendLine(fr ? "## Sous-traitants ultérieurs" : "## Sub-processors").AppendLine();
        text.AppendLine(fr ? "| Nom | Service | Lieu | Données |" : "| Name | Service | Location | Data |").AppendLine("|---|---|---|---|");
        foreach (var sub in records.SubProcessors)
        {
            text.AppendLine($"| {Cell(sub.Name)} | {Cell(sub.Service)} | {Cell(sub.Location)} | {Cell(sub.Data)} |");
        }

        return text.ToString();
    }

    private static void Line(StringBuilder text, string label, string value) => text.AppendLine($"- **{label}**: {value}");

    private static string Cell(string value) => value.Replace("|", "\\|", StringComparison.Ordinal);

    private static string JsonNamingPolicyName(ConsentPurpose purpose) => System.Text.Json.JsonNamingPolicy.CamelCase.ConvertName(purpose.ToString());
}
