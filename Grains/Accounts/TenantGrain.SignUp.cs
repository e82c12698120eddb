using Microsoft.Extensions.Logging;
using Orbitalyntra.Privacy;

namespace Orbitalyntra.Accounts;

/// <summary>
/// Sign-up, all or nothing (docs/decisions/0048). The tenant's state is written first with its administrator pending, and a
/// reminder set; then the administrator is created; then one more write completes the tenant. A pending tenant is not a
/// tenant (every read treats it as missing), and whatever finds one undoes it: the sign-up itself when a step fails, the
/// reminder when its silo died, the next sign-up for the same id. The grain is not reentrant, so a pending state found at
/// the start of a call is always an attempt that will never finish.
/// </summary>
public sealed partial class TenantGrain : IRemindable
{
    private const string SignUpReminder = "sign-up";

    /// <summary>How long a sign-up may take before its reminder undoes it; Orleans' shortest reminder period.</summary>
    private static readonly TimeSpan SignUpDeadline = TimeSpan.FromMinutes(1);

    /// <summary>How long an e-mail registered for an agent still being created is kept from any other agent.</summary>
    private static readonly TimeSpan EmailRegistrationHold = TimeSpan.FromMinutes(1);

    async Task<SignedUp?> ITenantGrain.SignUp(NewTenant tenant, NewAgent admin)
    {
        await AbandonSignUp();
        if (Exists)
        {
            return null;
        }

        var adminId = Guid.NewGuid().ToString("N");
        await this.RegisterOrUpdateReminder(SignUpReminder, SignUpDeadline, SignUpDeadline);
        try
        {
            var fresh = await NewState(tenant);
            var (record, key) = NewKey("initial", [ApiKeyScopes.Admin]);
            var hash = EmailHash(admin.Email);
            await Save(fresh with
            {
                PendingAdminId = adminId,
                ApiKeys = [record],
                AgentsByEmailHash = fresh.AgentsByEmailHash.SetItem(hash, adminId),
                EmailsRegisteredAt = System.Collections.Immutable.ImmutableDictionary<string, DateTimeOffset>.Empty.SetItem(hash, time.GetUtcNow()),
            });
            var profile = await GrainFactory.Agent(TenantId, adminId).Create(admin with { Role = AgentRole.Admin })
                ?? throw new InvalidOperationException($"Tenant {TenantId}: the administrator of the sign-up could not be created.");
            await Registry.Register(TenantId);
            await Save(state.State with { PendingAdminId = null });

            // After the tenant exists: a purge reminder that found it pending would stop for good.
            await Retention.Schedule();
            await ForgetSignUpReminder();
            return new SignedUp(Profile(), profile, new IssuedApiKey(record.Summary, key), state.State.WidgetKey);
        }
        catch (Exception failure)
        {
            LogSignUpFailed(TenantId, failure);
            await AbandonSignUp();
            throw;
        }
    }

    async Task IRemindable.ReceiveReminder(string reminderName, TickStatus status)
    {
        if (reminderName == SignUpReminder)
        {
            await AbandonSignUp();
            await ForgetSignUpReminder();
        }
    }

    /// <summary>
    /// Undoes a pending sign-up: the tenant's state goes, which frees the id, and the pending administrator's erasure is
    /// ordered. That order is sent without waiting: erasing an agent tells this tenant to forget it, a call that would
    /// wait behind this one.
    /// </summary>
    private async Task AbandonSignUp()
    {
        if (!state.RecordExists || state.State.PendingAdminId is not { } adminId)
        {
            return;
        }

        LogSignUpAbandoned(TenantId);
        _ = GrainFactory.DataSubject(new SubjectKey(TenantId, adminId)).OrderErasure(Actor.System("sign-up undone"));
        await Registry.Unregister(TenantId);
        await state.ClearStateAsync();
        emailHashKey = null;
    }

    private async Task ForgetSignUpReminder()
    {
        if (await this.GetReminder(SignUpReminder) is { } reminder)
        {
            await this.UnregisterReminder(reminder);
        }
    }

    [LoggerMessage(Level = LogLevel.Warning, Message = "Tenant {Tenant}: a sign-up failed half-way; undoing it")]
    private partial void LogSignUpFailed(string tenant, Exception failure);

    [LoggerMessage(Level = LogLevel.Warning, Message = "Tenant {Tenant}: a pending sign-up is undone and its id freed")]
    private partial void LogSignUpAbandoned(string tenant);
}
