using System.Text.RegularExpressions;

namespace Orbitalyntra;

/// <summary>
/// The ids that name people and things without saying anything about them (subject ids, sender ids, client message ids):
/// short, and made only of letters, digits, '-' and '_', so that they are safe in keys, URLs and logs.
/// </summary>
public static partial class OpaqueIds
{
    /// <summary>True for 1 to 64 letters, digits, '-' or '_'.</summary>
    public static bool IsValid(string? value) => value is not null && OpaqueId().IsMatch(value);

    [GeneratedRegex("^[A-Za-z0-9_-]{1,64}$")]
    private static partial Regex OpaqueId();
}
