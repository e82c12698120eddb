using System.Globalization;
using System.Buffers;
using System.Diagnostics.CodeAnalysis;
using System.Text;

namespace Orbitalyntra;

/// <summary>
/// What a person's text may contain, wherever it is stored (issue 19): no control characters (a name none at all, a
/// multi-line text tab and line breaks only — so no NUL, no ANSI escape), no noncharacter (U+FFFE, U+FFFF…) or lone
/// surrogate, no bidirectional override in a name (<c>invoice\u202Egpj.exe</c>), and text made only of spaces, zero-width
/// and other format characters counts as blank. Checked at the edge and again by the grains that store it.
/// </summary>
public static class TextRules
{
    /// <summary>True when <paramref name="value"/> shows nothing: null, empty, or only white space and invisible format characters.</summary>
    public static bool IsBlank([NotNullWhen(false)] string? value) =>
        value is null || value.All(c => char.IsWhiteSpace(c) || CharUnicodeInfo.GetUnicodeCategory(c) == UnicodeCategory.Format);

    /// <summary>Null when <paramref name="value"/> is a valid one-line name, title or label; otherwise what is wrong with it.</summary>
    public static string? NameProblem(string value) => Problem(value, multiline: false);

    /// <summary>Null when <paramref name="value"/> is a valid text of several lines (a message, a body); otherwise what is wrong with it.</summary>
    public static string? ProseProblem(string value) => Problem(value, multiline: true);

    private static string? Problem(string value, bool multiline)
    {
        if (IsBlank(value))
        {
            return "must not be blank (spaces and invisible characters only).";
        }

        foreach (var rune in EnumerateRunes(value))
        {
            if (rune is null)
            {
                return "must be valid Unicode (it holds a lone surrogate).";
            }

            var r = rune.Value;
            if (Rune.IsControl(r) && !(multiline && r.Value is '\t' or '\n' or '\r'))
            {
                return multiline ? "must not contain control characters other than tab and line breaks." : "must be one line without control characters.";
            }

            if (IsNoncharacter(r))
            {
                return $"must not contain the noncharacter U+{r.Value:X4}.";
            }

            if (!multiline && IsBidiControl(r))
            {
                return $"must not contain the bidirectional control U+{r.Value:X4}, which can disguise what a name says.";
            }
        }

        return null;
    }

    /// <summary>The runes of <paramref name="value"/>, null for each lone surrogate.</summary>
    private static IEnumerable<Rune?> EnumerateRunes(string value)
    {
        for (var i = 0; i < value.Length;)
        {
            if (Rune.DecodeFromUtf16(value.AsSpan(i), out var rune, out var used) == OperationStatus.Done)
            {
                yield return rune;
            }
            else
            {
                yield return null;
            }

            i += Math.Max(used, 1);
        }
    }

    private static bool IsNoncharacter(Rune rune) =>
        rune.Value is >= 0xFDD0 and <= 0xFDEF || (rune.Value & 0xFFFE) == 0xFFFE;

    private static bool IsBidiControl(Rune rune) =>
        rune.Value is 0x061C or 0x200E or 0x200F or (>= 0x202A and <= 0x202E) or (>= 0x2066 and <= 0x2069);
}
