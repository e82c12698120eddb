using System.Collections.Immutable;
using System.Globalization;
using Microsoft.AspNetCore.Identity;
using Orbitalyntra.Notifications;
using Orbitalyntra.Privacy;

namespace Orbitalyntra.Accounts;

/// <summary>
/// An agent's account. The agent is a data subject too: their display name and e-mail are sealed with their own data
/// key, so erasing the agent's data (a former employee) makes them unreadable wherever they were copied.
/// </summary>
[GrainType("agent")]
public sealed partial class AgentGrain(
    [PersistentState("agent")] IPersistentState<AgentState> state,
    IPasswordHasher<AgentState> hasher,
    ISubjectPlaces places,
    ITenantKeyProvider keys,
    MailLinks links,
    IAuditTrail audit,
    TimeProvider time) : Grain, IAgentGrain, IPersonalDataHolder, IMailRecipient
{
    private const string BrowserFamilyPurpose = "browser-family";
    private const string NetworkPurpose = "sign-in-network";

    /// <summary>How many client networks of successful sign-ins an account remembers (decision 0042).</summary>
    private const int NetworksKept = 10;

    /// <summary>The export section of the account itself: profile, role, mail preferences.</summary>
    public const string AccountSection = "account";

    /// <summary>The export section of the account holder's own actions, as the tenant's audit trail recorded them.</summary>
    public const string ActionsSection = "actions";

    private const string RectifiedByHolder = "Rectified by the account holder.";

    private (string TenantId, string AgentId) Key
    {
        get
        {
            var key = this.GetPrimaryKeyString();
            var separator = key.IndexOf(':');
            return (key[..separator], key[(separator + 1)..]);
        }
    }

    async Task<AgentProfile?> IAgentGrain.Create(NewAgent agent)
    {
        if (state.RecordExists)
        {
            return null;
        }

        await places.Add(SubjectKeyOf, this.GetGrainId());
        if (await Subject.KeyToSeal() is not { } key)
        {
            return null;
        }

        var contact = Sealing.SealJson(key, new ContactDetails(agent.DisplayName, agent.Email), ContactContext);
        var created = new AgentState(contact, agent.Role, PasswordHash: "");
        state.State = created with { PasswordHash = hasher.HashPassword(created, agent.Password) };
        await state.WriteStateAsync();
        return await Profile();
    }

    async Task<AgentProfile?> IAgentGrain.GetProfile() => state.RecordExists ? await Profile() : null;

    async Task<SignInOutcome> IAgentGrain.SignIn(string password, string network, string? code, bool adminsNeedSecondFactor)
    {
        if (!state.RecordExists)
        {
            return new SignInOutcome(SignInStatus.Failed);
        }

        var knownNetwork = (state.State.Networks ?? []).Contains(await NetworkHash(network));
        var verdict = hasher.VerifyHashedPassword(state.State, state.State.PasswordHash, password);
        if (verdict == PasswordVerificationResult.Failed)
        {
            return new SignInOutcome(SignInStatus.Failed, KnownNetwork: knownNetwork);
        }

        if (verdict == PasswordVerificationResult.SuccessRehashNeeded)
        {
            state.State = state.State with { PasswordHash = hasher.HashPassword(state.State, password) };
            await state.WriteStateAsync();
        }

        if (await SecondFactorRefusal(code, adminsNeedSecondFactor) is { } refusal)
        {
            return refusal with { KnownNetwork = knownNetwork };
        }

        return new SignInOutcome(SignInStatus.Succeeded, await Profile(), knownNetwork);
    }

    async Task IAgentGrain.RecordSignInFrom(string browserFamily, string network)
    {
        if (!state.RecordExists)
        {
            return;
        }

        var hash = await keys.KeyedHash(Key.TenantId, BrowserFamilyPurpose, $"{Key.AgentId}|{browserFamily}");
        var networkHash = await NetworkHash(network);
        var known = state.State.BrowserFamilies ?? [];
        var networks = state.State.Networks ?? [];
        if (known.Contains(hash) && networks.Contains(networkHash))
        {
            return;
        }

        state.State = state.State with { BrowserFamilies = known.Add(hash), Networks = Remembered(networks, networkHash) };
        await state.WriteStateAsync();
        if (!known.IsEmpty && !known.Contains(hash))
        {
            await Alert(NotificationKind.NewBrowserSignIn, time.GetUtcNow(), "browser", hash);
        }
    }

    Task IAgentGrain.TellOfFailedSignIns() =>
        state.RecordExists ? Alert(NotificationKind.AccountLocked, time.GetUtcNow() + SignInLimits.Window, "locked") : Task.CompletedTask;

    /// <summary>The networks an agent signed in from, newest last, as many as <see cref="NetworksKept"/>.</summary>
    private static ImmutableList<string> Remembered(ImmutableList<string> networks, string network)
    {
        if (networks.Contains(network))
        {
            return networks;
        }

        var more = networks.Add(network);
        return more.Count > NetworksKept ? more.RemoveAt(0) : more;
    }

    private ValueTask<string> NetworkHash(string network) => keys.KeyedHash(Key.TenantId, NetworkPurpose, $"{Key.AgentId}|{network}");

    async Task<DateTimeOffset?> IAgentGrain.ChangePassword(string currentPassword, string newPassword)
    {
        if (!state.RecordExists || hasher.VerifyHashedPassword(state.State, state.State.PasswordHash, currentPassword) == PasswordVerificationResult.Failed)
        {
            return null;
        }

        var now = time.GetUtcNow();
        state.State = state.State with { PasswordHash = hasher.HashPassword(state.State, newPassword), SessionsValidSince = NextWholeSecond(now) };
        await state.WriteStateAsync();
        await Alert(NotificationKind.PasswordChanged, now, "password");
        return state.State.SessionsValidSince;
    }

    Task<MailPreferences?> IAgentGrain.GetMailPreferences() => Task.FromResult(state.RecordExists ? MailPreferencesOf(state.State) : null);

    async Task<bool> IAgentGrain.SetMailPreferences(MailPreferences preferences)
    {
        if (!state.RecordExists)
        {
            return false;
        }

        state.State = state.State with { Mail = preferences };
        await state.WriteStateAsync();
        return true;
    }

    Task<IReadOnlySet<Guid>> IAgentGrain.AcknowledgedNotices() =>
        Task.FromResult<IReadOnlySet<Guid>>(state.RecordExists ? state.State.Acknowledged ?? [] : ImmutableHashSet<Guid>.Empty);

    async Task IAgentGrain.AcknowledgeNotice(Guid noticeId)
    {
        var acknowledged = state.State.Acknowledged ?? [];
        if (state.RecordExists && !acknowledged.Contains(noticeId))
        {
            state.State = state.State with { Acknowledged = acknowledged.Add(noticeId) };
            await state.WriteStateAsync();
        }
    }

    async Task<ProfileChange?> IAgentGrain.UpdateProfile(string? displayName, string? email, Actor by)
    {
        if (!state.RecordExists || await Subject.KeyToSeal() is not { } key)
        {
            return null;
        }

        var current = await Profile();
        var changed = new List<string>();
        if (displayName is not null && displayName != current.DisplayName)
        {
            state.State = state.State with { SealedContact = Sealing.SealJson(key, new ContactDetails(displayName, current.Email), ContactContext) };
            changed.Add("displayName");
        }

        var confirming = email is not null && !SameAddress(email, current.Email) && !SameAddress(email, current.PendingEmail);
        if (confirming)
        {
            state.State = state.State with { SealedPendingEmail = Sealing.SealText(key, email!, PendingEmailContext), PendingEmailVersion = state.State.PendingEmailVersion + 1 };
            changed.Add("email");
        }

        if (changed.Count > 0)
        {
            await state.WriteStateAsync();
            await Audit(by, "account.profile-updated", "fields=" + string.Join(',', changed));
        }

        if (confirming)
        {
            await GrainFactory.GetGrain<INotificationOutboxGrain>(Key.TenantId).Enqueue(Notification.ToPerson(
                Notification.IdOf([Key.TenantId, Key.AgentId, "account-email", state.State.PendingEmailVersion.ToString(CultureInfo.InvariantCulture)]),
                NotificationKind.AccountEmailConfirmation,
                Key.AgentId));
        }
        else if (state.State.SealedPendingEmail is null)
        {
            // Nothing waits for a link: the rectification is done.
            await Requests.CompleteOpen(Key.AgentId, RequestKind.Rectification, RectifiedByHolder);
        }

        return new ProfileChange(await Profile(), confirming);
    }

    async Task<EmailConfirmation> IAgentGrain.ConfirmEmail(long expires, string token)
    {
        if (!state.RecordExists || await Subject.KeyToSeal() is not { } key || PendingEmail(key) is not { } pending
            || !await links.IsAccountEmail(Key.TenantId, Key.AgentId, pending, expires, token))
        {
            return EmailConfirmation.Invalid;
        }

        if (!await GrainFactory.GetGrain<ITenantGrain>(Key.TenantId).MoveAgentEmail(pending, Key.AgentId))
        {
            return EmailConfirmation.Taken;
        }

        var current = await Profile();
        state.State = state.State with
        {
            SealedContact = Sealing.SealJson(key, new ContactDetails(current.DisplayName, pending), ContactContext),
            SealedPendingEmail = null,
        };
        await state.WriteStateAsync();
        await Audit(new Actor(RoleName, Key.AgentId), "account.email-changed", null);
        await Requests.CompleteOpen(Key.AgentId, RequestKind.Rectification, RectifiedByHolder);
        return EmailConfirmation.Confirmed;
    }

    async Task<MailRecipient?> IMailRecipient.GetMailRecipient()
    {
        if (!state.RecordExists || await Profile() is not { Email.Length: > 0 } profile)
        {
            return null;
        }

        // An account's address is the one it signs in with: confirmed by its owner's use of it.
        return new MailRecipient(
            profile.Email, profile.DisplayName, state.State.Role == AgentRole.Admin, MailPreferencesOf(state.State), AddressConfirmed: true, profile.PendingEmail);
    }

    Task<bool> IMailRecipient.OptOut(MailTopic topic) => state.RecordExists
        ? ((IAgentGrain)this).SetMailPreferences(MailPreferencesOf(state.State).Without(topic))
        : Task.FromResult(false);

    /// <summary>Queues a security alert to this agent; its id is made of the event's parts, so a retried cause queues it once.</summary>
    private Task Alert(NotificationKind kind, DateTimeOffset at, params string[] eventParts) =>
        GrainFactory.GetGrain<INotificationOutboxGrain>(Key.TenantId).Enqueue(Notification.ToPerson(
            Notification.IdOf([Key.TenantId, Key.AgentId, .. eventParts, at.UtcTicks.ToString(CultureInfo.InvariantCulture)]),
            kind,
            Key.AgentId,
            (NotificationValues.At, at.ToString("O", CultureInfo.InvariantCulture))));

    /// <summary>Stored before preferences existed: French, everything on.</summary>
    private static MailPreferences MailPreferencesOf(AgentState agent) => agent.Mail ?? MailPreferences.Default;

    /// <summary>The agent's erasure deletes the account: no sign-in any more, and the e-mail is free again.</summary>
    async Task IPersonalDataHolder.EraseSubject(SubjectKey subject)
    {
        await GrainFactory.GetGrain<ITenantGrain>(Key.TenantId).ForgetAgent(Key.AgentId);
        if (state.RecordExists)
        {
            await state.ClearStateAsync();
        }
    }

    /// <summary>
    /// The account (profile, role, mail preferences; the browser families only as a count, they are kept as hashes) and
    /// the holder's own actions in the tenant's audit trail (docs/decisions/0034).
    /// </summary>
    async Task<IReadOnlyList<ExportItem>> IPersonalDataHolder.ExportSubject(SubjectKey subject)
    {
        if (!state.RecordExists)
        {
            return [];
        }

        var profile = await Profile();
        var mail = MailPreferencesOf(state.State);
        var account = new ExportedAccount(
            profile.DisplayName, profile.Email, profile.PendingEmail, profile.Role, mail.Language, [.. mail.OptedOut], [.. mail.OptedIn ?? []],
            state.State.BrowserFamilies?.Count ?? 0, state.State.Acknowledged?.Count ?? 0, state.State.Networks?.Count ?? 0,
            state.State.SecondFactor?.SealedSecret is not null);
        var actions = await audit.ReadBy(Key.TenantId, Key.AgentId);
        return
        [
            ExportItem.Of(AccountSection, time.GetUtcNow(), account),
            .. actions.Select(a => ExportItem.Of(ActionsSection, a.At, new ExportedAction(a.At, a.Action, a.SubjectId, a.Detail))),
        ];
    }

    private SubjectKey SubjectKeyOf => new(Key.TenantId, Key.AgentId);

    private string RoleName => state.State.Role == AgentRole.Admin ? "admin" : "agent";

    private IPrivacyRequestsGrain Requests => GrainFactory.GetGrain<IPrivacyRequestsGrain>(Key.TenantId);

    private string PendingEmailContext => $"{Key.TenantId}:{Key.AgentId}/agent-pending-email";

    private string? PendingEmail(byte[] key) =>
        state.State.SealedPendingEmail is { } sealedEmail ? Sealing.OpenText(key, sealedEmail, PendingEmailContext) : null;

    private Task Audit(Actor by, string action, string? detail) =>
        audit.Append(Key.TenantId, new AuditEntry(time.GetUtcNow(), by, action, Key.AgentId, detail));

    /// <summary>Addresses compare without case, as mail systems treat them in practice.</summary>
    private static bool SameAddress(string? one, string? other) => string.Equals(one?.Trim(), other?.Trim(), StringComparison.OrdinalIgnoreCase);

    private IDataSubjectGrain Subject => GrainFactory.DataSubject(SubjectKeyOf);

    private string ContactContext => $"{Key.TenantId}:{Key.AgentId}/agent-contact";

    /// <summary>The profile, with the name and e-mail opened; both empty once the agent's data was erased.</summary>
    private async Task<AgentProfile> Profile()
    {
        var key = await Subject.KeyToRead();
        var contact = key is not null
            ? Sealing.OpenJson<ContactDetails>(key, state.State.SealedContact, ContactContext)
            : null;
        return new(Key.TenantId, Key.AgentId, contact?.Name ?? "", contact?.Email ?? "", state.State.Role, key is null ? null : PendingEmail(key),
            state.State.SecondFactor?.SealedSecret is not null);
    }
}

