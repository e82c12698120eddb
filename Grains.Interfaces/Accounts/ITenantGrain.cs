namespace Orbitalyntra.Accounts;

/// <summary>
/// A tenant: the organisation whose website and agents use Orbitalyntra, and the root of isolation. Keyed by the
/// tenant id. Holds the organisation's profile, its administrators' API keys (hashed), its widget key, and the
/// directory that finds an agent by e-mail through a keyed hash (no e-mail in any key).
/// </summary>
[Alias("orbitalyntra.accounts.ITenantGrain")]
public interface ITenantGrain : IGrainWithStringKey
{
    /// <summary>Creates the tenant if it does not exist yet; returns its profile either way (seeding).</summary>
    [Alias("EnsureCreated")]
    Task<TenantProfile> EnsureCreated(string organisationName);

    /// <summary>Creates the tenant; null when a tenant with this id exists already.</summary>
    [Alias("Create")]
    Task<TenantProfile?> Create(NewTenant tenant);

    /// <summary>
    /// Creates the tenant with its first administrator and first API key, all or nothing (docs/decisions/0048): until the
    /// administrator exists the tenant does not, and a sign-up that fails half-way, or whose silo dies, is undone (by
    /// itself, by a reminder, or by the next sign-up for the same id), freeing the id. Null when the id is taken.
    /// </summary>
    [Alias("SignUp")]
    Task<SignedUp?> SignUp(NewTenant tenant, NewAgent admin);

    /// <summary>The tenant's profile; null when no such tenant exists.</summary>
    [Alias("GetProfile")]
    Task<TenantProfile?> GetProfile();

    /// <summary>The tenant's settings (the defaults until an administrator changes them); null when no such tenant exists.</summary>
    [Alias("GetSettings")]
    Task<TenantSettings?> GetSettings();

    /// <summary>Replaces the tenant's settings, checked by <see cref="TenantSettingsRules"/>; false when no such tenant exists.</summary>
    [Alias("UpdateSettings")]
    Task<bool> UpdateSettings(TenantSettings settings);

    /// <summary>The visitors' limits in force, with the platform's defaults and maxima; null when no such tenant exists.</summary>
    [Alias("GetQuotas"), Orleans.Concurrency.ReadOnly]
    Task<Quotas.TenantQuotas?> GetQuotas();

    /// <summary>
    /// Sets the tenant's own limits (null: the platform's defaults again), within the maxima; throws
    /// <see cref="ArgumentException"/> for limits <see cref="Quotas.QuotaLimits.Problems"/> refuses. Null when no such tenant exists.
    /// </summary>
    [Alias("SetQuotas")]
    Task<Quotas.TenantQuotas?> SetQuotas(Quotas.QuotaLimits? limits);

    /// <summary>Counts a visitor token issued for the widget key (not a renewal); the refusal when the key's limit is spent. Kept in memory.</summary>
    [Alias("TakeVisitorToken")]
    Task<Quotas.QuotaRefusal?> TakeVisitorToken();

    /// <summary>Whether new visitors must solve a proof-of-work challenge, as chosen and now (docs/decisions/0050); null when no such tenant exists.</summary>
    [Alias("GetVisitorChallenge"), Orleans.Concurrency.ReadOnly]
    Task<Quotas.VisitorChallenge?> GetVisitorChallenge();

    /// <summary>Chooses when new visitors must solve a proof-of-work challenge; null when no such tenant exists.</summary>
    [Alias("SetVisitorChallenge")]
    Task<Quotas.VisitorChallenge?> SetVisitorChallenge(Quotas.VisitorChallengeMode mode);

    /// <summary>Counts a conversation started by one of the tenant's visitors; the refusal when the tenant's limit is spent. Kept in memory.</summary>
    [Alias("TakeVisitorConversation")]
    Task<Quotas.QuotaRefusal?> TakeVisitorConversation();

    /// <summary>Issues an API key with <paramref name="scopes"/> (<see cref="ApiKeyScopes"/>); its secret is returned here once and only its hash is kept.</summary>
    [Alias("IssueScopedApiKey")]
    Task<IssuedApiKey> IssueApiKey(string label, IReadOnlyList<string> scopes);

    /// <summary>The tenant's API keys, without secrets.</summary>
    [Alias("ListApiKeys")]
    Task<IReadOnlyList<ApiKeySummary>> ListApiKeys();

    /// <summary>Revokes a key at once; false when there is no such live key.</summary>
    [Alias("RevokeApiKey")]
    Task<bool> RevokeApiKey(string keyId);

