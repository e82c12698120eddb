namespace Orbitalyntra.Accounts;

/// <summary>
/// A second factor being set up (docs/decisions/0053): the shared secret in Base32 for typing, and the
/// <c>otpauth://</c> address authenticator apps read from a link or QR code. Shown to the account holder only, once.
/// </summary>
/// <param name="Secret">The TOTP secret, Base32 (RFC 4648), 160 bits.</param>
/// <param name="Uri">The <c>otpauth://totp/…</c> address of the secret (SHA-1, 6 digits, 30 s: what every app reads).</param>
[GenerateSerializer, Immutable, Alias("orbitalyntra.accounts.second-factor-enrollment")]
public sealed record SecondFactorEnrollment([property: Id(0)] string Secret, [property: Id(1)] string Uri);

/// <summary>Whether an account signs in with a second factor.</summary>
/// <param name="Enabled">A code from the account holder's authenticator is asked at every sign-in.</param>
/// <param name="EnabledAt">Since when.</param>
[GenerateSerializer, Immutable, Alias("orbitalyntra.accounts.second-factor-status")]
public sealed record SecondFactorStatus([property: Id(0)] bool Enabled, [property: Id(1)] DateTimeOffset? EnabledAt);

/// <summary>The rules of second-factor codes.</summary>
public static class SecondFactorRules
{
    /// <summary>Digits of a code.</summary>
    public const int CodeLength = 6;

    /// <summary>Whether <paramref name="code"/> has the shape of a code (spaces allowed, as apps show them in groups).</summary>
    public static bool IsCodeShaped(string? code) =>
        code is not null && code.Replace(" ", "", StringComparison.Ordinal) is { Length: CodeLength } digits && digits.All(char.IsAsciiDigit);

    /// <summary>The code without the spaces people type.</summary>
    public static string Normalized(string code) => code.Replace(" ", "", StringComparison.Ordinal);
}