/// <summary>An account in its holder's export.</summary>
public sealed record ExportedAccount(
    string DisplayName, string Email, string? PendingEmail, AgentRole Role, string MailLanguage, IReadOnlyList<MailTopic> MailOptedOut,
    IReadOnlyList<MailTopic> MailOptedIn, int BrowserFamiliesKnown, int NoticesAcknowledged, int NetworksKnown, bool SecondFactorEnabled);

/// <summary>One of the account holder's own actions, as the audit trail recorded it (opaque ids, no content).</summary>
public sealed record ExportedAction(DateTimeOffset At, string Action, string? SubjectId, string? Detail);

/// <summary>
/// An agent's account as stored: the name and e-mail only sealed with the agent's data key; the browser families it
/// and client networks it signed in from only as keyed hashes. Fields added later are null in state stored before them.
/// </summary>
[GenerateSerializer, Immutable, Alias("orbitalyntra.accounts.agent-state")]
public sealed record AgentState(
    [property: Id(0)] byte[] SealedContact,
    [property: Id(1)] AgentRole Role,
    [property: Id(2)] string PasswordHash,
    [property: Id(5)] MailPreferences? Mail = null,
    [property: Id(6)] ImmutableHashSet<string>? BrowserFamilies = null,
    [property: Id(7)] ImmutableHashSet<Guid>? Acknowledged = null,
    [property: Id(8)] byte[]? SealedPendingEmail = null,
    [property: Id(9)] int PendingEmailVersion = 0,
    [property: Id(10)] DateTimeOffset? SessionsValidSince = null,
    [property: Id(11)] ImmutableDictionary<string, DateTimeOffset>? EndedSessions = null,
    [property: Id(20)] ImmutableList<string>? Networks = null,
    [property: Id(21)] AgentSecondFactor? SecondFactor = null);
