using Microsoft.Extensions.Options;
using Orbitalyntra.Retention;
using Orleans.Concurrency;

namespace Orbitalyntra.Privacy;

/// <summary>
/// Makes a tenant's records of processing from the activities registered in the silo's wiring, the tenant's retention
/// policy and the configured sub-processors; stores nothing.
/// </summary>
[StatelessWorker]
public sealed class ProcessingRecordsGrain(
    IEnumerable<ProcessingActivity> activities,
    IEnumerable<ExportSection> sections,
    IEnumerable<PurgeCounter> counters,
    IOptions<PrivacyOptions> options,
    TimeProvider time) : Grain, IProcessingRecordsGrain
{
    async Task<ProcessingRecords> IProcessingRecordsGrain.Records()
    {
        var tenantId = this.GetPrimaryKeyString();
        var policy = await GrainFactory.GetGrain<IRetentionPolicySource>(tenantId).GetRetentionPolicy() ?? RetentionPolicy.Default;
        var declared = activities.SelectMany(a => a.ExportSections.Concat(a.PurgeCounters)).ToHashSet();
        return new ProcessingRecords(
            tenantId,
            time.GetUtcNow(),
            options.Value.ControllerContact,
            [.. activities.Select(a => new RecordedActivity(a, [.. a.Lifetimes.Select(kind => new RecordedLifetime(kind, (int)policy.LifetimeOf(kind).TotalDays))]))],
            options.Value.SubProcessorsOrDefaults(),
            [.. sections.Select(s => s.Name).Concat(counters.Select(c => c.Name)).Distinct().Where(name => !declared.Contains(name))]);
    }
}
