using System.Security.Cryptography;
using System.Text;
using System.Collections.Immutable;
using System.Globalization;
using Microsoft.Extensions.Logging;
using Orbitalyntra.Closure;
using Orbitalyntra.Notifications;
using Orbitalyntra.Privacy;
using Orbitalyntra.Retention;

namespace Orbitalyntra.Accounts;

[GrainType("tenant")]
public sealed partial class TenantGrain(
    [PersistentState("tenant")] IPersistentState<TenantState> state,
    ITenantKeyProvider tenantKeys,
    Microsoft.Extensions.Options.IOptions<Quotas.QuotaOptions> quotaOptions,
    TimeProvider time,
    ILogger<TenantGrain> logger) : Grain, ITenantGrain, IRetentionPolicySource
{
    private byte[]? emailHashKey;

    private string TenantId => this.GetPrimaryKeyString();

    /// <summary>Whether the tenant exists: a sign-up still waiting for its administrator does not count (decision 0048).</summary>
    private bool Exists => state.RecordExists && state.State.PendingAdminId is null;

    private string EmailHashKeyContext => $"{TenantId}/email-hash-key";

    /// <summary>The e-mail hash key is stored wrapped by the tenant key, like subjects' data keys, and opened here.</summary>
    public override async Task OnActivateAsync(CancellationToken cancellationToken)
    {
        if (state.RecordExists)
        {
            emailHashKey = await tenantKeys.Unwrap(TenantId, state.State.WrappedEmailHashKey, EmailHashKeyContext);
        }
    }

    async Task<TenantProfile> ITenantGrain.EnsureCreated(string organisationName)
    {
        await AbandonSignUp();
        if (!Exists)
        {
            await Save(await NewState(new NewTenant(organisationName, "", null, null)));
        }

        // Every start of a seeded tenant makes sure of its retention reminder and registration, also for a tenant stored by an older build.
        await Retention.Schedule();
        await Registry.Register(TenantId);
        return Profile();
    }

    async Task<TenantProfile?> ITenantGrain.Create(NewTenant tenant)
    {
        await AbandonSignUp();
        if (Exists)
        {
            return null;
        }

        await Save(await NewState(tenant));
        await Retention.Schedule();
        await Registry.Register(TenantId);
        return Profile();
    }

    Task<TenantProfile?> ITenantGrain.GetProfile() => Task.FromResult(Exists ? Profile() : null);

    async Task<IssuedApiKey> ITenantGrain.IssueApiKey(string label, IReadOnlyList<string> scopes)
    {
        EnsureExists();
        if (scopes.Count == 0 || !scopes.All(ApiKeyScopes.IsKnown))
        {
            throw new ArgumentException("An API key has one or more of ApiKeyScopes.All.", nameof(scopes));
        }

        var first = state.State.ApiKeys.IsEmpty;
        var (record, key) = NewKey(label, scopes);
        await Save(state.State with { ApiKeys = state.State.ApiKeys.Add(record) });

        // The first key comes with the sign-up, in the answer to the administrator who just signed up: not news to alert about.
        if (!first)
        {
            await AlertAdmins(NotificationKind.ApiKeyCreated, record.Summary.KeyId, record.Summary.CreatedAt);
        }

        return new IssuedApiKey(record.Summary, key);
    }

    Task<TenantSettings?> ITenantGrain.GetSettings() => Task.FromResult(Exists ? Settings : null);

    Task<RetentionPolicy?> IRetentionPolicySource.GetRetentionPolicy() => Task.FromResult(Exists ? Settings.Retention : null);

    /// <summary>The settings with the retention policy and the unread-reply delay in force spelled out, so that an administrator sees the defaults.</summary>
    private TenantSettings Settings
    {
        get
        {
            var settings = state.State.Settings ?? TenantSettings.Default;
            settings = settings.Retention is null ? settings with { Retention = RetentionPolicy.Default } : settings;
            return settings with { UnseenReplyMailDelaySeconds = (int)settings.UnseenReplyMailDelay().TotalSeconds };
        }
    }

    async Task<bool> ITenantGrain.UpdateSettings(TenantSettings settings)
    {
        if (!Exists)
        {
            return false;
        }

        if (TenantSettingsRules.Check(settings).Count > 0)
        {
            throw new ArgumentException("The settings break TenantSettingsRules.", nameof(settings));
        }

        var retentionChanged = (settings.Retention ?? RetentionPolicy.Default) != Settings.Retention;
        await Save(state.State with { Settings = settings });
        if (retentionChanged)
        {
            await Retention.PolicyChanged();
        }

        return true;
    }

    Task<IReadOnlyList<ApiKeySummary>> ITenantGrain.ListApiKeys() =>
        Task.FromResult<IReadOnlyList<ApiKeySummary>>(Exists ? state.State.ApiKeys.Select(k => k.Summary with { Scopes = Scopes(k) }).ToList() : []);

    async Task<bool> ITenantGrain.RevokeApiKey(string keyId) => await Revoke(keyId) is not null;

    async Task<IssuedApiKey?> ITenantGrain.RotateApiKey(string keyId)
    {
        if (await Revoke(keyId) is not { } revoked)
        {
            return null;
        }

        var (record, key) = NewKey(revoked.Summary.Label, Scopes(revoked));
        await Save(state.State with { ApiKeys = state.State.ApiKeys.Add(record) });
        await AlertAdmins(NotificationKind.ApiKeyCreated, record.Summary.KeyId, record.Summary.CreatedAt);
        return new IssuedApiKey(record.Summary, key);
    }

    Task<IReadOnlyList<string>?> ITenantGrain.VerifyApiKey(string keyId, string secret) => Task.FromResult(
        Exists && state.State.Closure is null && Live(keyId) is { } key && ApiKeys.Matches(secret, key.SecretHash) ? Scopes(key) : null);

    Task<string?> ITenantGrain.GetWidgetKey() => Task.FromResult(Exists ? state.State.WidgetKey : null);

    Task<IReadOnlyList<string>?> ITenantGrain.GetAllowedOrigins() =>
        Task.FromResult<IReadOnlyList<string>?>(Exists ? state.State.AllowedOrigins ?? [] : null);

    async Task<IReadOnlyList<string>?> ITenantGrain.SetAllowedOrigins(IReadOnlyList<string> origins)
    {
        if (!Exists)
        {
            return null;
        }

        if (WidgetOrigins.Problems(origins).Count > 0)
        {
            throw new ArgumentException("The origins break WidgetOrigins' rules.", nameof(origins));
        }

        var kept = origins.Select(o => WidgetOrigins.Normalize(o)!).Distinct(StringComparer.Ordinal).ToImmutableList();
        await Save(state.State with { AllowedOrigins = kept });
        return kept;
    }

    Task<string?> ITenantGrain.FindAgentByEmail(string email) =>
        Task.FromResult(Exists ? state.State.AgentsByEmailHash.GetValueOrDefault(EmailHash(email)) : null);

    Task<IReadOnlyList<string>> ITenantGrain.ListAgentIds() => Task.FromResult<IReadOnlyList<string>>(
        Exists ? [.. state.State.AgentsByEmailHash.Values.Distinct().Order(StringComparer.Ordinal)] : []);

    Task<bool> ITenantGrain.RegisterAgentEmail(string email, string agentId) => TakeAgentEmail(email, agentId, releaseOthers: false);

    Task<bool> ITenantGrain.MoveAgentEmail(string email, string agentId) => TakeAgentEmail(email, agentId, releaseOthers: true);

    /// <summary>Gives <paramref name="email"/> to the agent unless another live agent has it; with <paramref name="releaseOthers"/>, the agent's other addresses go.</summary>
    private async Task<bool> TakeAgentEmail(string email, string agentId, bool releaseOthers)
    {
        EnsureExists();
        var hash = EmailHash(email);
        var now = time.GetUtcNow();
        var registeredAt = state.State.EmailsRegisteredAt ?? ImmutableDictionary<string, DateTimeOffset>.Empty;
        if (state.State.AgentsByEmailHash.TryGetValue(hash, out var existing) && existing != agentId
            && (registeredAt.GetValueOrDefault(hash) > now - EmailRegistrationHold || await GrainFactory.Agent(TenantId, existing).GetProfile() is not null))
        {
            return false;
        }

        // Either free, or left by an agent whose creation failed after its e-mail was registered: take it.
        var released = releaseOthers ? state.State.AgentsByEmailHash.Where(e => e.Value == agentId).Select(e => e.Key).ToList() : [];
        await Save(state.State with
        {
            AgentsByEmailHash = state.State.AgentsByEmailHash.RemoveRange(released).SetItem(hash, agentId),
            EmailsRegisteredAt = registeredAt.RemoveRange(released).SetItem(hash, now),
        });
        return true;
    }

    async Task ITenantGrain.ForgetAgent(string agentId)
    {
        var hashes = Exists ? state.State.AgentsByEmailHash.Where(e => e.Value == agentId).Select(e => e.Key).ToList() : [];
        if (hashes.Count > 0)
        {
            await Save(state.State with
            {
                AgentsByEmailHash = state.State.AgentsByEmailHash.RemoveRange(hashes),
                EmailsRegisteredAt = state.State.EmailsRegisteredAt?.RemoveRange(hashes),
            });
        }
    }

    async Task<TenantProfile?> ITenantGrain.UpdateAccount(AccountDetails details, Actor by)
    {
        if (!Exists || state.State.Closure is not null)
        {
            return null;
        }

        var current = state.State;
        string[] changed =
        [
            .. current.OrganisationName == details.OrganisationName ? Array.Empty<string>() : ["organisationName"],
            .. current.ContactEmail == details.ContactEmail ? Array.Empty<string>() : ["contactEmail"],
            .. current.OrganisationDetails == details.OrganisationDetails ? Array.Empty<string>() : ["organisationDetails"],
            .. current.BillingReference == details.BillingReference ? Array.Empty<string>() : ["billingReference"],
        ];
        if (changed.Length > 0)
        {
            await Save(current with
            {
                OrganisationName = details.OrganisationName,
                ContactEmail = details.ContactEmail,
                OrganisationDetails = details.OrganisationDetails,
                BillingReference = details.BillingReference,
            });
            await Audit(by, "account.updated", "fields=" + string.Join(',', changed));
        }

        return Profile();
    }

    async Task<TenantClosure?> ITenantGrain.Close(Actor by)
    {
        if (!Exists)
        {
            return null;
        }

        // Scheduled first, so that a closed tenant always has its deletion on the way; scheduling again keeps the date.
        var closedAt = state.State.Closure?.ClosedAt ?? time.GetUtcNow();
        var deleteAt = await Closure.Schedule(closedAt, state.State.BillingReference);
        if (state.State.Closure is null)
        {
            await Save(state.State with { Closure = new TenantClosure(closedAt, deleteAt) });
            await Audit(by, "tenant.closed", FormattableString.Invariant($"deleteAt={deleteAt:O}"));
        }

        return state.State.Closure;
    }

    async Task<bool> ITenantGrain.Reopen(Actor by)
    {
        if (!Exists || state.State.Closure is null || !await Closure.Cancel())
        {
            return false;
        }

        await Save(state.State with { Closure = null });
        await Audit(by, "tenant.reopened", null);
        return true;
    }

    Task<TenantClosure?> ITenantGrain.GetClosure() => Task.FromResult(Exists ? state.State.Closure : null);

    private Task Audit(Actor by, string action, string? detail) =>
        GrainFactory.GetGrain<IAuditTrailGrain>(TenantId).Record(new AuditEntry(time.GetUtcNow(), by, action, null, detail));

    private ITenantClosureGrain Closure => GrainFactory.GetGrain<ITenantClosureGrain>(TenantId);

    private IRetentionGrain Retention => GrainFactory.GetGrain<IRetentionGrain>(TenantId);

    private ITenantRegistryGrain Registry => GrainFactory.GetGrain<ITenantRegistryGrain>(ITenantRegistryGrain.Key);

    /// <summary>Queues a security alert to the tenant's administrators, identified by the key and the event.</summary>
    private Task AlertAdmins(NotificationKind kind, string keyId, DateTimeOffset at) =>
        GrainFactory.GetGrain<INotificationOutboxGrain>(TenantId).Enqueue(Notification.ToGroup(
            Notification.IdOf(TenantId, keyId, kind.ToString()),
            kind,
            Audience.TenantAdmins,
            (NotificationValues.KeyId, keyId),
            (NotificationValues.At, at.ToString("O", CultureInfo.InvariantCulture))));

    private async Task<TenantState> NewState(NewTenant tenant)
    {
        emailHashKey = RandomNumberGenerator.GetBytes(32);
        return new(
            tenant.OrganisationName,
            tenant.ContactEmail,
            tenant.OrganisationDetails,
            tenant.BillingReference,
            time.GetUtcNow(),
            WidgetKey: $"{TenantId}.{Convert.ToHexStringLower(RandomNumberGenerator.GetBytes(12))}",
            WrappedEmailHashKey: await tenantKeys.Wrap(TenantId, emailHashKey, EmailHashKeyContext),
            ApiKeys: [],
            AgentsByEmailHash: ImmutableDictionary<string, string>.Empty);
    }

    private (ApiKeyRecord Record, string Key) NewKey(string label, IReadOnlyList<string> scopes)
    {
        var keyId = ApiKeys.NewKeyId();
        var secret = ApiKeys.NewSecret();
        var summary = new ApiKeySummary(keyId, label, time.GetUtcNow(), null, [.. scopes.Distinct(StringComparer.Ordinal)]);
        return (new ApiKeyRecord(summary, ApiKeys.Hash(secret)), ApiKeys.Format(TenantId, keyId, secret));
    }

    /// <summary>A key's scopes: one stored before scopes existed keeps acting as an administrator (docs/decisions/0051).</summary>
    private static IReadOnlyList<string> Scopes(ApiKeyRecord key) => key.Summary.Scopes ?? ApiKeyScopes.OfKeysWithout;

    private ApiKeyRecord? Live(string keyId) => state.State.ApiKeys.FirstOrDefault(k => k.Summary.KeyId == keyId && k.Summary.RevokedAt is null);

    private async Task<ApiKeyRecord?> Revoke(string keyId)
    {
        if (!Exists || Live(keyId) is not { } key)
        {
            return null;
        }

        var revoked = key with { Summary = key.Summary with { RevokedAt = time.GetUtcNow() } };
        await Save(state.State with { ApiKeys = state.State.ApiKeys.Replace(key, revoked) });
        await AlertAdmins(NotificationKind.ApiKeyRevoked, keyId, revoked.Summary.RevokedAt!.Value);
        return revoked;
    }

    /// <summary>HMAC of the normalised address with this tenant's own key: comparable, not reversible, not linkable across tenants.</summary>
    Task<string?> ITenantGrain.HashEmail(string email) => Task.FromResult(Exists ? EmailHash(email) : null);

    private string EmailHash(string email) =>
        Convert.ToHexStringLower(HMACSHA256.HashData(emailHashKey!, Encoding.UTF8.GetBytes(email.Trim().ToLowerInvariant())));

    private void EnsureExists()
    {
        if (!Exists)
        {
            throw new InvalidOperationException($"Tenant {TenantId} does not exist.");
        }
    }

    private async Task Save(TenantState next)
    {
        state.State = next;
        await state.WriteStateAsync();
    }

    private TenantProfile Profile() => new(
        TenantId, state.State.OrganisationName, state.State.CreatedAt, state.State.ContactEmail, state.State.OrganisationDetails, state.State.BillingReference);
}

