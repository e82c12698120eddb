using Orbitalyntra.Accounts;

namespace Orbitalyntra.UnitTests.Accounts;

/// <summary>The form of administrators' API keys, and how their secrets are kept and compared.</summary>
public sealed class ApiKeysTests
{
    [Fact]
    public void A_new_key_formats_and_parses_back_to_its_parts()
    {
        var (keyId, secret) = (ApiKeys.NewKeyId(), ApiKeys.NewSecret());
        var key = ApiKeys.Format("acme", keyId, secret);

        Assert.StartsWith("oly_acme_", key);
        Assert.True(ApiKeys.TryParse(key, out var tenantId, out var parsedKeyId, out var parsedSecret));
        Assert.Equal(("acme", keyId, secret), (tenantId, parsedKeyId, parsedSecret));
    }

    [Fact]
    public void Key_ids_and_secrets_are_random_lower_case_hex()
    {
        Assert.Matches("^[0-9a-f]{8}$", ApiKeys.NewKeyId());
        Assert.Matches("^[0-9a-f]{64}$", ApiKeys.NewSecret());
        Assert.NotEqual(ApiKeys.NewSecret(), ApiKeys.NewSecret());
    }

    [Theory]
    [InlineData(null)]
    [InlineData("")]
    [InlineData("abc_acme_0123abcd_0000000000000000000000000000000000000000000000000000000000000000")]
    [InlineData("oly_Acme!_0123abcd_0000000000000000000000000000000000000000000000000000000000000000")]
    [InlineData("oly_acme_0123abc_0000000000000000000000000000000000000000000000000000000000000000")]
    [InlineData("oly_acme_0123abcd_000000000000000000000000000000000000000000000000000000000000000")]
    [InlineData("oly_acme_0123abcd_0000000000000000000000000000000000000000000000000000000000000000_extra")]
    public void Anything_not_of_the_form_is_not_a_key(string? presented)
    {
        Assert.False(ApiKeys.TryParse(presented, out var tenantId, out var keyId, out var secret));
        Assert.Equal(("", "", ""), (tenantId, keyId, secret));
    }

    [Fact]
    public void Only_the_hash_of_a_secret_is_kept_and_only_that_secret_matches_it()
    {
        var secret = ApiKeys.NewSecret();
        var stored = ApiKeys.Hash(secret);

        Assert.DoesNotContain(secret, stored);
        Assert.Matches("^[0-9a-f]{64}$", stored);
        Assert.True(ApiKeys.Matches(secret, stored));
        Assert.False(ApiKeys.Matches(ApiKeys.NewSecret(), stored));
    }
}
