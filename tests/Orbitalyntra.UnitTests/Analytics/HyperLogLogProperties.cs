using FsCheck;
using FsCheck.Fluent;
using FsCheck.Xunit;
using Orbitalyntra.Analytics;

namespace Orbitalyntra.UnitTests.Analytics;

/// <summary>
/// The unique-visitor sketch over many generated populations. Seeds are fixed (Replay), so a run is repeatable: a
/// failure shows the seed and size to reproduce it.
/// </summary>
public sealed class HyperLogLogProperties
{
    private const string Seed = "(20261127,1)";

    /// <summary>Distinct 64-bit hashes, as HMAC-SHA256 would give them, drawn from <paramref name="seed"/> (SplitMix64).</summary>
    private static IEnumerable<ulong> Hashes(int seed, int count)
    {
        var state = (ulong)seed;
        for (var i = 0; i < count; i++)
        {
            var z = state += 0x9E3779B97F4A7C15;
            z = (z ^ (z >> 30)) * 0xBF58476D1CE4E5B9;
            z = (z ^ (z >> 27)) * 0x94D049BB133111EB;
            yield return z ^ (z >> 31);
        }
    }

    private static HyperLogLog Sketch(IEnumerable<ulong> hashes)
    {
        var sketch = new HyperLogLog();
        foreach (var hash in hashes)
        {
            sketch.Add(hash);
        }

        return sketch;
    }

    private static Arbitrary<(int Seed, int Count)> Populations(int largest) =>
        Gen.Choose(0, 1_000_000).SelectMany(_ => Gen.Choose(1, largest), (seed, count) => (seed, count)).ToArbitrary();

    /// <summary>
    /// Within four standard errors (1.04/√4096 ≈ 1.6 %, so 6.5 %) of the true count, from a handful to tens of
    /// thousands: across the switch from linear counting to the raw estimate at 2.5 × 4,096 too.
    /// </summary>
    [Property(Replay = Seed, MaxTest = 200)]
    public Property The_estimate_is_within_four_standard_errors_of_the_distinct_count() =>
        Prop.ForAll(Populations(40_000), population =>
        {
            var estimate = Sketch(Hashes(population.Seed, population.Count)).Estimate();
            return Math.Abs(estimate - population.Count) <= Math.Max(1, 0.065 * population.Count);
        });

    [Property(Replay = Seed, MaxTest = 100)]
    public Property Repeats_and_order_change_nothing() =>
        Prop.ForAll(Populations(5_000), population =>
        {
            var hashes = Hashes(population.Seed, population.Count).ToList();
            var shuffled = hashes.Concat(hashes).OrderBy(h => h ^ (ulong)population.Seed);

            return Sketch(hashes).ToRegisters().AsSpan().SequenceEqual(Sketch(shuffled).ToRegisters());
        });

    [Property(Replay = Seed, MaxTest = 100)]
    public Property Stored_registers_read_back_as_the_same_sketch() =>
        Prop.ForAll(Populations(5_000), population =>
        {
            var sketch = Sketch(Hashes(population.Seed, population.Count));
            var restored = HyperLogLog.FromRegisters(sketch.ToRegisters());

            return restored.Estimate() == sketch.Estimate() && restored.ToRegisters().AsSpan().SequenceEqual(sketch.ToRegisters());
        });

    [Fact]
    public void Registers_of_another_precision_read_as_an_empty_sketch()
    {
        Assert.True(HyperLogLog.FromRegisters(new byte[HyperLogLog.RegisterCount / 2]).IsEmpty);
        Assert.False(Sketch(Hashes(1, 1)).IsEmpty);
    }
}
