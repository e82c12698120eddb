using Orbitalyntra.Accounts;

namespace Orbitalyntra.UnitTests.Accounts;

/// <summary>A billing reference is a payment provider's token, never card data.</summary>
public sealed class BillingReferencesTests
{
    [Theory]
    [InlineData("4111111111111111")]
    [InlineData("4111 1111 1111 1111")]
    [InlineData("4111-1111-1111-1111")]
    [InlineData("card_5500005555555559")]
    [InlineData("378282246310005")]
    [InlineData("ref-2024-4111111111111111")]
    [InlineData("cus_41111111111111110000")]
    public void A_reference_holding_a_Luhn_valid_run_of_13_to_19_digits_is_refused(string cardLike) =>
        Assert.StartsWith("billingReference looks like a card number", BillingReferences.Problem(cardLike));

    [Theory]
    [InlineData("cus_NffrFeUfNV2Hib")]
    [InlineData("pm_1MqLiJLkdIwHu7ixUEgbFdYF")]
    [InlineData("inv_2024_0042")]
    [InlineData(null)]
    [InlineData("")]
    public void A_payment_provider_token_or_no_reference_is_accepted(string? token) => Assert.Null(BillingReferences.Problem(token));

    [Theory]
    [InlineData("cus 123")]
    [InlineData("cus/123")]
    public void A_reference_is_letters_digits_underscores_dashes_or_dots(string reference) =>
        Assert.StartsWith("billingReference must be a payment provider's token", BillingReferences.Problem(reference));

    [Fact]
    public void A_reference_is_at_most_128_characters()
    {
        Assert.Null(BillingReferences.Problem(new string('a', BillingReferences.MaxLength)));
        Assert.NotNull(BillingReferences.Problem(new string('a', BillingReferences.MaxLength + 1)));
    }

    [Theory]
    [InlineData("4111111111111", false)]
    [InlineData("0000000000000", true)]
    [InlineData("99378282246310005", true)]
    [InlineData("411111111111", false)]
    public void A_card_number_is_any_13_to_19_consecutive_digits_passing_the_Luhn_check(string digits, bool contains) =>
        Assert.Equal(contains, BillingReferences.ContainsCardNumber(digits));

    [Fact]
    public void Free_text_is_refused_when_it_holds_a_card_number_and_names_the_field()
    {
        Assert.Equal(
            "organisationDetails looks like it holds a card number; never send card data.",
            BillingReferences.CardNumberIn("Invoices to Acme Ltd; card 4111 1111 1111 1111 exp 12/30", "organisationDetails"));
        Assert.Null(BillingReferences.CardNumberIn("Acme Ltd, VAT FR 12 345 678 901, phone +33 1 23 45 67 89", "organisationDetails"));
        Assert.Null(BillingReferences.CardNumberIn(null, "organisationDetails"));
    }
}
