using Orbitalyntra.Desk;
using Orbitalyntra.Tests.Infrastructure;

namespace Orbitalyntra.Tests.Desk;

/// <summary>The storage requests of inbox changes on Azurite, counted at the silos' table client.</summary>
[Collection(StorageWorkClusterCollection.Name)]
public sealed class InboxStorageWorkTests(StorageWorkCluster chat)
{
    [Fact]
    public async Task Each_change_of_an_inbox_is_one_storage_request_and_listing_none_however_many_conversations_wait()
    {
        foreach (var open in new[] { 5, 300 })
        {
            var inbox = chat.Client.GetGrain<IInboxGrain>($"t-{Guid.NewGuid():N}"[..20]);
            var waiting = await InboxWorkload.Fill(inbox, open);

            var work = await InboxWorkload.Run(inbox, waiting, () => chat.TableWork.Total, (after, before) => after - before);

            // One entity-group transaction per change: the rows it touched and the routing row, whose ETag fences writers.
            Assert.Equal(InboxWorkload.Steps.Zip([1L, 1, 1, 1, 1, 1, 0]), InboxWorkload.Steps.Zip(work.Select(w => w.Requests)));

            // An activation reads the tenant's partition: one query per thousand entries.
            await chat.Deactivate(inbox);
            var before = chat.TableWork.Total;
            Assert.Equal(open - 3, (await inbox.GetInbox()).Waiting.Count);
            Assert.Equal(1, (chat.TableWork.Total - before).Requests);
        }
    }
}
