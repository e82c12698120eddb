using Orbitalyntra.Accounts;

namespace Orbitalyntra.UnitTests.Quotas;

public sealed class WidgetOriginsTests
{
    [Theory]
    [InlineData("https://Shop.Example", "https://shop.example")]
    [InlineData("https://shop.example:443", "https://shop.example")]
    [InlineData("http://localhost:8080", "http://localhost:8080")]
    [InlineData("https://shop.example/", null)]
    [InlineData("https://shop.example/cart", null)]
    [InlineData("https://shop.example?x=1", null)]
    [InlineData("javascript:alert(1)", null)]
    [InlineData("null", null)]
    [InlineData("", null)]
    public void An_origin_is_kept_as_scheme_host_and_port_or_refused(string origin, string? expected) =>
        Assert.Equal(expected, WidgetOrigins.Normalize(origin));

    [Fact]
    public void An_empty_list_allows_any_origin_and_a_list_only_its_own()
    {
        Assert.True(WidgetOrigins.Allows([], null));
        Assert.True(WidgetOrigins.Allows(["https://shop.example"], "https://SHOP.example"));
        Assert.False(WidgetOrigins.Allows(["https://shop.example"], "https://shop.example.evil.example"));
        Assert.False(WidgetOrigins.Allows(["https://shop.example"], null));
    }
}
