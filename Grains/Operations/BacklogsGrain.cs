using System.Collections.Immutable;
using Orbitalyntra.Accounts;

namespace Orbitalyntra.Operations;

/// <summary>
/// Kept alive so that the gauges stay published; its state is written a few seconds after a change (figures arrive in
/// bursts, and a figure lost in a crash is reported again by its tenant's next change or deadline check).
/// </summary>
[KeepAlive]
public sealed class BacklogsGrain(
    [PersistentState("backlogs")] IPersistentState<BacklogsState> state,
    BacklogMeters meters) : Grain, IBacklogsGrain
{
    private static readonly TimeSpan WriteDelay = TimeSpan.FromSeconds(5);

    private bool dirty;

    public override Task OnActivateAsync(CancellationToken cancellationToken)
    {
        meters.Publish(Totals(state.State));
        this.RegisterGrainTimer(WriteIfChanged, new GrainTimerCreationOptions(WriteDelay, WriteDelay) { Interleave = false });
        return Task.CompletedTask;
    }

    public override async Task OnDeactivateAsync(DeactivationReason reason, CancellationToken cancellationToken)
    {
        meters.Publish(null);
        await WriteIfChanged(cancellationToken);
    }

    public Task Report(Backlog backlog, string owner, int count)
    {
        var figures = state.State.Figures.GetValueOrDefault(backlog, ImmutableDictionary<string, int>.Empty);
        if (figures.GetValueOrDefault(owner) == count)
        {
            return Task.CompletedTask;
        }

        figures = count == 0 ? figures.Remove(owner) : figures.SetItem(owner, count);
        state.State = new BacklogsState(state.State.Figures.SetItem(backlog, figures));
        dirty = true;
        meters.Publish(Totals(state.State));
        return Task.CompletedTask;
    }

    public async Task<int> Forget(string tenantId)
    {
        var forgotten = state.State.Figures.Values.Sum(figures => figures.Keys.Count(owner => TenantIds.Owns(tenantId, owner)));
        if (forgotten > 0)
        {
            state.State = new BacklogsState(state.State.Figures.ToImmutableDictionary(
                entry => entry.Key, entry => entry.Value.RemoveRange(entry.Value.Keys.Where(owner => TenantIds.Owns(tenantId, owner)))));
            meters.Publish(Totals(state.State));
            dirty = false;
            await state.WriteStateAsync();
        }

        return forgotten;
    }

    public Task<ImmutableDictionary<Backlog, long>> Totals() => Task.FromResult(Totals(state.State));

    private static ImmutableDictionary<Backlog, long> Totals(BacklogsState backlogs) =>
        Enum.GetValues<Backlog>().ToImmutableDictionary(b => b, b => backlogs.Figures.GetValueOrDefault(b)?.Values.Sum(c => (long)c) ?? 0);

    private async Task WriteIfChanged(CancellationToken cancellationToken)
    {
        if (!dirty)
        {
            return;
        }

        dirty = false;
        await state.WriteStateAsync(cancellationToken);
    }
}

/// <summary>Each backlog's figure per reporting grain's key.</summary>
[GenerateSerializer, Immutable, Alias("orbitalyntra.operations.backlogs-state")]
public sealed record BacklogsState([property: Id(0)] ImmutableDictionary<Backlog, ImmutableDictionary<string, int>> Figures)
{
    public BacklogsState()
        : this(ImmutableDictionary<Backlog, ImmutableDictionary<string, int>>.Empty)
    {
    }
}
