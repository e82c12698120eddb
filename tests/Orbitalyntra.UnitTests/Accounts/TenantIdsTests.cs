using Orbitalyntra.Accounts;

namespace Orbitalyntra.UnitTests.Accounts;

/// <summary>Tenant ids are short lower-case slugs, safe in grain keys, table keys and URLs.</summary>
public sealed class TenantIdsTests
{
    [Theory]
    [InlineData("ab")]
    [InlineData("acme")]
    [InlineData("acme-2")]
    [InlineData("0123456789012345678901234567890123456789")]
    public void Two_to_forty_lower_case_letters_digits_or_inner_dashes_make_a_tenant_id(string tenantId) =>
        Assert.True(TenantIds.IsValid(tenantId));

    [Theory]
    [InlineData(null)]
    [InlineData("")]
    [InlineData("a")]
    [InlineData("Acme")]
    [InlineData("-acme")]
    [InlineData("acme-")]
    [InlineData("ac_me")]
    [InlineData("ac:me")]
    [InlineData("01234567890123456789012345678901234567890")]
    public void Anything_else_is_not_a_tenant_id(string? tenantId) => Assert.False(TenantIds.IsValid(tenantId));

    [Fact]
    public void The_demo_tenant_has_a_valid_id() => Assert.True(TenantIds.IsValid(TenantIds.Demo));
}