    /// <summary>Revokes a key and issues its replacement with the same label and scopes; null when there is no such live key.</summary>
    [Alias("RotateApiKey")]
    Task<IssuedApiKey?> RotateApiKey(string keyId);

    /// <summary>
    /// The key's scopes when the key exists, is not revoked, and the secret matches its hash; null otherwise. A key issued
    /// before scopes existed has <see cref="ApiKeyScopes.OfKeysWithout"/>.
    /// </summary>
    [Alias("VerifyScopedApiKey")]
    Task<IReadOnlyList<string>?> VerifyApiKey(string keyId, string secret);

    /// <summary>The public key the tenant's website widget presents to obtain visitor tokens.</summary>
    [Alias("GetWidgetKey")]
    Task<string?> GetWidgetKey();

    /// <summary>The websites allowed to use the widget key (<see cref="WidgetOrigins"/>; empty: any); null when no such tenant exists.</summary>
    [Alias("GetAllowedOrigins"), Orleans.Concurrency.ReadOnly]
    Task<IReadOnlyList<string>?> GetAllowedOrigins();

    /// <summary>
    /// Replaces the websites allowed to use the widget key, kept normalised and without repeats; throws
    /// <see cref="ArgumentException"/> for a list <see cref="WidgetOrigins.Problems"/> refuses. Null when no such tenant exists.
    /// </summary>
    [Alias("SetAllowedOrigins")]
    Task<IReadOnlyList<string>?> SetAllowedOrigins(IReadOnlyList<string> origins);

    /// <summary>The agent id registered for this e-mail (found by keyed hash), or null.</summary>
    [Alias("FindAgentByEmail")]
    Task<string?> FindAgentByEmail(string email);

    /// <summary>The ids of the tenant's agents (those whose e-mail is registered), in a fixed order.</summary>
    [Alias("ListAgentIds")]
    Task<IReadOnlyList<string>> ListAgentIds();

    /// <summary>
    /// Registers an agent's e-mail (by keyed hash); false when another agent has it, or registered it in the last minute
    /// and is still being created (one e-mail, one agent, under concurrency too).
    /// </summary>
    [Alias("RegisterAgentEmail")]
    Task<bool> RegisterAgentEmail(string email, string agentId);

    /// <summary>
    /// The keyed hash (HMAC with the tenant's secret) of a normalised e-mail address: what keys and indexes hold
    /// instead of the address. Null when the tenant does not exist.
    /// </summary>
    [Alias("HashEmail")]
    Task<string?> HashEmail(string email);

    /// <summary>
    /// Makes <paramref name="email"/> the agent's only registered address (by keyed hash), the old one free again; false when
    /// another agent has it.
    /// </summary>
    [Alias("MoveAgentEmail")]
    Task<bool> MoveAgentEmail(string email, string agentId);

    /// <summary>Forgets which e-mail address (by keyed hash) belonged to the agent: part of the agent's erasure.</summary>
    [Alias("ForgetAgent")]
    Task ForgetAgent(string agentId);

    /// <summary>
    /// Replaces the organisation's account data, checked by the caller (the billing reference never card data), and
    /// records the change in the audit trail (the names of the fields changed, never their values). Null when no such
    /// tenant exists or it is closed.
    /// </summary>
    [Alias("UpdateAccount")]
    Task<TenantProfile?> UpdateAccount(AccountDetails details, Privacy.Actor by);

    /// <summary>
    /// Closes the tenant at once: from now on every credential of it is refused (except an administrator's sign-in to the
    /// closure itself), no mail is sent, and the tenant is deleted when its grace period ends unless an administrator
    /// reopens it. Idempotent: closing a closed tenant answers its closure. Null when no such tenant exists.
    /// </summary>
    [Alias("Close")]
    Task<TenantClosure?> Close(Privacy.Actor by);

    /// <summary>Reopens a closed tenant within its grace period: everything works again. False when it was not closed.</summary>
    [Alias("Reopen")]
    Task<bool> Reopen(Privacy.Actor by);

    /// <summary>
    /// The tenant's closure, or null while it is open (or does not exist). What every entry point asks before it lets a
    /// credential of the tenant in, and what other features (mail, webhooks) ask before they act for it.
    /// </summary>
    [Alias("GetClosure"), Orleans.Concurrency.ReadOnly]
    Task<TenantClosure?> GetClosure();
}

