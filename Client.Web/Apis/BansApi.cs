using Microsoft.AspNetCore.Http.HttpResults;
using Orbitalyntra.Bans;
using Orbitalyntra.Chat;
using Orbitalyntra.Privacy;
using Orbitalyntra.Web.Chat;
using Orbitalyntra.Web.Security;

namespace Orbitalyntra.Web.Apis;

/// <summary>Bans of visitors (docs/decisions/0049): agents ban a conversation's visitor; administrators list and lift bans.</summary>
public static class BansApi
{
    /// <summary>How long, whether the visitor's network too (IPv4 /24, IPv6 /64), and why (optional, for the tenant's staff).</summary>
    public sealed record BanRequest(BanDuration? Duration, bool Network = false, string? Reason = null);

    /// <summary>A ban as staff see it: the network only as whether it is covered; the visitor id gone once the visitor was erased.</summary>
    public sealed record BanView(string BanId, string? VisitorId, bool CoversNetwork, DateTimeOffset At, DateTimeOffset Until, string BannedBy, string? Reason)
    {
        public static BanView Of(VisitorBan ban) => new(ban.BanId, ban.VisitorId, ban.CoversNetwork, ban.At, ban.Until, ban.BannedBy, ban.Reason);
    }

    public sealed record BanList(IReadOnlyList<BanView> Bans);

    public static IEndpointRouteBuilder MapBansApi(this IEndpointRouteBuilder app)
    {
        app.MapPost("/api/tenants/{tenantId}/conversations/{conversationId}/bans", Ban).WithTags("Bans").RequireTenantStaff()
            .WithSummary("Ban the conversation's visitor, and with network true the network they started it from, for one hour, one day, seven or thirty days (staff).");
        var admins = app.MapGroup("/api/tenants/{tenantId}/bans").WithTags("Bans").RequireTenantAdmin();
        admins.MapGet("/", List).WithSummary("The bans in force, newest first (administrators only).");
        admins.MapDelete("/{banId}", Lift).WithSummary("Lift a ban before its end (administrators only).");
        return app;
    }

    private static async Task<Results<Created<BanView>, ValidationProblem, ProblemHttpResult>> Ban(
        string tenantId, string conversationId, BanRequest request, HttpContext http, IClusterClient cluster, TimeProvider time)
    {
        var problems = new Dictionary<string, string[]>();
        if (request.Duration is not { } duration || BanDurations.Length(duration) is null)
        {
            problems["duration"] = ["duration must be oneHour, oneDay, sevenDays or thirtyDays."];
        }

        var reason = TextRules.IsBlank(request.Reason) ? null : request.Reason.Trim();
        if (reason is not null && (reason.Length > BanDurations.MaxReasonLength || TextRules.NameProblem(reason) is not null))
        {
            problems["reason"] = [$"reason must be one line of at most {BanDurations.MaxReasonLength} characters, without control characters."];
        }

        if (problems.Count > 0)
        {
            return TypedResults.ValidationProblem(problems, title: "The ban is not valid.");
        }

        if (!ConversationAddress.TryParse(tenantId, conversationId, out var key) || await cluster.Conversation(key).GetSummary() is not { } summary)
        {
            return CommandAnswers.Problem(ConversationCommands.ConversationNotFound(conversationId));
        }

        if (summary.VisitorId is not { } visitorId)
        {
            return Problems.Conflict("No visitor to ban.", "This conversation was not started by a visitor.");
        }

        var network = request.Network ? await cluster.DataSubject(new SubjectKey(tenantId, visitorId)).LastNetwork() : null;
        var until = time.GetUtcNow() + BanDurations.Length(request.Duration!.Value)!.Value;
        var ban = await cluster.VisitorBans(tenantId).Ban(new BanOrder(visitorId, network, until, http.User.AsActor().Id, reason));
        return TypedResults.Created($"/api/tenants/{tenantId}/bans/{ban.BanId}", BanView.Of(ban));
    }

    private static async Task<Ok<BanList>> List(string tenantId, IClusterClient cluster) =>
        TypedResults.Ok(new BanList([.. (await cluster.VisitorBans(tenantId).List()).Select(BanView.Of)]));

    private static async Task<Results<NoContent, ProblemHttpResult>> Lift(string tenantId, string banId, HttpContext http, IClusterClient cluster) =>
        banId.Length <= 40 && await cluster.VisitorBans(tenantId).Lift(banId, http.User.AsActor().Id)
            ? TypedResults.NoContent()
            : Problems.NotFound("Ban not found.", "There is no ban in force with this id in this tenant.");
}
