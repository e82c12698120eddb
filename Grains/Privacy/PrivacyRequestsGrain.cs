using System.Collections.Immutable;
using System.Globalization;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using Orbitalyntra.Integrations;
using Orbitalyntra.Notifications;
using Orbitalyntra.Operations;
using Orbitalyntra.Retention;

namespace Orbitalyntra.Privacy;

/// <summary>A tenant's request queue; closed requests are kept for the tenant's audit lifetime, like the audit trail that proves them.</summary>
[GrainType(GrainTypeName)]
public sealed partial class PrivacyRequestsGrain(
    [PersistentState("requests")] IPersistentState<PrivacyRequestsState> state,
    IAuditTrail audit,
    IOptions<PrivacyOptions> options,
    TimeProvider time,
    ILogger<PrivacyRequestsGrain> logger) : Grain, IPrivacyRequestsGrain, IRetentionHolder, IRemindable
{
    /// <summary>The grain type, by which retention finds this tenant-wide holder.</summary>
    public const string GrainTypeName = "privacyrequests";

    /// <summary>What a purge report counts of this holder.</summary>
    public const string ClosedRequestsCounter = "closedRequests";

    private const string DeadlineReminder = "deadlines";
    private const int MaxReasonLength = 500;

    /// <summary>GDPR art. 12(3): one month, extendable by two further months.</summary>
    private const int MonthsToAnswer = 1;
    private const int LongestExtensionMonths = 2;

    /// <summary>How long before a deadline administrators are reminded of it.</summary>
    private static readonly TimeSpan DeadlineWarning = TimeSpan.FromDays(7);

    private WebhookOutbox? webhookOutbox;

    private string TenantId => this.GetPrimaryKeyString();

    private WebhookOutbox WebhookOutbox => webhookOutbox ??= new WebhookOutbox(GrainFactory.GetGrain<IWebhookEndpointsGrain>(TenantId));

    /// <summary>Events of requests recorded by a write whose activation ended before handing them over go now.</summary>
    public override Task OnActivateAsync(CancellationToken cancellationToken) => HandOverWebhookEvents();

    public async Task<SubjectRequest> Receive(string subjectId, RequestKind kind, Actor by)
    {
        if (!Enum.IsDefined(kind))
        {
            throw new ArgumentException($"'{kind}' is not a kind of request.", nameof(kind));
        }

        // The same question asked twice is one request: its deadline runs from the first time.
        if (state.State.Requests.FirstOrDefault(r => r.SubjectId == subjectId && r.Kind == kind && r.Status == RequestStatus.Open) is { } open)
        {
            return open;
        }

        var now = time.GetUtcNow();
        var request = new SubjectRequest(Guid.NewGuid(), subjectId, kind, RequestStatus.Open, now, now.AddMonths(MonthsToAnswer), null, null, null, false, by);
        await Save(state.State.Requests.Add(request), Event(WebhookEvents.RequestReceived, request, new
        {
            requestId = request.RequestId,
            subjectId,
            kind,
            receivedAt = request.ReceivedAt,
            dueAt = request.DueAt,
        }));
        await this.RegisterOrUpdateReminder(DeadlineReminder, options.Value.DeadlineCheckPeriod, options.Value.DeadlineCheckPeriod);
        await Audit(by, "request.received", request, kind.ToString());
        return request;
    }

    public async Task<SubjectRequest?> Extend(Guid requestId, DateTimeOffset until, string reason, Actor by)
    {
        if (Find(requestId) is not { } request)
        {
            return null;
        }

        var now = time.GetUtcNow();
        var latest = request.ReceivedAt.AddMonths(MonthsToAnswer + LongestExtensionMonths);
        var problem = request switch
        {
            { Status: not RequestStatus.Open } => "Only an open request can be extended.",
            { Extension: not null } => "The deadline was extended already; it can be extended once.",
            _ when now > request.DueAt => "The first deadline has passed: an extension must be decided and told within the first month.",
            _ when until <= request.DueAt => "The new deadline must be later than the current one.",
            _ when until > latest => $"The deadline can be extended by at most two months, to {latest:yyyy-MM-dd}.",
            _ when string.IsNullOrWhiteSpace(reason) || reason.Length > MaxReasonLength => $"Give the reason, as told to the subject, in 1 to {MaxReasonLength} characters.",
            _ => null,
        };
        if (problem is not null)
        {
            throw new ArgumentException(problem, nameof(until));
        }

        var extended = request with { Extension = new RequestExtension(until, reason.Trim(), by, now) };
        await Replace(extended);
        await Audit(by, "request.extended", extended, $"until {until:yyyy-MM-dd}");
        return extended;
    }

    public async Task<SubjectRequest?> Close(Guid requestId, RequestStatus status, string resolution, Actor by)
    {
        if (status == RequestStatus.Open || !Enum.IsDefined(status))
        {
            throw new ArgumentException("A request is closed as completed or rejected.", nameof(status));
        }

        if (Find(requestId) is not { } request)
        {
            return null;
        }

        if (request.Status != RequestStatus.Open)
        {
            return request;
        }

        // A closed request waits for nothing any more: a legal hold that had kept it is no longer its story.
        var closed = request with { Status = status, ClosedAt = time.GetUtcNow(), Resolution = resolution, HeldBecause = null };
        await Replace(closed, Event(WebhookEvents.RequestCompleted, closed, new
        {
            requestId = closed.RequestId,
            subjectId = closed.SubjectId,
            kind = closed.Kind,
            outcome = closed.Status,
            closedAt = closed.ClosedAt,
        }));
        await Audit(by, status == RequestStatus.Completed ? "request.completed" : "request.rejected", closed, request.Kind.ToString());
        return closed;
    }

    public async Task<SubjectRequest?> Hold(Guid requestId, string? because, Actor by)
    {
        if (Find(requestId) is not { } request)
        {
            return null;
        }

        if (request.Status != RequestStatus.Open || request.HeldBecause == because)
        {
            return request;
        }

        var held = request with { HeldBecause = because };
        await Replace(held);
        await Audit(by, because is null ? "request.released" : "request.held", held, request.Kind.ToString());
        return held;
    }

    public async Task CompleteOpen(string subjectId, RequestKind kind, string resolution)
    {
        foreach (var request in state.State.Requests.Where(r => r.SubjectId == subjectId && r.Kind == kind && r.Status == RequestStatus.Open).ToList())
        {
            await Close(request.RequestId, RequestStatus.Completed, resolution, Actor.System(kind.ToString().ToLowerInvariant()));
        }
    }

    public Task<IReadOnlyList<SubjectRequest>> List(bool openOnly) =>
        Task.FromResult<IReadOnlyList<SubjectRequest>>([.. state.State.Requests.Where(r => !openOnly || r.Status == RequestStatus.Open)]);

    /// <summary>Flags every open request past its deadline, once; stops the reminder when nothing is open.</summary>
    async Task IRemindable.ReceiveReminder(string reminderName, TickStatus status)
    {
        if (reminderName != DeadlineReminder)
        {
            return;
        }

        var now = time.GetUtcNow();
        foreach (var near in state.State.Requests.Where(r => r is { Status: RequestStatus.Open, Overdue: false } && now <= r.Deadline && r.Deadline - now <= DeadlineWarning))
        {
            await NotifyAdmins(NotificationKind.RequestDeadlineApproaching, near);
        }

        var late = state.State.Requests.Where(r => r is { Status: RequestStatus.Open, Overdue: false } && now > r.Deadline).ToList();
        foreach (var request in late)
        {
            await Replace(request with { Overdue = true });
            LogOverdue(TenantId, request.RequestId, request.Kind);
            await NotifyAdmins(NotificationKind.RequestDeadlineMissed, request);
            await Audit(Actor.System("deadlines"), "request.overdue", request, request.Kind.ToString());
        }

        if (!state.State.Requests.Any(r => r.Status == RequestStatus.Open) && await this.GetReminder(DeadlineReminder) is { } reminder)
        {
            await this.UnregisterReminder(reminder);
        }
    }

    async Task<PurgeOutcome> IRetentionHolder.Purge(RetentionPolicy policy, DateTimeOffset now)
    {
        var closedBefore = now - policy.LifetimeOf(RetentionKind.Audit);
        var kept = state.State.Requests.RemoveAll(r => r.Status != RequestStatus.Open && r.ClosedAt < closedBefore);
        var purged = state.State.Requests.Count - kept.Count;
        if (purged == 0)
        {
            return PurgeOutcome.Kept;
        }

        await Save(kept);
        return PurgeOutcome.Trimmed(new PurgeCount(ClosedRequestsCounter, purged));
    }

    /// <summary>
    /// Queues mail to the tenant's administrators about a request's deadline. Its id is made of the request, the kind and the
    /// deadline, so every tick may queue it again: the outbox keeps one (an extension, a new deadline, warns anew).
    /// </summary>
    private Task NotifyAdmins(NotificationKind kind, SubjectRequest request) =>
        GrainFactory.GetGrain<INotificationOutboxGrain>(TenantId).Enqueue(Notification.ToGroup(
            Notification.IdOf(TenantId, request.RequestId.ToString(), kind.ToString(), request.Deadline.UtcTicks.ToString(CultureInfo.InvariantCulture)),
            kind,
            Audience.TenantAdmins,
            (NotificationValues.RequestId, request.RequestId.ToString("N")),
            (NotificationValues.RequestKind, request.Kind.ToString()),
            (NotificationValues.At, request.Deadline.ToString("O", CultureInfo.InvariantCulture))));

    private SubjectRequest? Find(Guid requestId) => state.State.Requests.FirstOrDefault(r => r.RequestId == requestId);

    private Task Replace(SubjectRequest request, WebhookEvent? webhookEvent = null) =>
        Save(state.State.Requests.Replace(Find(request.RequestId)!, request), webhookEvent);

    /// <summary>Writes the requests, with <paramref name="webhookEvent"/> when an endpoint subscribes to it, then hands the events over.</summary>
    private async Task Save(ImmutableList<SubjectRequest> requests, WebhookEvent? webhookEvent = null)
    {
        var events = webhookEvent is null ? state.State.WebhookEvents : await WebhookOutbox.With(state.State.WebhookEvents, webhookEvent);
        state.State = new PrivacyRequestsState(requests, events);
        await state.WriteStateAsync();
        await HandOverWebhookEvents();
        GrainFactory.Report(Backlog.OpenPrivacyRequests, TenantId, requests.Count(r => r.Status == RequestStatus.Open));
        GrainFactory.Report(Backlog.OverduePrivacyRequests, TenantId, requests.Count(r => r is { Status: RequestStatus.Open, Overdue: true }));
    }

    private WebhookEvent Event(string type, SubjectRequest request, object data) => new(
        $"{type.Replace('.', '_')}_{request.RequestId:N}", type, time.GetUtcNow(), null, 0, request.SubjectId, WebhookPayloads.Data(data));

    private async Task HandOverWebhookEvents()
    {
        if (!await WebhookOutbox.HandOver(state.State.WebhookEvents))
        {
            // The requests are stored and the events with them: they are handed over again when the grain next activates.
            LogWebhookHandOverFailed(TenantId);
        }
    }

    private Task Audit(Actor by, string action, SubjectRequest request, string detail) =>
        audit.Append(TenantId, new AuditEntry(time.GetUtcNow(), by, action, request.SubjectId, $"request {request.RequestId:N}: {detail}"));

    [LoggerMessage(Level = LogLevel.Warning, Message = "Tenant {Tenant}: the webhook events of data-subject requests wait in their state, the deliveries could not take them")]
    private partial void LogWebhookHandOverFailed(string tenant);

    [LoggerMessage(Level = LogLevel.Warning, Message = "Tenant {Tenant}: data-subject request {Request} ({Kind}) is past its deadline")]
    private partial void LogOverdue(string tenant, Guid request, RequestKind kind);
}

/// <summary>A tenant's data-subject requests (opaque subject ids only), and the webhook events of their changes not handed over yet.</summary>
[GenerateSerializer, Immutable, Alias("orbitalyntra.privacy.requests-state")]
public sealed record PrivacyRequestsState(
    [property: Id(0)] ImmutableList<SubjectRequest> Requests,
    [property: Id(1)] ImmutableList<WebhookEvent>? WebhookEvents = null)
{
    public PrivacyRequestsState()
        : this(ImmutableList<SubjectRequest>.Empty)
    {
    }
}
