using Microsoft.AspNetCore.Http.HttpResults;
using Orbitalyntra.Integrations;

namespace Orbitalyntra.Web.Apis;

/// <summary>The tenant's webhook endpoints, for its administrators and API keys with <c>webhooks:manage</c> (docs/integrations.md).</summary>
public static class WebhooksApi
{
    /// <summary>An endpoint's settings as sent; missing fields are reported as problems, not defaulted.</summary>
    public sealed record WebhookEndpointRequest(string? Url, IReadOnlyList<string>? EventTypes, bool? Enabled, string? Description, bool? IncludeMessageText);

    public sealed record TestEventSent(string EventId);

    public sealed record Replayed(int Count);

    public static IEndpointRouteBuilder MapWebhooksApi(this IEndpointRouteBuilder app)
    {
        var webhooks = app.MapGroup("/api/tenants/{tenantId}/webhooks").WithTags("Webhooks").RequireTenantAdmin(apiKeyScope: Accounts.ApiKeyScopes.WebhooksManage);
        webhooks.MapGet("/", List).WithSummary("List the tenant's webhook endpoints (no secrets).");
        webhooks.MapGet("/event-types", () => TypedResults.Ok(WebhookEvents.All)).WithSummary("The event types an endpoint may subscribe to.");
        webhooks.MapPost("/", Add).WithSummary("Add a webhook endpoint; its signing secret is in this answer only.");
        webhooks.MapPut("/{endpointId}", Update).WithSummary("Change an endpoint's settings (enabling it again after delivery gave up).");
        webhooks.MapDelete("/{endpointId}", Remove).WithSummary("Remove an endpoint; nothing more is sent to it.");
        webhooks.MapPost("/{endpointId}/secrets", Rotate).WithSummary("Add a new secret; the previous one stays active until the rotation ends.");
        webhooks.MapDelete("/{endpointId}/secrets/previous", EndRotation).WithSummary("End a rotation: only the newest secret signs.");
        webhooks.MapPost("/{endpointId}/test", SendTest).WithSummary("Send a webhook.test event to the endpoint.");
        webhooks.MapGet("/{endpointId}/deliveries", Deliveries).WithSummary("The endpoint's delivery attempts, newest first (30 days).");
        webhooks.MapGet("/{endpointId}/dead-letters", DeadLetters).WithSummary("Events whose delivery gave up.");
        webhooks.MapPost("/{endpointId}/dead-letters/replay", Replay).WithSummary("Send the dead letters again, with their own webhook-id.");
        return app;
    }

    private static IWebhookEndpointsGrain Endpoints(IClusterClient cluster, string tenantId) => cluster.GetGrain<IWebhookEndpointsGrain>(tenantId);

    private static async Task<Ok<IReadOnlyList<WebhookEndpoint>>> List(string tenantId, IClusterClient cluster) =>
        TypedResults.Ok(await Endpoints(cluster, tenantId).List());

    private static async Task<Results<Created<IssuedWebhookSecret>, ValidationProblem, ProblemHttpResult>> Add(
        string tenantId, WebhookEndpointRequest request, IClusterClient cluster)
    {
        if (Invalid(request, out var settings) is { } problem)
        {
            return problem;
        }

        if ((await Endpoints(cluster, tenantId).List()).Count >= WebhookRules.MaxEndpoints)
        {
            return Problems.Conflict("Too many webhook endpoints.", $"A tenant has at most {WebhookRules.MaxEndpoints} webhook endpoints.");
        }

        var issued = await Endpoints(cluster, tenantId).Add(settings);
        return TypedResults.Created($"/api/tenants/{tenantId}/webhooks/{issued.Endpoint.EndpointId}", issued);
    }

    private static async Task<Results<Ok<WebhookEndpoint>, ValidationProblem, ProblemHttpResult>> Update(
        string tenantId, string endpointId, WebhookEndpointRequest request, IClusterClient cluster)
    {
        if (Invalid(request, out var settings) is { } problem)
        {
            return problem;
        }

        return await Endpoints(cluster, tenantId).Update(endpointId, settings) is { } endpoint ? TypedResults.Ok(endpoint) : NotFound(endpointId);
    }

    private static async Task<Results<NoContent, ProblemHttpResult>> Remove(string tenantId, string endpointId, IClusterClient cluster) =>
        await Endpoints(cluster, tenantId).Remove(endpointId) ? TypedResults.NoContent() : NotFound(endpointId);

    private static async Task<Results<Ok<IssuedWebhookSecret>, ProblemHttpResult>> Rotate(string tenantId, string endpointId, IClusterClient cluster) =>
        await Endpoints(cluster, tenantId).RotateSecret(endpointId) is { } issued ? TypedResults.Ok(issued) : NotFound(endpointId);

    private static async Task<Results<Ok<WebhookEndpoint>, ProblemHttpResult>> EndRotation(string tenantId, string endpointId, IClusterClient cluster) =>
        await Endpoints(cluster, tenantId).EndRotation(endpointId) is { } endpoint ? TypedResults.Ok(endpoint) : NotFound(endpointId);

    private static async Task<Results<Accepted<TestEventSent>, ProblemHttpResult>> SendTest(string tenantId, string endpointId, IClusterClient cluster) =>
        await Endpoints(cluster, tenantId).SendTest(endpointId) is { } eventId
            ? TypedResults.Accepted($"/api/tenants/{tenantId}/webhooks/{endpointId}/deliveries", new TestEventSent(eventId))
            : NotFound(endpointId);

    private static async Task<Results<Ok<IReadOnlyList<WebhookDelivery>>, ProblemHttpResult>> Deliveries(string tenantId, string endpointId, IClusterClient cluster) =>
        await Exists(cluster, tenantId, endpointId)
            ? TypedResults.Ok(await cluster.GetGrain<IWebhookLogGrain>(tenantId).Deliveries(endpointId))
            : NotFound(endpointId);

    private static async Task<Results<Ok<IReadOnlyList<WebhookDelivery>>, ProblemHttpResult>> DeadLetters(string tenantId, string endpointId, IClusterClient cluster) =>
        await Exists(cluster, tenantId, endpointId)
            ? TypedResults.Ok(await cluster.GetGrain<IWebhookLogGrain>(tenantId).DeadLetters(endpointId))
            : NotFound(endpointId);

    private static async Task<Results<Ok<Replayed>, ProblemHttpResult>> Replay(string tenantId, string endpointId, IClusterClient cluster) =>
        await Exists(cluster, tenantId, endpointId)
            ? TypedResults.Ok(new Replayed(await cluster.GetGrain<IWebhookLogGrain>(tenantId).Replay(endpointId)))
            : NotFound(endpointId);

    private static async Task<bool> Exists(IClusterClient cluster, string tenantId, string endpointId) =>
        (await Endpoints(cluster, tenantId).List()).Any(e => e.EndpointId == endpointId);

    /// <summary>The request as settings, or the problems that refuse it (RFC 9457, each named by its field).</summary>
    private static ValidationProblem? Invalid(WebhookEndpointRequest request, out WebhookEndpointSettings settings)
    {
        settings = new WebhookEndpointSettings(
            request.Url ?? "", request.EventTypes ?? [], request.Enabled ?? true, request.Description ?? "", request.IncludeMessageText ?? false);
        var problems = WebhookRules.Check(settings);
        return problems.Count > 0 ? TypedResults.ValidationProblem(problems, title: "The webhook endpoint is not valid.") : null;
    }

    private static ProblemHttpResult NotFound(string endpointId) =>
        Problems.NotFound("Webhook endpoint not found.", $"There is no webhook endpoint '{endpointId}'.");
}