[GenerateSerializer, Immutable, Alias("orbitalyntra.accounts.tenant-state")]
public sealed record TenantState(
    [property: Id(0)] string OrganisationName,
    [property: Id(2)] string ContactEmail,
    [property: Id(3)] string? OrganisationDetails,
    [property: Id(4)] string? BillingReference,
    [property: Id(1)] DateTimeOffset CreatedAt,
    [property: Id(5)] string WidgetKey,
    [property: Id(6)] byte[] WrappedEmailHashKey,
    [property: Id(7)] ImmutableList<ApiKeyRecord> ApiKeys,
    [property: Id(8)] ImmutableDictionary<string, string> AgentsByEmailHash,
    [property: Id(9)] TenantSettings? Settings = null,
    [property: Id(10)] TenantClosure? Closure = null,
    [property: Id(11)] string? PendingAdminId = null,
    [property: Id(12)] ImmutableDictionary<string, DateTimeOffset>? EmailsRegisteredAt = null,
    [property: Id(13)] Quotas.QuotaLimits? Quotas = null,
    [property: Id(14)] ImmutableList<string>? AllowedOrigins = null,
    [property: Id(15)] Quotas.VisitorChallengeMode VisitorChallenge = Quotas.VisitorChallengeMode.Off);

[GenerateSerializer, Immutable, Alias("orbitalyntra.accounts.api-key-record")]
public sealed record ApiKeyRecord([property: Id(0)] ApiKeySummary Summary, [property: Id(1)] string SecretHash);
