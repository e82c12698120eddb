using Microsoft.Extensions.Logging;

namespace Orbitalyntra.Faq;

/// <summary>
/// Owns one index. It opens the stored index at the first call and, at the first search, checks it against the
/// knowledge base's change number: a missing, unreadable or older index is rebuilt from the knowledge base's snapshot
/// and stored again. Changes handed over while it is current are applied and stored at once; a change that does not
/// follow on (one was lost) leaves it behind, and the next search rebuilds it.
/// </summary>
public sealed partial class FaqSearchGrain(IFaqIndexStore store, ILogger<FaqSearchGrain> logger) : Grain, IFaqSearchGrain
{
    private FaqIndex? index;
    private bool opened;
    private bool verified;
    private bool behind;
    private FaqIndexOrigin origin;

    private string Key => this.GetPrimaryKeyString();

    private (string TenantId, string Language) Address => FaqGrains.SearchKey(Key);

    async Task<IReadOnlyList<FaqHit>> IFaqSearchGrain.Search(string query, int max)
    {
        if (FaqRules.QueryProblem(query) is not null)
        {
            return [];
        }

        var current = await Current();
        return current.Search(query, Math.Clamp(max, 1, FaqRules.MaxHits));
    }

    async Task IFaqSearchGrain.Apply(FaqIndexChange change)
    {
        await Open();
        if (index is null && change.From == 0)
        {
            // A knowledge base's first change: there is nothing to rebuild, only to start from.
            index = FaqIndex.Build(Address.Language, new FaqIndexSnapshot(0, [], []));
            origin = FaqIndexOrigin.Rebuilt;
        }

        if (index is null || index.ChangeNumber != change.From)
        {
            behind = true;
            return;
        }

        index.Apply(change);
        await store.Write(Key, index.Save());
    }

    async Task<FaqIndexStatus> IFaqSearchGrain.Status()
    {
        await Open();
        return new FaqIndexStatus(index?.ChangeNumber ?? 0, index?.Count ?? 0, origin);
    }

    public override Task OnDeactivateAsync(DeactivationReason reason, CancellationToken cancellationToken)
    {
        index?.Dispose();
        return Task.CompletedTask;
    }

    private async Task<FaqIndex> Current()
    {
        await Open();
        if (!verified)
        {
            var changeNumber = await this.GrainFactory.GetGrain<IKnowledgeBaseGrain>(Address.TenantId).ChangeNumber();
            behind |= index is null || index.ChangeNumber != changeNumber;
            verified = true;
        }

        if (behind || index is null)
        {
            var snapshot = await this.GrainFactory.GetGrain<IKnowledgeBaseGrain>(Address.TenantId).IndexSnapshot(Address.Language);
            index?.Dispose();
            index = FaqIndex.Build(Address.Language, snapshot);
            origin = FaqIndexOrigin.Rebuilt;
            behind = false;
            LogRebuilt(Address.TenantId, Address.Language, snapshot.ChangeNumber, index.Count);
            await store.Write(Key, index.Save());
        }

        return index;
    }

    private async Task Open()
    {
        if (opened)
        {
            return;
        }

        if (await store.Read(Key) is { } saved)
        {
            index = FaqIndex.Load(Address.Language, saved);
            origin = index is null ? FaqIndexOrigin.NotOpened : FaqIndexOrigin.Loaded;
        }

        opened = true;
    }

    [LoggerMessage(LogLevel.Information, "FAQ index of tenant {TenantId} in {Language} rebuilt at change {ChangeNumber}: {Articles} articles")]
    private partial void LogRebuilt(string tenantId, string language, long changeNumber, int articles);
}