/// <summary>The organisation's account data, as an administrator changes it.</summary>
/// <param name="OrganisationName">The organisation's name.</param>
/// <param name="ContactEmail">Where the organisation is reached.</param>
/// <param name="OrganisationDetails">Free text: address, registration number…</param>
/// <param name="BillingReference">A payment provider's token, never card data (<see cref="BillingReferences"/>).</param>
[GenerateSerializer, Immutable, Alias("orbitalyntra.accounts.account-details")]
public sealed record AccountDetails(
    [property: Id(0)] string OrganisationName,
    [property: Id(1)] string ContactEmail,
    [property: Id(2)] string? OrganisationDetails,
    [property: Id(3)] string? BillingReference);

/// <summary>A closed tenant's closure.</summary>
/// <param name="ClosedAt">When an administrator closed it.</param>
/// <param name="DeleteAt">When its grace period ends and everything of it is deleted, unless it is reopened before.</param>
[GenerateSerializer, Immutable, Alias("orbitalyntra.accounts.tenant-closure")]
public sealed record TenantClosure([property: Id(0)] DateTimeOffset ClosedAt, [property: Id(1)] DateTimeOffset DeleteAt);

/// <summary>What a new tenant is made of.</summary>
/// <param name="OrganisationName">The organisation's name.</param>
/// <param name="ContactEmail">Where the organisation is reached.</param>
/// <param name="OrganisationDetails">Free text: address, registration number…</param>
/// <param name="BillingReference">A payment provider's token, never card data (<see cref="BillingReferences"/>).</param>
[GenerateSerializer, Immutable, Alias("orbitalyntra.accounts.new-tenant")]
public sealed record NewTenant(
    [property: Id(0)] string OrganisationName,
    [property: Id(1)] string ContactEmail,
    [property: Id(2)] string? OrganisationDetails,
    [property: Id(3)] string? BillingReference);

/// <summary>What a sign-up made: the tenant, its administrator, its first API key (shown once) and its widget key.</summary>
[GenerateSerializer, Immutable, Alias("orbitalyntra.accounts.signed-up")]
public sealed record SignedUp(
    [property: Id(0)] TenantProfile Tenant,
    [property: Id(1)] AgentProfile Admin,
    [property: Id(2)] IssuedApiKey ApiKey,
    [property: Id(3)] string WidgetKey);

/// <summary>What identifies a tenant to its own people.</summary>
/// <param name="TenantId">The tenant's id.</param>
/// <param name="OrganisationName">The organisation's name.</param>
/// <param name="CreatedAt">When the tenant was created.</param>
/// <param name="ContactEmail">Where the organisation is reached.</param>
/// <param name="OrganisationDetails">Free text details.</param>
/// <param name="BillingReference">The payment provider's token.</param>
[GenerateSerializer, Immutable, Alias("orbitalyntra.accounts.tenant-profile")]
public sealed record TenantProfile(
    [property: Id(0)] string TenantId,
    [property: Id(1)] string OrganisationName,
    [property: Id(2)] DateTimeOffset CreatedAt,
    [property: Id(3)] string? ContactEmail = null,
    [property: Id(4)] string? OrganisationDetails = null,
    [property: Id(5)] string? BillingReference = null);

/// <summary>A newly issued API key: <see cref="Key"/> is shown once, never stored.</summary>
/// <param name="Summary">The key's listing.</param>
/// <param name="Key">The whole key, secret included.</param>
[GenerateSerializer, Immutable, Alias("orbitalyntra.accounts.issued-api-key")]
public sealed record IssuedApiKey([property: Id(0)] ApiKeySummary Summary, [property: Id(1)] string Key);

/// <summary>An API key as listed: no secret.</summary>
/// <param name="KeyId">The key's id.</param>
/// <param name="Label">What the administrator called it.</param>
/// <param name="CreatedAt">When it was issued.</param>
/// <param name="RevokedAt">When it was revoked, if it was.</param>
/// <param name="Scopes">What it may do (<see cref="ApiKeyScopes"/>); null in a key stored before scopes existed, which is an administrator's key.</param>
[GenerateSerializer, Immutable, Alias("orbitalyntra.accounts.api-key-summary")]
public sealed record ApiKeySummary(
    [property: Id(0)] string KeyId,
    [property: Id(1)] string Label,
    [property: Id(2)] DateTimeOffset CreatedAt,
    [property: Id(3)] DateTimeOffset? RevokedAt,
    [property: Id(4)] IReadOnlyList<string>? Scopes = null);
