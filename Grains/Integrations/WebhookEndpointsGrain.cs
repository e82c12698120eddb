using System.Collections.Immutable;
using System.Globalization;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using Orbitalyntra.Accounts;
using Orbitalyntra.Chat;
using Orbitalyntra.Notifications;
using Orbitalyntra.Privacy;
using Orbitalyntra.Storage;

namespace Orbitalyntra.Integrations;

/// <summary>
/// A tenant's webhook endpoints and their secrets (docs/decisions/0031). Secrets are wrapped with the tenant's key, as
/// subjects' data keys are, and opened into memory on activation, so fanning an event out reads no storage.
/// It is the tenant's webhooks as a holder of personal data (docs/decisions/0014): deliveries record it among a person's
/// places before the first event about them goes out, and their erasure sends <see cref="WebhookEvents.SubjectErased"/>.
/// </summary>
[GrainType("webhookendpoints")]
public sealed partial class WebhookEndpointsGrain(
    [PersistentState("webhookendpoints")] IPersistentState<WebhookEndpointsState> state,
    ITenantKeyProvider tenantKeys,
    IGrainStateDirectory storedStates,
    IOptions<WebhookOptions> options,
    TimeProvider time,
    ILogger<WebhookEndpointsGrain> logger) : Grain, IWebhookEndpointsGrain, IPersonalDataHolder
{
    private readonly Dictionary<string, string> openedSecrets = [];
    private (bool Closed, DateTimeOffset AskedAt)? closure;

    private string TenantId => this.GetPrimaryKeyString();

    private IEnumerable<StoredEndpoint> Endpoints => state.RecordExists ? state.State.Endpoints : [];

    private ImmutableList<string> Parked => (state.RecordExists ? state.State.Parked : null) ?? [];

    public override async Task OnActivateAsync(CancellationToken cancellationToken)
    {
        foreach (var endpoint in Endpoints)
        {
            foreach (var secret in endpoint.Secrets)
            {
                await Open(endpoint.Endpoint.EndpointId, secret);
            }
        }
    }

    Task<IReadOnlyList<WebhookEndpoint>> IWebhookEndpointsGrain.List() =>
        Task.FromResult<IReadOnlyList<WebhookEndpoint>>([.. Endpoints.Select(e => e.Endpoint)]);

    async Task<IssuedWebhookSecret> IWebhookEndpointsGrain.Add(WebhookEndpointSettings settings)
    {
        Check(settings);
        if (Endpoints.Count() >= WebhookRules.MaxEndpoints)
        {
            throw new InvalidOperationException($"A tenant has at most {WebhookRules.MaxEndpoints} webhook endpoints.");
        }

        var endpointId = WebhookSecrets.NewId();
        var (stored, secret) = await NewSecret(endpointId);
        var endpoint = new WebhookEndpoint(endpointId, settings, time.GetUtcNow(), [stored.SecretId]);
        await Save((state.RecordExists ? state.State : WebhookEndpointsState.Empty).Endpoints.Add(new StoredEndpoint(endpoint, [stored])), Parked);
        LogAdded(TenantId, endpointId);
        return new IssuedWebhookSecret(endpoint, secret);
    }

    async Task<WebhookEndpoint?> IWebhookEndpointsGrain.Update(string endpointId, WebhookEndpointSettings settings)
    {
        Check(settings);
        if (await Change(endpointId, e => e with { Endpoint = e.Endpoint with { Settings = settings, DisabledAt = null } }) is not { } changed)
        {
            return null;
        }

        await WakeParked();
        return changed.Endpoint;
    }

    async Task<bool> IWebhookEndpointsGrain.Remove(string endpointId)
    {
        if (Find(endpointId) is not { } endpoint)
        {
            return false;
        }

        var prefix = $"{TenantId}/{endpointId}/";
        await Save(state.State.Endpoints.Remove(endpoint), Parked.RemoveAll(k => k.StartsWith(prefix, StringComparison.Ordinal)));
        await ForgetDeliveries(endpointId);
        return true;
    }

    async Task<IssuedWebhookSecret?> IWebhookEndpointsGrain.RotateSecret(string endpointId)
    {
        if (Find(endpointId) is null)
        {
            return null;
        }

        var (stored, secret) = await NewSecret(endpointId);
        var changed = await Change(endpointId, e => WithSecrets(e, e.Secrets.Insert(0, stored).Take(2)));
        return new IssuedWebhookSecret(changed!.Endpoint, secret);
    }

    async Task<WebhookEndpoint?> IWebhookEndpointsGrain.EndRotation(string endpointId) =>
        (await Change(endpointId, e => WithSecrets(e, e.Secrets.Take(1))))?.Endpoint;

    async Task<string?> IWebhookEndpointsGrain.SendTest(string endpointId)
    {
        if (Find(endpointId) is null)
        {
            return null;
        }

        var now = time.GetUtcNow();
        var test = new WebhookEvent(
            $"msg_test_{WebhookSecrets.NewId()}", WebhookEvents.Test, now, null, 0, null, WebhookPayloads.Data(new { endpointId }));
        await Delivery(endpointId, null).Enqueue(test);
        return test.EventId;
    }

    /// <summary>
    /// Null too while the tenant is closed (docs/decisions/0033): its webhooks stop within
    /// <see cref="WebhookOptions.ClosureCheckPeriod"/> and resume if it reopens.
    /// </summary>
    Task<WebhookTarget?> IWebhookEndpointsGrain.Target(string endpointId) => Target(endpointId, fresh: false);

    async Task<EndpointAvailability> IWebhookEndpointsGrain.Park(string endpointId, Guid? conversationId)
    {
        if (Find(endpointId) is null)
        {
            return EndpointAvailability.Removed;
        }

        if (await Target(endpointId, fresh: true) is not null)
        {
            return EndpointAvailability.Active;
        }

        var key = new WebhookDeliveryKey(TenantId, endpointId, conversationId).ToString();
        if (!Parked.Contains(key))
        {
            await Save(state.State.Endpoints, Parked.Add(key));
        }

        return EndpointAvailability.Paused;
    }

    async Task IWebhookEndpointsGrain.GiveUp(string endpointId, DateTimeOffset failingSince)
    {
        if (Find(endpointId) is not { Endpoint.DisabledAt: null })
        {
            return;
        }

        await Change(endpointId, e => e with { Endpoint = e.Endpoint with { DisabledAt = time.GetUtcNow() } });
        LogDisabled(TenantId, endpointId);
        await GrainFactory.GetGrain<INotificationOutboxGrain>(TenantId).Enqueue(Notification.ToGroup(
            Notification.IdOf(TenantId, endpointId, $"webhook-disabled-{failingSince.ToUnixTimeSeconds()}"),
            NotificationKind.WebhookDisabled,
            Audience.TenantAdmins,
            (NotificationValues.EndpointId, endpointId),
            (NotificationValues.At, failingSince.ToString("O", CultureInfo.InvariantCulture))));
    }

    async Task IWebhookEndpointsGrain.MessageStored(Guid conversationId, long sequence, ChatMessage? message)
    {
        foreach (var endpoint in Subscribed(WebhookEvents.MessageCreated))
        {
            _ = Delivery(endpoint.EndpointId, conversationId).MessagesStored(sequence, message);
        }

        await WakeParked();
    }

    Task<bool> IWebhookEndpointsGrain.Subscribes(string eventType) => Task.FromResult(Subscribed(eventType).Any());

    async Task IWebhookEndpointsGrain.Publish(WebhookEvent webhookEvent)
    {
        await WakeParked();
        foreach (var endpoint in Subscribed(webhookEvent.Type))
        {
            await Delivery(endpoint.EndpointId, webhookEvent.ConversationId).Enqueue(webhookEvent);
        }
    }

    /// <summary>
    /// Tells the CRMs to erase the person too. Nothing else about them goes out after this: their record no longer allows
    /// processing, and the deliveries ask it before each event about them.
    /// </summary>
    async Task IPersonalDataHolder.EraseSubject(SubjectKey subject)
    {
        // The event's id outlives it in the delivery log: a keyed hash, not the person's id.
        var erased = new WebhookEvent(
            $"erased_{(await tenantKeys.KeyedHash(TenantId, "webhook-erased", subject.SubjectId))[..32]}", WebhookEvents.SubjectErased, time.GetUtcNow(), null, 0, subject.SubjectId,
            WebhookPayloads.Data(new { subjectId = subject.SubjectId }));
        await ((IWebhookEndpointsGrain)this).Publish(erased);
    }

    /// <summary>Nothing to export: the webhooks keep ids of a person only while events about them wait.</summary>
    Task<IReadOnlyList<ExportItem>> IPersonalDataHolder.ExportSubject(SubjectKey subject) => Task.FromResult<IReadOnlyList<ExportItem>>([]);

    private async Task<WebhookTarget?> Target(string endpointId, bool fresh) =>
        Find(endpointId) is { Endpoint: { Settings.Enabled: true, DisabledAt: null } endpoint } stored && !await Closed(fresh)
            ? new WebhookTarget(endpoint.Settings.Url, [.. stored.Secrets.Select(s => openedSecrets[s.SecretId])], endpoint.Settings.IncludeMessageText, endpoint.Settings.EventTypes)
            : null;

    /// <summary>Whether the tenant is closed, asked again once the answer is <see cref="WebhookOptions.ClosureCheckPeriod"/> old: every delivery asks.</summary>
    private async Task<bool> Closed(bool fresh)
    {
        var now = time.GetUtcNow();
        if (fresh || closure is not { } known || now - known.AskedAt >= options.Value.ClosureCheckPeriod)
        {
            known = (await GrainFactory.GetGrain<ITenantGrain>(TenantId).GetClosure() is not null, now);
            closure = known;
        }

        return known.Closed;
    }

    private IEnumerable<WebhookEndpoint> Subscribed(string eventType) => Endpoints.Select(e => e.Endpoint)
        .Where(e => e is { Settings.Enabled: true, DisabledAt: null } && e.Settings.EventTypes.Contains(eventType, StringComparer.Ordinal));

    private IWebhookDeliveryGrain Delivery(string endpointId, Guid? conversationId) =>
        GrainFactory.GetGrain<IWebhookDeliveryGrain>(new WebhookDeliveryKey(TenantId, endpointId, conversationId).ToString());

    /// <summary>
    /// Wakes the deliveries parked while their endpoint was disabled or the tenant closed, once the endpoint works again.
    /// Asked on every change and use of the tenant's webhooks while some are parked: a reopened tenant's waiting events go
    /// out with its next event or change, and nothing ticks while it is closed.
    /// </summary>
    private async Task WakeParked()
    {
        if (Parked.IsEmpty || await GrainFactory.GetGrain<ITenantGrain>(TenantId).GetClosure() is not null)
        {
            return;
        }

        var woken = Parked.Where(k => Find(WebhookDeliveryKey.Parse(k).EndpointId) is { Endpoint: { Settings.Enabled: true, DisabledAt: null } }).ToList();
        foreach (var key in woken)
        {
            await GrainFactory.GetGrain<IWebhookDeliveryGrain>(key).Wake();
        }

        if (woken.Count > 0)
        {
            await Save(state.State.Endpoints, Parked.RemoveRange(woken));
        }
    }

    /// <summary>A removed endpoint's deliveries forget their state and reminders: those with a stored state, and the tenant's stream.</summary>
    private async Task ForgetDeliveries(string endpointId)
    {
        var keys = new HashSet<string>(StringComparer.Ordinal) { new WebhookDeliveryKey(TenantId, endpointId, null).ToString() };
        await foreach (var key in storedStates.Keys(WebhookDeliveryGrain.StateName, WebhookDeliveryGrain.GrainTypeName, $"{TenantId}/{endpointId}/"))
        {
            keys.Add(key);
        }

        foreach (var chunk in keys.Chunk(32))
        {
            await Task.WhenAll(chunk.Select(k => GrainFactory.GetGrain<IWebhookDeliveryGrain>(k).Discard()));
        }
    }

    private static void Check(WebhookEndpointSettings settings)
    {
        if (WebhookRules.Check(settings).Count > 0)
        {
            throw new ArgumentException("The settings break WebhookRules.", nameof(settings));
        }
    }

    private static StoredEndpoint WithSecrets(StoredEndpoint endpoint, IEnumerable<StoredSecret> secrets)
    {
        var kept = secrets.ToImmutableList();
        return endpoint with { Secrets = kept, Endpoint = endpoint.Endpoint with { SecretIds = [.. kept.Select(s => s.SecretId)] } };
    }

    private StoredEndpoint? Find(string endpointId) => Endpoints.FirstOrDefault(e => e.Endpoint.EndpointId == endpointId);

    private async Task<StoredEndpoint?> Change(string endpointId, Func<StoredEndpoint, StoredEndpoint> change)
    {
        if (Find(endpointId) is not { } endpoint)
        {
            return null;
        }

        var changed = change(endpoint);
        await Save(state.State.Endpoints.Replace(endpoint, changed), Parked);
        return changed;
    }

    private async Task<(StoredSecret Stored, string Secret)> NewSecret(string endpointId)
    {
        var key = WebhookSecrets.NewKey();
        var secretId = WebhookSecrets.NewId();
        var stored = new StoredSecret(secretId, await tenantKeys.Wrap(TenantId, key, SecretContext(endpointId, secretId)));
        var secret = WebhookSecrets.Format(key);
        openedSecrets[secretId] = secret;
        return (stored, secret);
    }

    private async Task Open(string endpointId, StoredSecret secret) =>
        openedSecrets[secret.SecretId] = WebhookSecrets.Format(await tenantKeys.Unwrap(TenantId, secret.WrappedKey, SecretContext(endpointId, secret.SecretId)));

    private string SecretContext(string endpointId, string secretId) => $"{TenantId}/webhook/{endpointId}/{secretId}";

    private async Task Save(ImmutableList<StoredEndpoint> endpoints, ImmutableList<string> parked)
    {
        state.State = new WebhookEndpointsState(endpoints, parked);
        await state.WriteStateAsync();
    }

    [LoggerMessage(Level = LogLevel.Information, Message = "Tenant {TenantId}: webhook endpoint {EndpointId} added")]
    private partial void LogAdded(string tenantId, string endpointId);

    [LoggerMessage(Level = LogLevel.Warning, Message = "Tenant {TenantId}: webhook endpoint {EndpointId} disabled after failing for too long")]
    private partial void LogDisabled(string tenantId, string endpointId);
}
