using Orbitalyntra.Accounts;
using Orbitalyntra.Chat;
using Orbitalyntra.Web.Apis;

namespace Orbitalyntra.UnitTests.Web;

/// <summary>The web host's field checks for accounts: each problem under its field, all of them at once.</summary>
public sealed class AccountRulesTests
{
    [Fact]
    public void Nothing_checked_is_valid() => Assert.True(new AccountRules().Valid);

    [Theory]
    [InlineData(null, "name is required.")]
    [InlineData("  ", "name is required.")]
    [InlineData("abcdef", "name must be at most 5 characters.")]
    public void Required_text_is_present_and_not_too_long(string? value, string problem) =>
        Assert.Equal([problem], new AccountRules().Text("name", value, 5).Problems["name"]);

    [Theory]
    [InlineData(null)]
    [InlineData("")]
    [InlineData("abcde")]
    public void Optional_text_may_be_absent(string? value) => Assert.True(new AccountRules().Text("name", value, 5, required: false).Valid);

    [Fact]
    public void Optional_text_is_still_limited_in_length() =>
        Assert.False(new AccountRules().Text("name", "abcdef", 5, required: false).Valid);

    [Theory]
    [InlineData("ada@example.com", true)]
    [InlineData("Ada <ada@example.com>", false)]
    [InlineData("ada@", false)]
    [InlineData("not an address", false)]
    [InlineData(null, false)]
    public void An_email_is_a_bare_address(string? value, bool valid) => Assert.Equal(valid, new AccountRules().Email("email", value).Valid);

    [Fact]
    public void An_email_is_at_most_254_characters() =>
        Assert.False(new AccountRules().Email("email", new string('a', 243) + "@example.com").Valid);

    [Fact]
    public void A_password_is_12_to_256_characters()
    {
        Assert.True(new AccountRules().Password("password", new string('p', AgentRules.MinPasswordLength)).Valid);
        Assert.True(new AccountRules().Password("password", new string('p', AgentRules.MaxPasswordLength)).Valid);
        Assert.Equal(
            ["password must be 12 to 256 characters."],
            new AccountRules().Password("password", new string('p', AgentRules.MinPasswordLength - 1)).Problems["password"]);
        Assert.False(new AccountRules().Password("password", new string('p', AgentRules.MaxPasswordLength + 1)).Valid);
        Assert.False(new AccountRules().Password("password", null).Valid);
    }

    [Fact]
    public void A_tenant_id_a_billing_reference_and_free_text_follow_the_accounts_rules()
    {
        var rules = new AccountRules()
            .TenantId("tenantId", "Not_A_Tenant!")
            .Billing("billingReference", "4111 1111 1111 1111")
            .NoCardNumber("organisationDetails", "card 4111-1111-1111-1111");

        Assert.Equal(["billingReference", "organisationDetails", "tenantId"], rules.Problems.Keys.Order());
        Assert.True(new AccountRules().TenantId("tenantId", "acme").Billing("billingReference", "cus_123").NoCardNumber("organisationDetails", "Acme Ltd").Valid);
    }

    [Fact]
    public void An_enum_value_is_one_of_its_names_in_lower_case()
    {
        Assert.True(new AccountRules().Defined<SenderRole>("role", SenderRole.Agent).Valid);
        Assert.Equal(["role must be one of: visitor, agent, assistant."], new AccountRules().Defined<SenderRole>("role", (SenderRole)9).Problems["role"]);
        Assert.False(new AccountRules().Defined<SenderRole>("role", null).Valid);
    }

    [Fact]
    public void Problems_of_several_fields_are_collected_together()
    {
        var rules = new AccountRules().Text("displayName", "", 100).Email("email", "nope").Password("password", "short");

        Assert.False(rules.Valid);
        Assert.Equal(["displayName", "email", "password"], rules.Problems.Keys.Order());
    }
}
