using System.Net.Mail;
using Orbitalyntra.Accounts;

namespace Orbitalyntra.Web.Apis;

/// <summary>Field checks for accounts, collected per field for a validation problem.</summary>
public sealed class AccountRules
{
    private readonly Dictionary<string, string[]> problems = [];

    public IReadOnlyDictionary<string, string[]> Problems => problems;

    public bool Valid => problems.Count == 0;

    public AccountRules Text(string field, string? value, int max, bool required = true)
    {
        if (required && string.IsNullOrWhiteSpace(value))
        {
            problems[field] = [$"{field} is required."];
        }
        else if (value is not null && value.Length > max)
        {
            problems[field] = [$"{field} must be at most {max} characters."];
        }

        return this;
    }

    /// <summary>A one-line name, title or label (<see cref="TextRules.NameProblem"/>).</summary>
    public AccountRules Name(string field, string? value, int max, bool required = true) => Checked(field, value, max, required, TextRules.NameProblem);

    /// <summary>A text of one or more lines (<see cref="TextRules.ProseProblem"/>).</summary>
    public AccountRules Prose(string field, string? value, int max, bool required = true) => Checked(field, value, max, required, TextRules.ProseProblem);

    public AccountRules Email(string field, string? value)
    {
        if (value is null || value.Length > 254 || !MailAddress.TryCreate(value, out var address) || address.Address != value.Trim())
        {
            problems[field] = [$"{field} must be an e-mail address."];
        }

        return this;
    }

    public AccountRules Password(string field, string? value)
    {
        if (value is null || value.Length is < AgentRules.MinPasswordLength or > AgentRules.MaxPasswordLength)
        {
            problems[field] = [$"{field} must be {AgentRules.MinPasswordLength} to {AgentRules.MaxPasswordLength} characters."];
        }

        return this;
    }

    /// <summary>An authenticator's code: six digits, spaces allowed; absent is fine unless <paramref name="required"/>.</summary>
    public AccountRules SecondFactorCode(string field, string? value, bool required = false)
    {
        if ((value is not null || required) && !SecondFactorRules.IsCodeShaped(value))
        {
            problems[field] = [$"{field} must be the {SecondFactorRules.CodeLength} digits your authenticator app shows."];
        }

        return this;
    }

    public AccountRules TenantId(string field, string? value)
    {
        if (!TenantIds.IsValid(value))
        {
            problems[field] = [$"{field} must be 2 to 40 lower-case letters, digits or inner dashes."];
        }

        return this;
    }

    public AccountRules Billing(string field, string? value)
    {
        if (BillingReferences.Problem(value) is { } problem)
        {
            problems[field] = [problem];
        }

        return this;
    }

    public AccountRules NoCardNumber(string field, string? value)
    {
        if (BillingReferences.CardNumberIn(value, field) is { } problem)
        {
            problems[field] = [problem];
        }

        return this;
    }

    public AccountRules MailLanguage(string field, string? value)
    {
        if (!Notifications.MailLanguages.IsSupported(value))
        {
            problems[field] = [$"{field} must be fr or en."];
        }

        return this;
    }

    private AccountRules Checked(string field, string? value, int max, bool required, Func<string, string?> problemOf)
    {
        if (string.IsNullOrEmpty(value))
        {
            return required ? Text(field, value, max) : this;
        }

        if (value.Length > max)
        {
            return Text(field, value, max);
        }

        if (problemOf(value) is { } problem)
        {
            problems[field] = [$"{field} {problem}"];
        }

        return this;
    }

    public AccountRules Defined<TEnum>(string field, TEnum? value)
        where TEnum : struct, Enum
    {
        if (value is null || !Enum.IsDefined(value.Value))
        {
            problems[field] = [$"{field} must be one of: {string.Join(", ", Enum.GetNames<TEnum>().Select(n => n.ToLowerInvariant()))}."];
        }

        return this;
    }
}
