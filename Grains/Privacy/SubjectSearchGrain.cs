using Orleans.Concurrency;

namespace Orbitalyntra.Privacy;

[StatelessWorker]
public sealed class SubjectSearchGrain(ITenantKeyProvider keys, IAuditTrail audit, TimeProvider time) : Grain, ISubjectSearchGrain
{
    private string TenantId => this.GetPrimaryKeyString();

    async Task<IReadOnlyList<string>> ISubjectSearchGrain.FindByEmail(string email, Actor by)
    {
        var found = await (await GrainFactory.DirectoryOf(keys, TenantId, email)).Find();
        await audit.Append(TenantId, new AuditEntry(time.GetUtcNow(), by, "subject.searched", null, $"{found.Count} found"));
        return found;
    }
}
