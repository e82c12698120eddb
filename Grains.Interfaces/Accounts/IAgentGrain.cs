using Orleans.Concurrency;

namespace Orbitalyntra.Accounts;

/// <summary>What an agent may do in its tenant.</summary>
public enum AgentRole
{
    /// <summary>Answers conversations.</summary>
    Agent = 1,

    /// <summary>Also manages the tenant: agents, API keys, settings.</summary>
    Admin = 2,
}

/// <summary>
/// One agent of a tenant: profile, role and password credential (hashed with ASP.NET Core Identity's password hasher),
/// with lockout after repeated failed sign-ins. Keyed by <c>{tenantId}:{agentId}</c>. The agent is a data subject, and
/// the account a holder of their data (<see cref="Privacy.IPersonalDataHolder"/>): their erasure deletes it, so that they
/// can no longer sign in and their e-mail is free again.
/// </summary>
[Alias("orbitalyntra.accounts.IAgentGrain")]
public interface IAgentGrain : IGrainWithStringKey
{
    /// <summary>Creates the agent; null when this agent id exists already.</summary>
    [Alias("Create")]
    Task<AgentProfile?> Create(NewAgent agent);

    /// <summary>The agent's profile; null when there is no such agent.</summary>
    [Alias("GetProfile")]
    Task<AgentProfile?> GetProfile();

    /// <summary>
    /// Checks a password and, when the account has a second factor, the authenticator's <paramref name="code"/> (each
    /// code once); tells whether the agent signed in before from <paramref name="network"/>. An administrator without a
    /// second factor while <paramref name="adminsNeedSecondFactor"/> gets a new secret to set up, and signs in by giving
    /// its first code (docs/decisions/0053). Failures are counted by <see cref="ISignInGuardGrain"/>, never here, so a
    /// known e-mail answers as an unknown one.
    /// </summary>
    [Alias("SignIn")]
    Task<SignInOutcome> SignIn(string password, string network, string? code, bool adminsNeedSecondFactor);

    /// <summary>Whether the agent signs in with a second factor; null when there is no such agent.</summary>
    [Alias("GetSecondFactor"), ReadOnly]
    Task<SecondFactorStatus?> GetSecondFactor();

    /// <summary>
    /// Starts setting up a second factor: a new secret, kept aside until <see cref="ConfirmSecondFactor"/> proves the
    /// holder's app has it (a second factor already on stays on until then). Null when there is no such agent.
    /// </summary>
    [Alias("BeginSecondFactor")]
    Task<SecondFactorEnrollment?> BeginSecondFactor();

    /// <summary>Turns the second factor on when <paramref name="code"/> is right for the secret being set up; audited.</summary>
    [Alias("ConfirmSecondFactor")]
    Task<bool> ConfirmSecondFactor(string code);

    /// <summary>The holder turns their second factor off, proving it with a current <paramref name="code"/>; audited.</summary>
    [Alias("DisableSecondFactor")]
    Task<bool> DisableSecondFactor(string code);

    /// <summary>
    /// An administrator removes the agent's second factor (a lost phone): the agent signs in with the password alone, or
    /// sets a new one up when the tenant requires it. Audited. False when there is no such agent or nothing to remove.
    /// </summary>
    [Alias("ResetSecondFactor")]
    Task<bool> ResetSecondFactor(Privacy.Actor by);

    /// <summary>
    /// Remembers, as keyed hashes only, the browser family and the client network a successful sign-in came from; when the
    /// agent had signed in before from other families only, queues the "new browser" security alert.
    /// </summary>
    [Alias("RecordSignInFrom")]
    Task RecordSignInFrom(string browserFamily, string network);

    /// <summary>Sign-ins to this account failed until they were paused for a network: queues the security alert.</summary>
    [Alias("TellOfFailedSignIns")]
    Task TellOfFailedSignIns();

    /// <summary>
    /// Changes the password when <paramref name="currentPassword"/> is right, ends every session issued before (see
    /// <see cref="HoldsSession"/>), and queues the security alert. Returns the time from which sessions hold again (the
    /// issue time to give a session that replaces the caller's), or null when the current password is wrong.
    /// </summary>
    [Alias("ChangePassword")]
    Task<DateTimeOffset?> ChangePassword(string currentPassword, string newPassword);

    /// <summary>
    /// Whether a session (a console cookie or a bearer token) issued at <paramref name="issuedAt"/> with id
    /// <paramref name="sessionId"/> still holds: false once it was signed out, once the password changed after it was
    /// issued, and when the agent no longer exists (removed or erased). Asked on every request and hub call.
    /// </summary>
    [Alias("HoldsSession"), ReadOnly]
    Task<bool> HoldsSession(string? sessionId, DateTimeOffset issuedAt);

    /// <summary>Ends one session (sign-out); it is remembered until <paramref name="expiresAt"/>, when it would have ended anyway.</summary>
    [Alias("EndSession")]
    Task EndSession(string sessionId, DateTimeOffset expiresAt);

    /// <summary>The agent's mail preferences; null when there is no such agent.</summary>
    [Alias("GetMailPreferences")]
    Task<Notifications.MailPreferences?> GetMailPreferences();

    /// <summary>Replaces the agent's mail preferences (language checked by the caller); false when there is no such agent.</summary>
    [Alias("SetMailPreferences")]
    Task<bool> SetMailPreferences(Notifications.MailPreferences preferences);

