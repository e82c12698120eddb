namespace Orbitalyntra.Privacy;

/// <summary>Finding a data subject's grain by its <see cref="SubjectKey"/>, not by a hand-made key string.</summary>
public static class SubjectGrains
{
    /// <summary>The grain of the data subject <paramref name="key"/>.</summary>
    public static IDataSubjectGrain DataSubject(this IGrainFactory grains, SubjectKey key) =>
        grains.GetGrain<IDataSubjectGrain>(key.ToString());

    /// <summary>The grain that carries out the rights of the data subject <paramref name="key"/>.</summary>
    public static ISubjectRightsGrain SubjectRights(this IGrainFactory grains, SubjectKey key) =>
        grains.GetGrain<ISubjectRightsGrain>(key.ToString());
}
