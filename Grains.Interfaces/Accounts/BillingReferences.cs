using System.Text.RegularExpressions;

namespace Orbitalyntra.Accounts;

/// <summary>
/// A billing reference is a payment provider's token (such as <c>cus_…</c> or <c>pm_…</c>), never card data: anything
/// that holds a run of 13 to 19 digits passing the Luhn check, with or without spaces and dashes, is refused.
/// </summary>
public static partial class BillingReferences
{
    /// <summary>Longest accepted reference.</summary>
    public const int MaxLength = 128;

    /// <summary>Null when the reference is acceptable, otherwise why not.</summary>
    public static string? Problem(string? reference)
    {
        if (string.IsNullOrEmpty(reference))
        {
            return null;
        }

        foreach (Match candidate in DigitRun().Matches(reference))
        {
            if (ContainsCardNumber(new string(candidate.Value.Where(char.IsAsciiDigit).ToArray())))
            {
                return "billingReference looks like a card number; send the payment provider's token instead, never card data.";
            }
        }

        return reference.Length > MaxLength || !Token().IsMatch(reference)
            ? $"billingReference must be a payment provider's token: up to {MaxLength} letters, digits, '_', '-' or '.'."
            : null;
    }

    /// <summary>True when any 13 to 19 consecutive digits of <paramref name="digits"/> pass the Luhn check.</summary>
    public static bool ContainsCardNumber(string digits)
    {
        for (var length = 13; length <= Math.Min(19, digits.Length); length++)
        {
            for (var start = 0; start + length <= digits.Length; start++)
            {
                if (PassesLuhn(digits.Substring(start, length)))
                {
                    return true;
                }
            }
        }

        return false;
    }

    /// <summary>Null when free text holds no card-like number, otherwise why it is refused.</summary>
    public static string? CardNumberIn(string? text, string field) =>
        text is not null && DigitRun().Matches(text).Any(run => ContainsCardNumber(new string(run.Value.Where(char.IsAsciiDigit).ToArray())))
            ? $"{field} looks like it holds a card number; never send card data."
            : null;

    private static bool PassesLuhn(string digits)
    {
        var sum = 0;
        for (var i = 0; i < digits.Length; i++)
        {
            var digit = digits[digits.Length - 1 - i] - '0';
            if (i % 2 == 1)
            {
                digit = digit * 2 > 9 ? digit * 2 - 9 : digit * 2;
            }

            sum += digit;
        }

        return sum % 10 == 0;
    }

    [GeneratedRegex("^[A-Za-z0-9_.-]+$")]
    private static partial Regex Token();

    [GeneratedRegex("[0-9][0-9 -]{11,}[0-9]")]
    private static partial Regex DigitRun();
}
