namespace Orbitalyntra.Quotas;

/// <summary>The platform's quota defaults and the maxima a tenant may choose up to (section <c>Quotas</c>).</summary>
public sealed class QuotaOptions
{
    public const string Section = "Quotas";

    // Copies: the configuration binder sets the properties of the instance it finds, which must not be the shared one.

    /// <summary>What a tenant that chose nothing is held to.</summary>
    public QuotaLimits Defaults { get; set; } = QuotaLimits.Default with { };

    /// <summary>The most a tenant may allow.</summary>
    public QuotaLimits Maxima { get; set; } = QuotaLimits.DefaultMaxima with { };
}
