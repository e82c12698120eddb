using Orbitalyntra.Privacy;

namespace Orbitalyntra.Visitors;

/// <summary>Finding a visitor's session grain by the visitor's <see cref="SubjectKey"/>, not by a hand-made key string.</summary>
public static class VisitorSessionGrains
{
    /// <summary>The session grain of the visitor <paramref name="visitor"/>.</summary>
    public static IVisitorSessionGrain VisitorSession(this IGrainFactory grains, SubjectKey visitor) =>
        grains.GetGrain<IVisitorSessionGrain>(visitor.ToString());
}