    /// <summary>The platform notices the agent acknowledged (no longer shown as banners).</summary>
    [Alias("AcknowledgedNotices")]
    Task<IReadOnlySet<Guid>> AcknowledgedNotices();

    /// <summary>Records that the agent read a platform notice.</summary>
    [Alias("AcknowledgeNotice")]
    Task AcknowledgeNotice(Guid noticeId);

    /// <summary>
    /// The agent rectifies their own profile (art. 16): a new display name applies at once; a new e-mail waits, sealed, for
    /// the owner of that address to follow the confirmation link mailed to it (<see cref="ConfirmEmail"/>), and the agent
    /// keeps signing in with the old one until then. Audited with the fields' names only. Null when there is no such agent.
    /// </summary>
    [Alias("UpdateProfile")]
    Task<ProfileChange?> UpdateProfile(string? displayName, string? email, Privacy.Actor by);

    /// <summary>Makes the pending e-mail the agent's sign-in address when the link's token matches it and has not expired.</summary>
    [Alias("ConfirmEmail")]
    Task<EmailConfirmation> ConfirmEmail(long expires, string token);
}

/// <summary>What became of a profile change.</summary>
/// <param name="Profile">The profile as it is now (the e-mail still the old one while a change waits).</param>
/// <param name="ConfirmationSent">A confirmation link was queued to the new address.</param>
[GenerateSerializer, Immutable, Alias("orbitalyntra.accounts.profile-change")]
public sealed record ProfileChange([property: Id(0)] AgentProfile Profile, [property: Id(1)] bool ConfirmationSent);

/// <summary>How a confirmation link of a new e-mail ended.</summary>
public enum EmailConfirmation
{
    /// <summary>The address is now the agent's sign-in address.</summary>
    Confirmed = 1,

    /// <summary>Expired, altered, or for an address no longer pending.</summary>
    Invalid = 2,

    /// <summary>Another agent of the tenant signs in with this address now.</summary>
    Taken = 3,
}

/// <summary>What a new agent is made of.</summary>
/// <param name="DisplayName">The name visitors and colleagues see.</param>
/// <param name="Email">The address the agent signs in with (found through a keyed hash, never used as a key).</param>
/// <param name="Role">What the agent may do.</param>
/// <param name="Password">The initial password, hashed before it is stored.</param>
[GenerateSerializer, Immutable, Alias("orbitalyntra.accounts.new-agent")]
public sealed record NewAgent(
    [property: Id(0)] string DisplayName,
    [property: Id(1)] string Email,
    [property: Id(2)] AgentRole Role,
    [property: Id(3)] string Password);

/// <summary>An agent as others see it: no credential.</summary>
/// <param name="TenantId">The agent's tenant.</param>
/// <param name="AgentId">The agent's opaque id.</param>
/// <param name="DisplayName">The name visitors and colleagues see.</param>
/// <param name="Email">The sign-in address.</param>
/// <param name="Role">What the agent may do.</param>
/// <param name="PendingEmail">A new address waiting for its confirmation link to be followed.</param>
/// <param name="SecondFactorEnabled">The agent signs in with an authenticator's code too (two-step sign-in).</param>
[GenerateSerializer, Immutable, Alias("orbitalyntra.accounts.agent-profile")]
public sealed record AgentProfile(
    [property: Id(0)] string TenantId,
    [property: Id(1)] string AgentId,
    [property: Id(2)] string DisplayName,
    [property: Id(3)] string Email,
    [property: Id(4)] AgentRole Role,
    [property: Id(5)] string? PendingEmail = null,
    [property: Id(6)] bool SecondFactorEnabled = false);

/// <summary>How a sign-in ended.</summary>
public enum SignInStatus
{
    /// <summary>The password matched.</summary>
    Succeeded = 1,

    /// <summary>Unknown agent or wrong password (not told apart).</summary>
    Failed = 2,

    /// <summary>The password matched; the account's second factor asks a code, and none, a wrong or a used one was given.</summary>
    SecondFactorNeeded = 3,

    /// <summary>
    /// The password matched; the tenant requires a second factor of administrators and this one has none: the outcome
    /// carries a new secret to set up, and the sign-in succeeds when it is tried again with the secret's first code.
    /// </summary>
    SecondFactorEnrollment = 4,
}

/// <summary>The answer to a sign-in.</summary>
/// <param name="Status">How it ended.</param>
/// <param name="Agent">The agent, when it succeeded.</param>
/// <param name="KnownNetwork">The agent signed in before from the attempt's client network.</param>
/// <param name="Enrollment">With <see cref="SignInStatus.SecondFactorEnrollment"/>: the secret to set up.</param>
[GenerateSerializer, Immutable, Alias("orbitalyntra.accounts.sign-in-outcome")]
public sealed record SignInOutcome(
    [property: Id(0)] SignInStatus Status,
    [property: Id(1)] AgentProfile? Agent = null,
    [property: Id(3)] bool KnownNetwork = false,
    [property: Id(4)] SecondFactorEnrollment? Enrollment = null)
{
    /// <summary>The password matched, whatever the second factor said.</summary>
    public bool PasswordMatched => Status != SignInStatus.Failed;
}

/// <summary>Rules for agents' credentials.</summary>
public static class AgentRules
{
    /// <summary>Shortest password accepted.</summary>
    public const int MinPasswordLength = 12;

    /// <summary>Longest password accepted.</summary>
    public const int MaxPasswordLength = 256;
}
