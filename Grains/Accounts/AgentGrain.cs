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
    TimeProvider time) : Grain, IAgentGrain, IPersonalDataHolder, IMailRecipient
{
    private const string BrowserFamilyPurpose = "browser-family";

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
        var created = new AgentState(contact, agent.Role, PasswordHash: "", FailedSignIns: 0, LockedUntil: null);
        state.State = created with { PasswordHash = hasher.HashPassword(created, agent.Password) };
        await state.WriteStateAsync();
        return await Profile();
    }

    async Task<AgentProfile?> IAgentGrain.GetProfile() => state.RecordExists ? await Profile() : null;

    async Task<SignInOutcome> IAgentGrain.SignIn(string password)
    {
        if (!state.RecordExists)
        {
            return new SignInOutcome(SignInStatus.Failed);
        }

        var now = time.GetUtcNow();
        if (state.State.LockedUntil > now)
        {
            return new SignInOutcome(SignInStatus.LockedOut, LockedUntil: state.State.LockedUntil);
        }

        var verdict = hasher.VerifyHashedPassword(state.State, state.State.PasswordHash, password);
        if (verdict == PasswordVerificationResult.Failed)
        {
            var failures = state.State.FailedSignIns + 1;
            var lockedUntil = failures >= AgentRules.MaxFailedSignIns ? now + AgentRules.LockoutDuration : (DateTimeOffset?)null;
            state.State = state.State with { FailedSignIns = lockedUntil is null ? failures : 0, LockedUntil = lockedUntil };
            await state.WriteStateAsync();
            if (lockedUntil is { } until)
            {
                await Alert(NotificationKind.AccountLocked, until, "locked");
            }

            return lockedUntil is null ? new SignInOutcome(SignInStatus.Failed) : new SignInOutcome(SignInStatus.LockedOut, LockedUntil: lockedUntil);
        }

        if (verdict == PasswordVerificationResult.SuccessRehashNeeded || state.State.FailedSignIns > 0 || state.State.LockedUntil is not null)
        {
            state.State = state.State with
            {
                PasswordHash = verdict == PasswordVerificationResult.SuccessRehashNeeded ? hasher.HashPassword(state.State, password) : state.State.PasswordHash,
                FailedSignIns = 0,
                LockedUntil = null,
            };
            await state.WriteStateAsync();
        }

        return new SignInOutcome(SignInStatus.Succeeded, await Profile());
    }

    async Task IAgentGrain.RecordSignInFrom(string browserFamily)
    {
        if (!state.RecordExists)
        {
            return;
        }

        var hash = await keys.KeyedHash(Key.TenantId, BrowserFamilyPurpose, $"{Key.AgentId}|{browserFamily}");
        var known = state.State.BrowserFamilies ?? [];
        if (known.Contains(hash))
        {
            return;
        }

        state.State = state.State with { BrowserFamilies = known.Add(hash) };
        await state.WriteStateAsync();
        if (!known.IsEmpty)
        {
            await Alert(NotificationKind.NewBrowserSignIn, time.GetUtcNow(), "browser", hash);
        }
    }

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

    async Task<MailRecipient?> IMailRecipient.GetMailRecipient()
    {
        if (!state.RecordExists || await Profile() is not { Email.Length: > 0 } profile)
        {
            return null;
        }

        // An account's address is the one it signs in with: confirmed by its owner's use of it.
        return new MailRecipient(profile.Email, profile.DisplayName, state.State.Role == AgentRole.Admin, MailPreferencesOf(state.State), AddressConfirmed: true);
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
    /// No section yet: the export schema has none for accounts; account holders' own export (profile, role) comes with
    /// their self-service rights (issue 17).
    /// </summary>
    Task<IReadOnlyList<ExportItem>> IPersonalDataHolder.ExportSubject(SubjectKey subject) => Task.FromResult<IReadOnlyList<ExportItem>>([]);

    private SubjectKey SubjectKeyOf => new(Key.TenantId, Key.AgentId);

    private IDataSubjectGrain Subject => GrainFactory.DataSubject(SubjectKeyOf);

    private string ContactContext => $"{Key.TenantId}:{Key.AgentId}/agent-contact";

    /// <summary>The profile, with the name and e-mail opened; both empty once the agent's data was erased.</summary>
    private async Task<AgentProfile> Profile()
    {
        var contact = await Subject.KeyToRead() is { } key
            ? Sealing.OpenJson<ContactDetails>(key, state.State.SealedContact, ContactContext)
            : null;
        return new(Key.TenantId, Key.AgentId, contact?.Name ?? "", contact?.Email ?? "", state.State.Role);
    }
}

/// <summary>
/// An agent's account as stored: the name and e-mail only sealed with the agent's data key; the browser families it
/// signed in from only as keyed hashes. Fields added later are null in state stored before them.
/// </summary>
[GenerateSerializer, Immutable, Alias("orbitalyntra.accounts.agent-state")]
public sealed record AgentState(
    [property: Id(0)] byte[] SealedContact,
    [property: Id(1)] AgentRole Role,
    [property: Id(2)] string PasswordHash,
    [property: Id(3)] int FailedSignIns,
    [property: Id(4)] DateTimeOffset? LockedUntil,
    [property: Id(5)] MailPreferences? Mail = null,
    [property: Id(6)] ImmutableHashSet<string>? BrowserFamilies = null,
    [property: Id(7)] ImmutableHashSet<Guid>? Acknowledged = null,
    [property: Id(10)] DateTimeOffset? SessionsValidSince = null,
    [property: Id(11)] ImmutableDictionary<string, DateTimeOffset>? EndedSessions = null);
