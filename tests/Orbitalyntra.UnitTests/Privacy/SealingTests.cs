using System.Security.Cryptography;
using FsCheck;
using FsCheck.Fluent;
using FsCheck.Xunit;
using Orbitalyntra.Privacy;

namespace Orbitalyntra.UnitTests.Privacy;

/// <summary>
/// Sealed values open only with their key and their context, and any change to them is detected. Generated cases run
/// from a fixed seed (Replay).
/// </summary>
public sealed class SealingTests
{
    private const string Seed = "(20261127,5)";

    private static readonly byte[] Key = [.. Enumerable.Range(0, Sealing.KeyBytes).Select(i => (byte)i)];

    /// <summary>Plaintexts of 0 to a few hundred bytes with the contexts they are sealed under.</summary>
    private static Arbitrary<(byte[] Plaintext, string Context)> Cases() =>
        Gen.Choose(0, 255).Select(b => (byte)b).ArrayOf()
            .SelectMany(_ => ArbMap.Default.GeneratorFor<string>().Where(c => c is not null), (plaintext, context) => (plaintext, context))
            .ToArbitrary();

    [Property(Replay = Seed, MaxTest = 200)]
    public Property A_sealed_value_opens_to_its_plaintext_under_its_key_and_context() =>
        Prop.ForAll(Cases(), c => Sealing.Open(Key, Sealing.Seal(Key, c.Plaintext, c.Context), c.Context).AsSpan().SequenceEqual(c.Plaintext));

    [Property(Replay = Seed, MaxTest = 200)]
    public Property Changing_any_byte_of_a_sealed_value_makes_it_fail_to_open() =>
        Prop.ForAll(Cases(), Gen.Choose(0, 1_000_000).ToArbitrary(), (c, position) =>
        {
            var sealedValue = Sealing.Seal(Key, c.Plaintext, c.Context);
            sealedValue[position % sealedValue.Length] ^= 0x01;

            return FailsToOpen(Key, sealedValue, c.Context);
        });

    [Property(Replay = Seed, MaxTest = 100)]
    public Property A_value_sealed_for_one_context_does_not_open_in_another() =>
        Prop.ForAll(Cases(), c => FailsToOpen(Key, Sealing.Seal(Key, c.Plaintext, c.Context), c.Context + "/elsewhere"));

    [Fact]
    public void A_value_does_not_open_under_another_key() =>
        Assert.True(FailsToOpen(Sealing.NewKey(), Sealing.SealText(Key, "Ada Lovelace", "subject:1/name"), "subject:1/name"));

    [Fact]
    public void A_value_shorter_than_nonce_and_tag_does_not_open() =>
        Assert.Throws<CryptographicException>(() => Sealing.Open(Key, new byte[27], "context"));

    [Fact]
    public void Sealing_the_same_text_twice_gives_different_values_that_both_open()
    {
        var first = Sealing.SealText(Key, "the same text", "context");
        var second = Sealing.SealText(Key, "the same text", "context");

        Assert.NotEqual(first, second);
        Assert.Equal("the same text", Sealing.OpenText(Key, first, "context"));
        Assert.Equal("the same text", Sealing.OpenText(Key, second, "context"));
    }

    [Fact]
    public void Records_seal_as_json_and_open_as_the_same_record()
    {
        var contact = new Contact("Ada", "ada@example.com");

        Assert.Equal(contact, Sealing.OpenJson<Contact>(Key, Sealing.SealJson(Key, contact, "contact"), "contact"));
    }

    [Fact]
    public void New_keys_are_random_and_of_256_bits()
    {
        Assert.Equal(32, Sealing.NewKey().Length);
        Assert.NotEqual(Sealing.NewKey(), Sealing.NewKey());
    }

    private static bool FailsToOpen(byte[] key, byte[] sealedValue, string context)
    {
        try
        {
            Sealing.Open(key, sealedValue, context);
            return false;
        }
        catch (CryptographicException)
        {
            return true;
        }
    }

    private sealed record Contact(string Name, string Email);
}
