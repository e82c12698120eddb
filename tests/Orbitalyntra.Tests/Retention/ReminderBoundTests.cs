using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Orbitalyntra.Accounts;
using Orbitalyntra.Chat;
using Orbitalyntra.Tests.Infrastructure;

namespace Orbitalyntra.Tests.Retention;

/// <summary>
/// Retention needs one reminder per tenant, however much data the tenant has. Counted on a silo in the memory storage
/// mode: the same grains register the same reminders, and ten thousand conversations do not weigh on the Azurite the
/// other tests scan.
/// </summary>
public sealed class ReminderBoundTests
{
    private const int Tenants = 4;
    private const int Conversations = 10_000;

    /// <summary>
    /// The stated bound: per tenant, the retention purge, the data-subject request deadlines (while requests are open)
    /// and the snooze alarm (while conversations are snoozed); an erasure in progress adds one per person being erased
    /// while it lasts, and none is made here.
    /// </summary>
    private const int RemindersPerTenant = 3;

    [Fact]
    public async Task Ten_thousand_conversations_across_tenants_one_in_ten_snoozed_register_no_more_reminders_than_the_tenants_do()
    {
        using var silo = await TestSilo.Start(TestStorage.NewClusterId(), null, new Dictionary<string, string?> { ["Storage:Mode"] = "Memory" });
        try
        {
            var grains = silo.Services.GetRequiredService<IGrainFactory>();
            var tenantIds = Enumerable.Range(0, Tenants).Select(_ => $"t-{Guid.NewGuid():N}"[..20]).ToArray();
            foreach (var tenantId in tenantIds)
            {
                Assert.NotNull(await grains.GetGrain<ITenantGrain>(tenantId).Create(new NewTenant("Bound Test", "contact@example.test", null, null)));
            }

            await StartConversations(grains, tenantIds, Conversations / 10);
            var afterAThousand = await RemindersOf(silo, tenantIds);
            Assert.InRange(afterAThousand, Tenants, Tenants * RemindersPerTenant);

            await StartConversations(grains, tenantIds, Conversations - (Conversations / 10));
            Assert.Equal(afterAThousand, await RemindersOf(silo, tenantIds));
        }
        finally
        {
            await silo.StopAsync();
        }
    }

    private static async Task StartConversations(IGrainFactory grains, string[] tenantIds, int count)
    {
        using var throttle = new SemaphoreSlim(64);
        await Task.WhenAll(Enumerable.Range(0, count).Select(async i =>
        {
            await throttle.WaitAsync();
            try
            {
                var key = new ConversationKey(tenantIds[i % tenantIds.Length], Guid.NewGuid());
                var conversation = grains.GetGrain<IConversationGrain>(key.ToString());
                Assert.NotNull(await conversation.Start(null));
                Assert.Equal(PostStatus.Stored, (await conversation.Post(new PostMessage("m1", new Sender(SenderRole.Agent, "agent-1"), "Hello"))).Status);
                if (i % 10 == 0)
                {
                    var snooze = new StatusChange(ConversationStatus.Snoozed, DateTimeOffset.UtcNow.AddDays(1 + (i % 7)));
                    Assert.Equal(ConversationStatus.Snoozed, (await conversation.SetStatus(snooze))!.Status);
                }
            }
            finally
            {
                throttle.Release();
            }
        }));
    }

    /// <summary>Every reminder registered for a grain of one of <paramref name="tenantIds"/>.</summary>
    private static async Task<int> RemindersOf(IHost silo, string[] tenantIds)
    {
        var table = await silo.Services.GetRequiredService<IReminderTable>().ReadRows(0, uint.MaxValue);
        return table.Reminders.Count(r => tenantIds.Any(t => r.GrainId.ToString().Contains(t, StringComparison.Ordinal)));
    }
}
